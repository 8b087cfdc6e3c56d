package io.lockscope.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryFilesTest {

    @Test
    void formulaLikeCellsAreShownAsTextAndOthersAreLeftAlone() {
        assertEquals("'=HYPERLINK(A1)", SummaryFiles.quote("=HYPERLINK(A1)"));
        assertEquals("'+1", SummaryFiles.quote("+1"));
        assertEquals("'-2+3", SummaryFiles.quote("-2+3"));
        assertEquals("'@SUM(A1)", SummaryFiles.quote("@SUM(A1)"));
        assertEquals("'\tx", SummaryFiles.quote("\tx"));
        assertEquals("\"'=a,b\"", SummaryFiles.quote("=a,b"), "neutralised, then quoted for its comma");
        assertEquals("ntrtscan.exe", SummaryFiles.quote("ntrtscan.exe"));
        assertEquals("0.125", SummaryFiles.quote("0.125"));
        assertEquals("", SummaryFiles.quote(""));
        assertEquals("\"a \"\"b\"\"\"", SummaryFiles.quote("a \"b\""));
    }
}
