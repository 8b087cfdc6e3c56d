package io.lockscope.ingest.procmon.pml;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PmlTablesTest {
    @Test
    void tableStringsEndAtTheirFirstNul() {
        char[] stored = "taskeng.exe {EA75}\0S-1-5-18:NT AUTHORITY\\System:Service:\0".toCharArray();
        assertEquals("taskeng.exe {EA75}", PmlTables.untilNul(stored, stored.length));
        char[] plain = "a.exe".toCharArray();
        assertEquals("a.exe", PmlTables.untilNul(plain, plain.length));
        assertEquals("a.e", PmlTables.untilNul(plain, 3));
    }
}
