package io.lockscope.ingest.etw.etl;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class Utf16TextsTest {
    private static byte[] utf16(String s, int slack) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        return Arrays.copyOf(b, b.length + slack);
    }

    @Test
    void theNulIsFoundAtEveryPositionAndAnUnterminatedTextRunsToTheEnd() {
        String text = "\\Device\\HarddiskVolume3\\Windows\\System32\\lib123.dll";
        for (int n = 0; n <= text.length(); n++) {
            byte[] b = utf16(text.substring(0, n), 2 + 14); // the NUL, then other fields' bytes
            Arrays.fill(b, 2 * n + 2, b.length, (byte) 0x41);
            assertEquals(2 * n, Utf16Texts.bytesBeforeNul(b, b.length), "NUL after " + n + " characters");
        }
        byte[] unterminated = utf16(text, 0);
        assertEquals(unterminated.length, Utf16Texts.bytesBeforeNul(unterminated, unterminated.length));
        // U+0100 and U+4E00 have a zero byte, but no zero character
        byte[] wide = utf16("\u0100\u4E00\u0100\u4E00x", 2);
        assertEquals(10, Utf16Texts.bytesBeforeNul(wide, wide.length));
    }

    @Test
    void eachTextGetsOneStringHoweverOftenAndWhateverFollowsIt() {
        Utf16Texts texts = new Utf16Texts();
        String[] first = new String[5000];
        for (int i = 0; i < first.length; i++) {
            String name = "\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor" + i + "\\Settings";
            byte[] b = utf16(name, 8);
            first[i] = texts.intern(b, 2 * name.length());
            assertEquals(name, first[i]);
        }
        for (int i = 0; i < first.length; i++) {
            String name = "\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor" + i + "\\Settings";
            byte[] b = utf16(name + "\\Value", 0);
            assertSame(first[i], texts.intern(b, 2 * name.length()), name);
        }
        byte[] longer = utf16("\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor1\\SettingsX", 0);
        assertNotSame(first[1], texts.intern(longer, longer.length));
        assertEquals("", texts.intern(new byte[4], 0));
    }

    @Test
    void idsNumberTheDistinctTextsInTheOrderFirstSeen() {
        Utf16Texts texts = new Utf16Texts();
        String[] names = {"\\Device\\HarddiskVolume3\\a.dll", "\\Device\\HarddiskVolume3\\b.dll", ""};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < names.length; i++) {
                byte[] b = utf16(names[i], 6);
                assertEquals(i, texts.id(b, 2 * names[i].length()), names[i]);
                assertSame(texts.intern(b, 2 * names[i].length()), texts.text(i));
            }
        }
        for (int i = 0; i < 2000; i++) { // past several rehashes, the first ids still stand
            String name = "\\Device\\HarddiskVolume3\\f" + i;
            assertEquals(names.length + i, texts.id(utf16(name, 0), 2 * name.length()));
        }
        assertEquals("\\Device\\HarddiskVolume3\\b.dll", texts.text(1));
        assertEquals(1, texts.id(utf16(names[1], 0), 2 * names[1].length()));
    }
}
