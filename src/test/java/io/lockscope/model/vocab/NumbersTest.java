package io.lockscope.model.vocab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {

    @Test
    void groupsByThreeWithTheLocaleSeparator() {
        assertEquals("0", Numbers.grouped(0, ','));
        assertEquals("999", Numbers.grouped(999, ','));
        assertEquals("1,000", Numbers.grouped(1000, ','));
        assertEquals("2,147,483,538", Numbers.grouped(2_147_483_538L, ','));
        assertEquals("16.384", Numbers.grouped(16_384, '.'));
        assertEquals("8\u00A0192", Numbers.grouped(8192, '\u00A0'));
        assertEquals("-1,073,740,756", Numbers.grouped(-1_073_740_756, ','));
        assertEquals("-9,223,372,036,854,775,808", Numbers.grouped(Long.MIN_VALUE, ','));
    }

    @Test
    void parsesOnlyTheExactGroupedSpelling() {
        assertEquals(16_384, Numbers.parseGrouped("16,384", ','));
        assertEquals(16_384, Numbers.parseGrouped("16.384", '.'));
        assertEquals(8192, Numbers.parseGrouped("8\u00A0192", '\u00A0'));
        assertEquals(-5, Numbers.parseGrouped("-5", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("16384", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("1,63,84", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("016", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("-", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("99,999,999,999,999,999,999", ','));
        assertEquals(Numbers.INVALID, Numbers.parseGrouped("8 192", '\u00A0'), "a plain space is not NBSP");
    }

    @Test
    void plainAndHex() {
        assertEquals(3232, Numbers.parsePlain("3232"));
        assertEquals(-1_073_740_756, Numbers.parsePlain("-1073740756"));
        assertEquals(Numbers.INVALID, Numbers.parsePlain("+5"));
        assertEquals(Numbers.INVALID, Numbers.parsePlain("3,232"));
        assertEquals(0x7ff795e70000L, Numbers.parseHex("0x7ff795e70000"));
        assertEquals(Numbers.INVALID, Numbers.parseHex("0x7FF795E70000"), "procmon writes image bases in lower case");
        assertEquals(Numbers.INVALID, Numbers.parseHex("0x"));
        assertEquals("0xffffffffffffffff", Numbers.hex(-1));
    }
}
