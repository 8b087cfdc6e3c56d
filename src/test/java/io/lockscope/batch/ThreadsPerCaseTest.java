package io.lockscope.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadsPerCaseTest {
    @Test
    void theCoresAreSharedAmongTheCasesThatRunAtOnce() {
        assertEquals(1, BatchRunner.threadsPerCase(2, 2, 200), "--jobs 2 on 2 cores: the reading thread only");
        assertEquals(1, BatchRunner.threadsPerCase(16, 16, 1000));
        assertEquals(4, BatchRunner.threadsPerCase(16, 4, 1000));
        assertEquals(5, BatchRunner.threadsPerCase(16, 16, 3), "3 cases on 16 cores use the idle ones");
        assertEquals(2, BatchRunner.threadsPerCase(2, 1, 50));
        assertEquals(1, BatchRunner.threadsPerCase(1, 4, 0), "never less than one");
    }
}
