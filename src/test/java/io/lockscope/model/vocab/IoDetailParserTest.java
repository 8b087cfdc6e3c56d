package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast ReadFile/WriteFile reader against its oracle, {@link DetailFormat#parse}. */
class IoDetailParserTest {
    private static final List<NumberStyle> STYLES = List.of(NumberStyle.EN_US, NumberStyle.EUROPEAN, NumberStyle.NBSP);

    @Test
    void readsWhatProcmonWrites() {
        IoDetailParser en = new IoDetailParser(NumberStyle.EN_US);
        assertEquals(new IoDetail(0, 512, -1, -1), parse(en, "Offset: 0, Length: 512"));
        assertEquals(new IoDetail(1_048_576, 4096, 0x43, 3),
                parse(en, "Offset: 1,048,576, Length: 4,096, I/O Flags: Non-cached, Paging I/O, Synchronous Paging I/O,"
                        + " Priority: Normal"));
        assertEquals(new IoDetail(16_384, 8192, -1, -1), parse(new IoDetailParser(NumberStyle.EUROPEAN),
                "Offset: 16.384, Length: 8.192"));
        assertEquals(new IoDetail(16_384, 8192, -1, -1), parse(new IoDetailParser(NumberStyle.NBSP),
                "Offset: 16\u00A0384, Length: 8\u00A0192"));
    }

    @Test
    void leavesToTheFullParseWhatItCannotTellQuickly() {
        IoDetailParser en = new IoDetailParser(NumberStyle.EN_US);
        for (String text : List.of("Offset: 1234, Length: 1", "Offset: 01, Length: 1", "Offset: 0,123, Length: 1",
                "Offset: 1,23, Length: 1", "Offset: 1,2345, Length: 1", "Offset: -1, Length: 4,096",
                "Offset: 1,000,000,000,000,000,000, Length: 1", "Offset: 1, Length: 1, I/O Flags: Nonsense",
                "Offset: 1, Length: 1x", "Offset: 1, Length: ", "Offset: , Length: 1", "Length: 1", "Offset: 1",
                "Offset: 1, Length: 1, Priority: 0x0")) {
            assertNull(parse(en, text), text);
        }
    }

    /**
     * Every IoDetail rendered, and every text a random edit makes of one: where the fast reader gives
     * a Detail it is the full parse's; for the rendered texts it gives one.
     */
    @Test
    void agreesWithTheFullParse() {
        Random random = new Random(12);
        int[] flags = {-1, 0x1, 0x2, 0x4, 0x10, 0x40, 0x43, 0x400000, 0x400001, 0x800000};
        int fastOnEdits = 0;
        for (NumberStyle style : STYLES) {
            IoDetailParser parser = new IoDetailParser(style);
            for (int k = 0; k < 20_000; k++) {
                long offset = random.nextBoolean() ? random.nextInt(5000) : random.nextLong() >>> random.nextInt(64);
                long length = random.nextInt(3) == 0 ? 0 : random.nextInt(1 << random.nextInt(24));
                IoDetail io = new IoDetail(offset, length, flags[random.nextInt(flags.length)], random.nextInt(7) - 1);
                String text = DetailFormat.render(Operation.READ_FILE, io, style);
                Detail full = DetailFormat.parse(Operation.READ_FILE, text, style);
                IoDetail fast = parse(parser, text);
                if (full instanceof IoDetail && offset >= 0 && offset < 1_000_000_000_000_000_000L) {
                    assertNotNull(fast, text);
                }
                if (fast != null) {
                    assertEquals(full, fast, text);
                }
                String edited = edit(text, random);
                IoDetail fastEdited = parse(parser, edited);
                if (fastEdited != null) {
                    assertEquals(DetailFormat.parse(Operation.WRITE_FILE, edited, style), fastEdited, edited);
                    fastOnEdits++;
                }
            }
        }
        assertTrue(fastOnEdits > 1000, "edits that keep the form are read too: " + fastOnEdits);
    }

    private static String edit(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int at = random.nextInt(out.length());
        switch (random.nextInt(4)) {
            case 0 -> out.deleteCharAt(at);
            case 1 -> out.insert(at, "0123456789,. \u00A0-x".charAt(random.nextInt(16)));
            case 2 -> out.setCharAt(at, "0123456789,. \u00A0-x".charAt(random.nextInt(16)));
            default -> out.setLength(at);
        }
        return out.toString();
    }

    private static IoDetail parse(IoDetailParser parser, String text) {
        char[] padded = ("#" + text + "#").toCharArray(); // a slice, as a row holds it
        return parser.parse(padded, 1, text.length());
    }
}
