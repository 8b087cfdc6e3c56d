package io.lockscope.ingest.etw.etl;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** QPC timestamps to FILETIME: every path of {@link LogfileHeader#toFileTime} gives the exact quotient. */
class LogfileHeaderClockTest {
    private static final long START = 132_400_000_000_000_000L;
    private static final long HEADER_RAW = 1_000_000_000L;

    private static LogfileHeader qpc(long perfFreq) {
        return new LogfileHeader(65536, 0, 0, 2, 0, 156250, 0, 0, 8, 0, 0, null, 0, perfFreq, START, 1, 0, "", "",
                HEADER_RAW);
    }

    /** START + delta × 10^7 / perfFreq, truncated toward zero, computed without overflow. */
    private static long exact(long delta, long perfFreq) {
        return BigInteger.valueOf(delta).multiply(BigInteger.valueOf(10_000_000L))
                .divide(BigInteger.valueOf(perfFreq)).add(BigInteger.valueOf(START)).longValue();
    }

    @Test
    void everyClockRateGivesTheExactFileTime() {
        // 10 MHz (Windows 10 and later), the ACPI PM timer's 3.579545 MHz, a TSC-like 2.9 GHz
        long[] rates = {10_000_000L, 3_579_545L, 2_900_000_000L};
        long[] deltas = {0, 1, -1, 7, 3_579_544, 3_579_546, -3_579_546, 86_400L * 3_579_545, 922_337_203_685L,
                922_337_203_686L, -922_337_203_686L, 4_000_000_000_000_000L, -4_000_000_000_000_000L};
        for (long rate : rates) {
            LogfileHeader h = qpc(rate);
            for (long delta : deltas) {
                assertEquals(exact(delta, rate), h.toFileTime(HEADER_RAW + delta), "rate " + rate + ", delta " + delta);
            }
        }
    }
}
