package io.lockscope.ingest.procmon;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.model.vocab.ProcmonColumn;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportRowAssemblerTest {
    private static final long HOUR = 3600 * ExportClock.TICKS_PER_SECOND;

    /** A row holding {@code values} (column → text) in one char buffer, as a tokenizer would. */
    static ExportRow row(Map<ProcmonColumn, String> values) {
        ExportRow row = new ExportRow();
        StringBuilder all = new StringBuilder();
        Map<ProcmonColumn, int[]> at = new LinkedHashMap<>();
        values.forEach((c, v) -> {
            at.put(c, new int[] {all.length(), v.length()});
            all.append(v);
        });
        row.bind(all.toString().toCharArray());
        at.forEach((c, s) -> row.set(c, s[0], s[1]));
        return row;
    }

    static ExportRow event(String time, String detail) {
        Map<ProcmonColumn, String> v = new LinkedHashMap<>();
        v.put(ProcmonColumn.TIME_OF_DAY, time);
        v.put(ProcmonColumn.PROCESS_NAME, "a.exe");
        v.put(ProcmonColumn.PID, "10");
        v.put(ProcmonColumn.OPERATION, "ReadFile");
        v.put(ProcmonColumn.PATH, "C:\\a");
        v.put(ProcmonColumn.RESULT, "SUCCESS");
        v.put(ProcmonColumn.DETAIL, detail);
        return row(v);
    }

    private static ExportRowAssembler assembler() {
        return new ExportRowAssembler(new TraceBuilder("t", "procmon-csv"), ReadOptions.DEFAULT);
    }

    @Test
    void numberStyleFollowsTheTimeDecimalAndNbspInDetails() throws Exception {
        ExportRowAssembler us = assembler();
        us.add(event("1:00:00.0000000 AM", "Offset: 16,384, Length: 4,096"), 2);
        assertEquals(NumberStyle.EN_US, us.numberStyle());

        ExportRowAssembler eu = assembler();
        eu.add(event("15:42:22,8459553", "Offset: 536.064, Length: 16.384"), 2);
        assertEquals(NumberStyle.EUROPEAN, eu.numberStyle());

        ExportRowAssembler ru = assembler();
        ru.add(event("19:04:47,3955378", "Offset: 0, Length: 512"), 2);
        assertEquals(NumberStyle.EUROPEAN, ru.numberStyle(), "no grouped number seen yet");
        ru.add(event("19:04:47,3968871", "AllocationSize: 8\u00A0192, EndOfFile: 4\u00A0534"), 3);
        assertEquals(NumberStyle.NBSP, ru.numberStyle());
        ru.add(event("19:04:47,3970000", "Offset: 1.000"), 4);
        assertEquals(NumberStyle.NBSP, ru.numberStyle(), "once seen, NBSP stays");
    }

    @Test
    void midnightRollOverNeedsABackwardStepOfMoreThanTwelveHours() throws Exception {
        ExportRowAssembler a = assembler();
        a.add(event("13:00:00,0", ""), 2);
        a.add(event("01:00:01,0", ""), 3);   // 11:59:59 back: not a new day (a clock adjustment at most)
        a.add(event("00:59:59,0", ""), 4);   // small reordering step
        a.add(event("13:00:00,0", ""), 5);
        a.add(event("00:59:59,0", ""), 6);   // 12:00:01 back: next day
        Trace t = a.finish();
        assertEquals(13 * HOUR, t.events().time(0));
        assertEquals(HOUR + ExportClock.TICKS_PER_SECOND, t.events().time(1));
        assertEquals(HOUR - ExportClock.TICKS_PER_SECOND, t.events().time(2));
        assertEquals(ExportClock.TICKS_PER_DAY + HOUR - ExportClock.TICKS_PER_SECOND, t.events().time(4));
    }

    private static ExportRow op(String pid, String name, String operation, String detail) {
        Map<ProcmonColumn, String> v = new LinkedHashMap<>();
        v.put(ProcmonColumn.TIME_OF_DAY, "1:00:00.0000000 AM");
        v.put(ProcmonColumn.PROCESS_NAME, name);
        v.put(ProcmonColumn.PID, pid);
        v.put(ProcmonColumn.OPERATION, operation);
        v.put(ProcmonColumn.RESULT, "SUCCESS");
        v.put(ProcmonColumn.DETAIL, detail);
        return row(v);
    }

    @Test
    void aProcessStartAlwaysBeginsANewProcess() throws Exception {
        ExportRowAssembler a = assembler();
        a.add(op("50", "a.exe", "ReadFile", "Offset: 0, Length: 1"), 2);
        a.add(op("50", "a.exe", "Process Start", "Parent PID: 4, Command line: a.exe"), 3);   // its Exit was not captured
        a.add(op("50", "a.exe", "ReadFile", "Offset: 0, Length: 1"), 4);
        Trace t = a.finish();
        assertEquals(2, t.processes().size());
        assertEquals(0, t.events().processKey(0));
        assertEquals(1, t.events().processKey(1));
        assertEquals(1, t.events().processKey(2));
        assertEquals("a.exe", t.process(1).commandLine());
    }

    @Test
    void aProcessCreateAfterAnExitHandsThePidToTheChild() throws Exception {
        ExportRowAssembler a = assembler();
        a.add(op("50", "a.exe", "Process Exit", "Exit Status: 0"), 2);
        a.add(op("50", "a.exe", "CloseFile", ""), 3);                    // still the exited process
        a.add(op("8", "parent.exe", "Process Create", "PID: 50, Command line: a.exe"), 4);
        a.add(op("50", "a.exe", "CloseFile", ""), 5);                    // the child; its Process Start was filtered
        Trace t = a.finish();
        assertEquals(t.events().processKey(0), t.events().processKey(1));
        assertTrue(t.events().processKey(3) != t.events().processKey(0));
        assertEquals(3, t.processes().size());
    }

    @Test
    void completionTimeGivesTheDurationAndEventClassTheClassOfAnUnknownOperation() throws Exception {
        Map<ProcmonColumn, String> v = new LinkedHashMap<>();
        v.put(ProcmonColumn.TIME_OF_DAY, "11:59:59.9999000 PM");
        v.put(ProcmonColumn.COMPLETION_TIME, "12:00:00.0000500 AM");
        v.put(ProcmonColumn.PROCESS_NAME, "a.exe");
        v.put(ProcmonColumn.PID, "1");
        v.put(ProcmonColumn.OPERATION, "QueryFutureInformationFile");
        v.put(ProcmonColumn.EVENT_CLASS, "File System");
        ExportRowAssembler a = assembler();
        a.add(row(v), 2);
        Trace t = a.finish();
        assertEquals(1_500, t.events().duration(0), "across midnight");
        assertEquals("QueryFutureInformationFile", t.events().operationName(0));
        assertEquals(io.lockscope.model.EventClass.FILE_SYSTEM, t.events().eventClass(0));
        assertEquals(ExportRowAssembler.UNRECOGNISED_RESULT, t.events().result(0), "no Result column");
        assertTrue(t.report().warnings().get(0).startsWith("the export has no Result column"), t.report().warnings().toString());
    }

    @Test
    void aBadValueLeavesTheTraceUntouched() throws Exception {
        TraceBuilder b = new TraceBuilder("t", "procmon-csv");
        ExportRowAssembler a = new ExportRowAssembler(b, ReadOptions.DEFAULT);
        ExportRow bad = event("1:00:00.0 AM", "");
        Map<ProcmonColumn, String> v = new LinkedHashMap<>();
        v.put(ProcmonColumn.TIME_OF_DAY, "1:00:00.0 AM");
        v.put(ProcmonColumn.PROCESS_NAME, "new.exe");
        v.put(ProcmonColumn.PID, "77");
        v.put(ProcmonColumn.PARENT_PID, "not a pid");
        BadRowException e = assertThrows(BadRowException.class, () -> a.add(row(v), 2));
        assertEquals("bad Parent PID", e.reason());
        assertEquals(0, b.processCount(), "no process was added for the bad row");
        assertEquals(0, b.eventCount());
        a.add(bad, 3);
        assertEquals(1, b.processCount());
        assertTrue(e.detail().contains("\"not a pid\""), e.detail());
    }
}
