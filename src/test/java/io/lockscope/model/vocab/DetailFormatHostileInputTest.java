package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.Detail;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Garbage, truncated and near-miss Detail texts: parse never throws, and whatever it returns
 * renders back to the input, for every operation and number style.
 */
class DetailFormatHostileInputTest {
    private static final NumberStyle[] STYLES = {NumberStyle.EN_US, NumberStyle.EUROPEAN, NumberStyle.NBSP};

    private static List<String> hostileTexts() {
        List<String> texts = new ArrayList<>(List.of(
                ", ", ": ", "Offset: ", "Offset: , Length: ", "Offset: -, Length: 1", "Length: -1", "Index: -1",
                "Index: 4,294,967,296, Length: 1", "Offset: 9,223,372,036,854,775,808, Length: 1",
                "Offset: 1,2, Length: 3", "Desired Access: , Disposition: , Options: , Attributes: , ShareMode: , AllocationSize: ",
                "Desired Access: None 0x, Disposition: Open, Options: , Attributes: n/a, ShareMode: None, AllocationSize: n/a",
                "Desired Access: Read Attributes, Disposition: <unknown>, Options: , Attributes: n/a, ShareMode: None, AllocationSize: n/a",
                "Attributes: NCINCINCI", "FileAttributes: DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD",
                "Type: <Unknown: >, Length: 0", "Type: <Unknown: 99999999999>", "Data: ", "Delete: true",
                "Flags: FILE_DISPOSITION_DELETE, FILE_DISPOSITION_DELETE", "SyncType: Unknown: 0x",
                "PageProtection: |PAGE_NOCACHE|PAGE_NOCACHE", "Image Base: 0xZZ, Image Size: 0x",
                "Private Bytes: 1,2,3", "Thread ID: 1, Thread ID: 2", "Exclusive: True, Offset: 1, Length: 1, Fail Immediately: Maybe",
                "ReplaceIfExists: False, FileName: ", "ReplaceIfExists: False, FileName: a, FileName: b",
                "\u0000\uFFFF\r\n\t", "Desired Access: Read, Granted Access: ,"));
        Random random = new Random(42);
        String alphabet = "Offset: Length, 0123456789.\u00A0DesiredAccesNnRWI/OFlagsTypeREG_SZData:";
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(60);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        texts.add("Desired Access: " + "Read Attributes, ".repeat(20_000) + "Disposition: Open");
        return texts;
    }

    @Test
    void neverThrowsAndAlwaysRendersBack() {
        List<String> texts = hostileTexts();
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            for (Operation op : Operation.values()) {
                for (NumberStyle style : STYLES) {
                    for (String text : texts) {
                        Detail d = DetailFormat.parse(op, text, style);
                        assertEquals(text, DetailFormat.render(op, d, style), () -> op + " " + style + " " + text);
                    }
                }
            }
        });
    }
}
