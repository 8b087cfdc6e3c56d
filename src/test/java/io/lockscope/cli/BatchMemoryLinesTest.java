package io.lockscope.cli;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.BatchRunner;
import io.lockscope.batch.CaseSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code batch} tells on stderr about the heap: the cases that fitted only when run alone, which
 * made the others wait, apart from those that did not fit even alone.
 */
class BatchMemoryLinesTest {
    private static final CaseSummary OUT_ALONE = CaseSummary.error(new BatchCase("big", "big", "big"),
            CaseSummary.OUT_OF_MEMORY, "out of memory in a 32 MiB heap, also when run alone", 1.0);
    private static final CaseSummary BAD = CaseSummary.error(new BatchCase("bad", "bad", "bad.zip"),
            CaseSummary.BAD_INPUT, "bad.zip: not a zip", 0.1);

    @Test
    void casesThatFittedOnlyAloneAreToldApartFromThoseThatDidNotFitAtAll() {
        // three ran again alone: the one out of memory even alone, and two that then fitted
        List<String> lines = BatchCommand.memoryLines(new BatchRunner.Result(List.of(BAD, OUT_ALONE), 2, 0, 3));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("lockscope: 2 of the cases ran out of memory beside others, so each ran again alone"
                + " while the others waited; more heap than the \\S+ [MG]iB now \\(such as JAVA_OPTS=-Xmx\\d+[mg]\\) lets"
                + " such cases run side by side"), lines.get(0));
        assertTrue(lines.get(1).startsWith("lockscope: 1 of the cases ran out of memory even alone: give the JVM more heap"),
                lines.get(1));
    }

    @Test
    void nothingIsToldWhenEveryCaseFittedBesideTheOthers() {
        assertEquals(List.of(), BatchCommand.memoryLines(new BatchRunner.Result(List.of(BAD), 1, 0, 0)));
    }

    @Test
    void withOneJobACaseOutOfMemoryRanAloneOnlyOnce() {
        // one job: nothing runs again, so the case out of memory is the only line
        List<String> lines = BatchCommand.memoryLines(new BatchRunner.Result(List.of(OUT_ALONE), 1, 0, 0));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("ran out of memory even alone"), lines.get(0));
    }
}
