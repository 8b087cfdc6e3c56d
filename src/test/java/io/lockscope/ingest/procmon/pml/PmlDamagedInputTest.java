package io.lockscope.ingest.procmon.pml;

import io.lockscope.export.pml.PmlWriter;
import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and hostile PML files: a clear BadInputException with the byte offset, or a counted partial read. */
class PmlDamagedInputTest {
    private static final int EVENTS = 100;

    @TempDir
    Path temp;
    private Path good;

    @BeforeEach
    void writeGoodFile() throws Exception {
        good = temp.resolve("good.pml");
        try (PmlWriter w = PmlWriter.open(good, PmlWriter.Machine.DEFAULT)) {
            int p = w.addProcess(ProcessInfo.of(620, "TiWorker.exe"));
            for (int i = 0; i < EVENTS; i++) {
                w.event(132_400_000_000_000_000L + i, 10, p, 7, Operation.READ_FILE, null, NtStatus.SUCCESS,
                        "C:\\Windows\\INF\\oposdrv.inf", new IoDetail(i * 4096L, 4096, -1, -1),
                        new long[] {0xFFFFF80000001000L}, 1);
            }
        }
    }

    private Trace read(Path file) throws Exception {
        return new PmlReader().read(file, file.getFileName().toString(), ReadOptions.DEFAULT);
    }

    private Path patched(String name, int offset, ByteBuffer value) throws Exception {
        Path copy = temp.resolve(name);
        Files.copy(good, copy);
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            ch.write(value, offset);
        }
        return copy;
    }

    private static ByteBuffer u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
    }

    private static ByteBuffer u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
    }

    @Test
    void goodFileReads() throws Exception {
        Trace t = read(good);
        assertEquals(EVENTS, t.size());
        assertEquals(0, t.report().warningCount());
    }

    @Test
    void unknownVersionIsUnsupported() throws Exception {
        BadInputException e = assertThrows(BadInputException.Unsupported.class,
                () -> read(patched("v10.pml", PmlLayout.H_VERSION, u32(10))));
        assertTrue(e.getMessage().contains("v10.pml: byte 4 (0x4): PML format version 10"), e.getMessage());
    }

    @Test
    void hugeEventCountIsCorruptNotOutOfMemory() throws Exception {
        BadInputException e = assertThrows(BadInputException.Corrupt.class,
                () -> read(patched("count.pml", PmlLayout.H_EVENT_COUNT, u32(Integer.MIN_VALUE))));
        assertTrue(e.getMessage().contains("byte 564 (0x234)") && e.getMessage().contains("2147483648"), e.getMessage());
    }

    @Test
    void zeroTableOffsetsMeanNotClosedCleanly() throws Exception {
        BadInputException e = assertThrows(BadInputException.Corrupt.class,
                () -> read(patched("open.pml", PmlLayout.H_PROCESSES, u64(0))));
        assertTrue(e.getMessage().contains("not closed cleanly"), e.getMessage());
    }

    @Test
    void aFileCutInItsTablesNamesTheMissingTable() throws Exception {
        Path cut = temp.resolve("cut.pml");
        byte[] all = Files.readAllBytes(good);
        long eventOffsets = ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(PmlLayout.H_EVENT_OFFSETS);
        Files.write(cut, java.util.Arrays.copyOf(all, (int) eventOffsets + 1));
        BadInputException e = assertThrows(BadInputException.Truncated.class, () -> read(cut));
        assertTrue(e.getMessage().contains("cut.pml: byte 592 (0x250)") && e.getMessage().contains("past the end"),
                e.getMessage());
    }

    @Test
    void aFileCutInItsEventsIsReadUpToTheCut() throws Exception {
        Path cut = temp.resolve("cut.pml");
        byte[] all = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        Trace whole = read(good);
        Trace t = read(cut);
        io.lockscope.model.Truncation truncation = t.report().truncation();
        assertTrue(t.size() > 0 && t.size() < whole.size(), t.size() + " of " + whole.size());
        assertEquals(whole.size() - t.size(), truncation.recordsLost(), "the header's event count tells the loss");
        assertTrue(truncation.position() <= all.length / 2 && !truncation.lowerBound(), truncation.toString());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(whole.events().time(i), t.events().time(i), "event " + i);
            assertEquals(whole.events().path(i), t.events().path(i), "event " + i);
        }
    }

    @Test
    void fileShorterThanTheHeaderIsTruncated() throws Exception {
        Path tiny = temp.resolve("tiny.pml");
        Files.write(tiny, new byte[] {'P', 'M', 'L', '_', 9, 0, 0, 0});
        assertThrows(BadInputException.Truncated.class, () -> read(tiny));
    }

    @Test
    void eventOffsetPastTheEndIsSkippedAndCounted() throws Exception {
        long offsetsAt = readHeaderU64(PmlLayout.H_EVENT_OFFSETS);
        Path bad = patched("offset.pml", (int) offsetsAt + 3 * PmlLayout.EVENT_OFFSET_ENTRY, u32(0x7FFFFFF0));
        Trace t = read(bad);
        assertEquals(EVENTS - 1, t.size());
        assertEquals(1, t.report().skippedTotal());
        assertTrue(t.report().warnings().get(0).contains("event 3 at byte"), t.report().warnings().toString());
        assertTrue(t.report().warnings().get(1).contains("read 99 of 100 events"), t.report().warnings().toString());
    }

    @Test
    void eventOffsetsPointingIntoAnEarlierRecordAreSkippedNotDecodedAgain() throws Exception {
        long offsetsAt = readHeaderU64(PmlLayout.H_EVENT_OFFSETS);
        long firstEvent = readHeaderU64(PmlLayout.H_FIRST_EVENT);
        Path bad = temp.resolve("same-record.pml");
        Files.copy(good, bad);
        try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.WRITE)) {
            for (int i = 1; i < EVENTS; i++) {
                ch.write(u32((int) firstEvent), offsetsAt + (long) i * PmlLayout.EVENT_OFFSET_ENTRY);
            }
        }
        Trace t = read(bad);
        assertEquals(1, t.size());
        assertEquals(EVENTS - 1, t.report().skippedByReason().get("PML event record inside the one before it"));
        assertTrue(t.report().warnings().get(0).startsWith("same-record.pml: event 1 at byte "), t.report().warnings().toString());
    }

    @Test
    void stringEntriesSharingARecordAreRefused() throws Exception {
        long table = readHeaderU64(PmlLayout.H_STRINGS);
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(good, StandardOpenOption.READ)) {
            ch.read(head, table);
        }
        assertTrue(head.getInt(0) >= 2, "the file has two strings at least");
        int firstRel = head.getInt(4);
        // string 0 claims every byte to the end of the file (which fits), and string 1 is the same record
        Path bad = patched("shared.pml", (int) table + 8, u32(firstRel));
        try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.WRITE)) {
            ch.write(u32((int) (Files.size(good) - table - firstRel - 4)), table + firstRel);
        }
        BadInputException e = assertThrows(BadInputException.Corrupt.class, () -> read(bad));
        assertTrue(e.getMessage().contains("the strings add up to") && e.getMessage().contains("entries share records"),
                e.getMessage());
    }

    @Test
    void detailSizePastTheEndIsSkippedAndCounted() throws Exception {
        long firstEvent = readHeaderU64(PmlLayout.H_FIRST_EVENT);
        Trace t = read(patched("detail.pml", (int) firstEvent + PmlLayout.E_DETAIL_SIZE, u32(-1)));
        assertEquals(EVENTS - 1, t.size());
        assertEquals(1, t.report().skippedTotal());
    }

    @Test
    void inconsistentDetailKeepsTheEventAndWarns() throws Exception {
        long firstEvent = readHeaderU64(PmlLayout.H_FIRST_EVENT);
        // the path string info claims 0x7FFF characters, far more than the blob holds
        int pathInfoAt = (int) firstEvent + PmlLayout.EVENT_HEADER_SIZE + 8 + PmlLayout.fsPathInfo(8);
        Trace t = read(patched("path.pml", pathInfoAt, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(0, (short) 0x7FFF)));
        assertEquals(EVENTS, t.size());
        assertEquals(Detail.None.INSTANCE, t.events().detail(0));
        assertEquals("", t.events().path(0));
        assertEquals("C:\\Windows\\INF\\oposdrv.inf", t.events().path(1));
        assertTrue(t.report().warnings().get(0).contains("1 events kept without their detail"),
                t.report().warnings().toString());
    }

    @Test
    void unknownProcessIndexIsSkipped() throws Exception {
        long firstEvent = readHeaderU64(PmlLayout.H_FIRST_EVENT);
        Trace t = read(patched("process.pml", (int) firstEvent + PmlLayout.E_PROCESS_INDEX, u32(99)));
        assertEquals(EVENTS - 1, t.size());
        assertTrue(t.report().warnings().get(0).contains("process index 99"), t.report().warnings().toString());
    }

    @Test
    void garbageWithTheMagicIsABadInputNotACrash() throws Exception {
        java.util.Random r = new java.util.Random(3);
        for (int round = 0; round < 50; round++) {
            byte[] bytes = Files.readAllBytes(good);
            for (int k = 0; k < 40; k++) {
                bytes[4 + r.nextInt(bytes.length - 4)] = (byte) r.nextInt();
            }
            Path f = temp.resolve("garbage" + round + ".pml");
            Files.write(f, bytes);
            try {
                Trace t = read(f);
                assertTrue(t.size() <= EVENTS);
            } catch (BadInputException expected) {
                assertTrue(expected.getMessage().startsWith(f.getFileName().toString()), expected.getMessage());
            }
        }
    }

    @Test
    void unreadableHostAndPortNamesOnlyWarn() throws Exception {
        long hosts = readHeaderU64(PmlLayout.H_HOSTS_PORTS);
        Trace t = read(patched("hosts.pml", (int) hosts, u32(0x7FFFFFFF)));
        assertEquals(EVENTS, t.size());
        assertTrue(t.report().warnings().get(0).contains("host and port names unreadable"),
                t.report().warnings().toString());
    }

    @Test
    void smallMappingWindowsReadTheSameEvents() throws Exception {
        Trace whole = read(good);
        Trace windowed = new PmlReader(12, PmlParts.MIN_PART_EVENTS).read(good, "good.pml", ReadOptions.DEFAULT);
        EventStore a = whole.events();
        EventStore b = windowed.events();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.time(i), b.time(i));
            assertEquals(a.path(i), b.path(i));
            assertEquals(a.detail(i), b.detail(i));
        }
    }

    @Test
    void stackLongerThanTheWindowOverlapReadsTwice() throws Exception {
        Path deep = temp.resolve("deep.pml");
        long[] stack = new long[20_000]; // 160,000 bytes: more than one read may span inside a window
        for (int k = 0; k < stack.length; k++) {
            stack[k] = 0xFFFFF80000000000L + 16L * k;
        }
        try (PmlWriter w = PmlWriter.open(deep, PmlWriter.Machine.DEFAULT)) {
            int p = w.addProcess(ProcessInfo.of(4, "System"));
            for (int i = 0; i < 3; i++) {
                w.event(132_400_000_000_000_000L + i, 1, p, 8, Operation.CLOSE_FILE, null, NtStatus.SUCCESS, "C:\\x",
                        Detail.None.INSTANCE, stack, stack.length);
            }
        }
        for (int shift : new int[] {12, 30}) {
            Trace t = new PmlReader(shift, PmlParts.MIN_PART_EVENTS).read(deep, "deep.pml", ReadOptions.DEFAULT);
            assertEquals(3, t.size());
            assertEquals(t.events().stackId(0), t.events().stackId(2), "one interned stack");
            assertEquals(20_000, t.stacks().frames(t.events().stackId(1)).size());
            assertEquals(stack[19_999], t.stacks().frames(t.events().stackId(1)).get(19_999).address());
        }
    }

    @Test
    void version7ReadsWithTheVersion9Layout() throws Exception {
        Trace t = read(patched("v7.pml", PmlLayout.H_VERSION, u32(7)));
        assertEquals(EVENTS, t.size());
        assertEquals(List.of(), t.report().warnings());
    }

    @Test
    void sniffRecognisesOnlyTheMagic() {
        PmlReader r = new PmlReader();
        assertTrue(r.sniff("PML_\u0009".getBytes(), 5));
        assertTrue(!r.sniff("PMLX".getBytes(), 4));
        assertTrue(!r.sniff("PM".getBytes(), 2));
    }

    @Test
    void readersFindThePmlReaderByContent() throws Exception {
        assertTrue(io.lockscope.ingest.Formats.detect(good).traceReader() instanceof PmlReader);
        assertEquals(EVENTS, io.lockscope.ingest.Formats.readTrace(good, "good.pml", ReadOptions.DEFAULT).size());
    }

    private long readHeaderU64(int offset) throws Exception {
        try (FileChannel ch = FileChannel.open(good, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, offset);
            return b.getLong(0);
        }
    }
}
