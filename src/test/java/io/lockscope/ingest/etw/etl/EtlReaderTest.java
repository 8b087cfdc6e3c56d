package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.etw.testing.EtwCorpus;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.ingest.etw.testing.TraceEventBaseline;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static io.lockscope.ingest.etw.testing.TraceEventBaseline.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtlReaderTest {
    @TempDir
    Path tmp;

    /** Reads every record; returns [raw time, cpu] pairs after checking times never go back. */
    private static List<long[]> readAll(EtlReader reader) throws Exception {
        List<long[]> out = new ArrayList<>();
        long[] last = {Long.MIN_VALUE};
        reader.read(r -> {
            assertTrue(r.time() >= last[0], "time went back at " + r.where());
            last[0] = r.time();
            out.add(new long[]{r.rawTime(), r.cpu(), r.group() << 8 | r.type()});
        });
        return out;
    }

    private static String fileTimeText(long fileTime) {
        Instant t = Instant.ofEpochSecond(fileTime / 10_000_000L - 11_644_473_600L, fileTime % 10_000_000L * 100);
        return DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss.ffffff".replace("ffffff", "SSSSSS"))
                .withZone(ZoneOffset.UTC).format(t);
    }

    @Test
    void compressedMergedTraceHeaderEqualsTraceEventBaseline() throws Exception {
        Path etl = EtwCorpus.unzipEtl("perfview/net.4.5.2.x64.etl.zip", tmp);
        TraceEventBaseline baseline = new TraceEventBaseline(EtwCorpus.file("perfview/net.4.5.2.x64.baseline.txt"));
        TraceEventBaseline.Event expected = baseline.events("Windows Kernel/EventTrace").get(0);
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(etl, "net.etl", report)) {
            LogfileHeader h = reader.header();
            assertEquals(expected.get("BufferSize"), number(h.bufferSize()));
            assertEquals(expected.get("Version"), number(h.version()));
            assertEquals(expected.get("ProviderVersion"), number(h.providerVersion()));
            assertEquals(expected.get("NumberOfProcessors"), number(h.numberOfProcessors()));
            assertEquals(expected.get("TimerResolution"), number(h.timerResolution()));
            assertEquals(expected.get("LogFileMode"), number(h.logFileMode()));
            assertEquals(expected.get("BuffersWritten"), number(h.buffersWritten()));
            assertEquals(expected.get("PointerSize"), number(h.pointerSize()));
            assertEquals(expected.get("EventsLost"), number(h.eventsLost()));
            assertEquals(expected.get("CPUSpeed"), number(h.cpuSpeedMHz()));
            assertEquals(expected.get("PerfFreq"), number(h.perfFreq()));
            assertEquals(expected.get("ReservedFlags"), number(h.clockType()));
            assertEquals(expected.get("BuffersLost"), number(h.buffersLost()));
            assertEquals(expected.get("SessionName"), h.loggerName());
            assertEquals(expected.get("LogFileName"), h.logFileName());
            assertEquals(expected.get("UtcOffsetMinutes"), number(h.timeZone().bias()));
            assertEquals(expected.get("StartTime"), TraceEventBaseline.cut(fileTimeText(h.startTime())));
            assertEquals(expected.get("EndTime"), TraceEventBaseline.cut(fileTimeText(h.endTime())));
            assertEquals(expected.get("BootTime"), TraceEventBaseline.cut(fileTimeText(h.bootTime())));
            assertTrue(h.compressed());

            List<long[]> records = readAll(reader);
            EtlStats s = reader.stats();
            assertEquals(360, s.buffers(), "buffers (corpus README: 359 of 360 compressed)");
            assertEquals(359, s.compressedBuffers());
            assertEquals(1, s.buffersOfType(4), "one HEADER buffer");
            assertEquals(359, s.buffersOfType(0), "the rest GENERIC");
            assertEquals(0, s.corruptBuffers() + s.corruptRecords() + s.truncatedBuffers());
            assertEquals(records.size(), s.records());
            assertEquals(0, report.skippedTotal());
            assertTrue(s.maxOpenBuffers() > 1 && s.maxOpenBuffers() <= h.numberOfProcessors() + 1,
                    "open buffers " + s.maxOpenBuffers());
        }
    }

    @Test
    void uncompressedTwoCpuTraceMergesInterleavedBuffers() throws Exception {
        Path etl = EtwCorpus.file("etl-parser/ShutdownPerfDiagLogger.etl");
        try (EtlReader reader = EtlReader.open(etl, "shutdown.etl", new ReadReport())) {
            assertEquals(2, reader.header().numberOfProcessors());
            assertEquals("PerfDiag Logger", reader.header().loggerName());
            List<long[]> records = readAll(reader);
            assertEquals(49, reader.stats().buffers());
            assertEquals(0, reader.stats().compressedBuffers());
            assertEquals(1, reader.stats().buffersOfType(4));
            assertEquals(0, reader.stats().outOfOrderRecords());
            assertTrue(records.stream().anyMatch(r -> r[1] == 0) && records.stream().anyMatch(r -> r[1] == 1));
            assertEquals(2, reader.stats().maxOpenBuffers());
        }
    }

    /**
     * Small map windows give the same records: buffers across window edges (100,000-byte windows), and
     * buffers longer than a window and its overlap, which get a mapping of their own (4,096).
     */
    @ParameterizedTest
    @ValueSource(longs = {100_000, 4_096})
    void smallMapWindowsGiveTheSameRecords(long window) throws Exception {
        Path etl = EtwCorpus.file("etl-parser/ShutdownPerfDiagLogger.etl");
        List<long[]> whole;
        try (EtlReader reader = EtlReader.open(etl, "shutdown.etl", new ReadReport())) {
            whole = readAll(reader);
        }
        try (EtlReader reader = EtlReader.open(etl, "shutdown.etl", new ReadReport(), window, XpressBuffers.preferred(),
                EtlReader.DECOMPRESSED_BUDGET, true)) {
            List<long[]> windowed = readAll(reader);
            assertEquals(whole.size(), windowed.size());
            for (int i = 0; i < whole.size(); i++) {
                assertTrue(Arrays.equals(whole.get(i), windowed.get(i)), "record " + i);
            }
        }
    }

    @Test
    void tinyCompressedTraceWithLongHeaderBufferReads() throws Exception {
        Path etl = EtwCorpus.file("perfview/SelfDescribingSingleEvent.etl");
        try (EtlReader reader = EtlReader.open(etl, "single.etl", new ReadReport())) {
            List<long[]> records = readAll(reader);
            assertEquals(22000, reader.header().providerVersion());
            assertEquals(2, reader.stats().compressedBuffers());
            List<TraceRecord.Kind> kinds = new ArrayList<>();
            reader.read(r -> kinds.add(r.kind()));
            assertEquals(1, kinds.stream().filter(k -> k == TraceRecord.Kind.MANIFEST).count(),
                    "the one self-describing (TraceLogging) event");
            assertEquals(records.size(), kinds.size());
        }
    }

    private static SyntheticEtl twoCpuTrace() {
        SyntheticEtl etl = new SyntheticEtl(2);
        EtlPayload empty = new EtlPayload().u32(0);
        // CPU 0 buffer A: t=10,30 ; CPU 1 buffer B: t=20,30,40 ; CPU 0 buffer C: t=50
        etl.system(0, 0x0F, 1, 2, 4, 8, SyntheticEtl.HEADER_RAW + 10, empty)
                .system(0, 0x0F, 2, 2, 4, 8, SyntheticEtl.HEADER_RAW + 30, empty).flush(0)
                .perfinfo(1, 0x0F, 3, 2, SyntheticEtl.HEADER_RAW + 20, empty)
                .perfinfo(1, 0x0F, 4, 2, SyntheticEtl.HEADER_RAW + 30, empty)
                .perfinfo(1, 0x0F, 5, 2, SyntheticEtl.HEADER_RAW + 40, empty).flush(1)
                .system(0, 0x0F, 6, 2, 4, 8, SyntheticEtl.HEADER_RAW + 50, empty);
        return etl;
    }

    @Test
    void mergeIsByTimeAndStableForEqualTimes() throws Exception {
        for (boolean compressed : new boolean[]{false, true}) {
            SyntheticEtl etl = twoCpuTrace();
            if (compressed) {
                etl.compressed();
            }
            Path file = etl.write(tmp.resolve("merge" + compressed + ".etl"));
            try (EtlReader reader = EtlReader.open(file, "merge.etl", new ReadReport())) {
                List<long[]> records = readAll(reader);
                long[] types = records.stream().mapToLong(r -> r[2] & 0xFF).toArray();
                // header record (type 0) first; the two t=30 records keep file order (buffer A before B)
                assertEquals("[0, 1, 3, 2, 4, 5, 6]", Arrays.toString(types), "compressed=" + compressed);
                assertEquals(compressed ? 3 : 0, reader.stats().compressedBuffers());
            }
            try (EtlReader reader = EtlReader.open(file, "merge.etl", new ReadReport())) {
                List<Long> times = new ArrayList<>();
                reader.read(r -> times.add(r.time()));
                assertEquals(SyntheticEtl.START_TIME + 10, times.get(1), "QPC 10 MHz: one raw tick = 100 ns");
            }
        }
    }

    @Test
    void fileCutInsideTheLastBufferIsACountedPartialRead() throws Exception {
        byte[] whole = twoCpuTrace().bytes();
        Path cut = Files.write(tmp.resolve("cut.etl"), Arrays.copyOf(whole, whole.length - SyntheticEtl.BUFFER_SIZE + 0x60));
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(cut, "cut.etl", report)) {
            List<long[]> records = readAll(reader);
            assertEquals(1, reader.stats().truncatedBuffers());
            assertEquals(6, records.size(), "the cut buffer's one whole record is still read");
            assertEquals(0x3000, reader.stats().cutAt(), "the cut buffer's offset, for the report's truncation");
            assertEquals(0, report.damagedTotal(), "a cut is not damage: it is reported as the input's truncation");
        }
    }

    @Test
    void bufferSizeBeyondTheFileOrImpossibleStopsTheWalkAndIsCounted() throws Exception {
        byte[] bytes = twoCpuTrace().bytes();
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(2 * SyntheticEtl.BUFFER_SIZE, 0x7FFFFFF0);
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(Files.write(tmp.resolve("huge.etl"), bytes), "huge.etl", report)) {
            List<long[]> records = readAll(reader);
            assertEquals(3, records.size(), "header record and buffer A only");
            assertEquals(1, reader.stats().corruptBuffers());
            assertEquals(2L * SyntheticEtl.BUFFER_SIZE, reader.stats().unreadableTailBytes());
        }
    }

    @Test
    void hostileCompressedStreamSkipsOnlyThatBuffer() throws Exception {
        byte[] bytes = twoCpuTrace().compressed().bytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int second = SyntheticEtl.BUFFER_SIZE + b.getInt(SyntheticEtl.BUFFER_SIZE);
        // flag word "all matches", then tokens pointing 8 KB back at output position 0
        for (int i = second + 0x48; i < second + b.getInt(second); i++) {
            bytes[i] = (byte) 0xFF;
        }
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(Files.write(tmp.resolve("hostile.etl"), bytes), "hostile.etl", report)) {
            List<long[]> records = readAll(reader);
            assertEquals(1, reader.stats().corruptBuffers());
            assertEquals(4, records.size(), "header + buffer A (2) + buffer C (1)");
            assertTrue(report.warnings().get(0).contains("does not decompress"), report.warnings().toString());
        }
    }

    @Test
    void compressedBufferClaimingAHugeDecompressedSizeIsSkippedWithoutAllocatingIt() throws Exception {
        byte[] bytes = twoCpuTrace().compressed().bytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(SyntheticEtl.BUFFER_SIZE + 4, 60 << 20); // buffer A: SavedOffset 60 MB, session buffers are 4 KB
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(Files.write(tmp.resolve("bomb.etl"), bytes), "bomb.etl", report)) {
            assertEquals(5, readAll(reader).size(), "header + buffers B (3) and C (1)");
            assertEquals(1L, report.skippedByReason().get("compressed ETL buffer with an impossible decompressed size"));
        }
    }

    /**
     * Each of {@code cpus} CPUs logs at t=10+cpu and t=100+cpu into one buffer: all of them wait open during
     * the merge, as the buffers of a many-processor machine do (etw-formats.md §0.5, buffers per CPU).
     */
    private static SyntheticEtl interleavedTrace(int cpus) {
        SyntheticEtl etl = new SyntheticEtl(cpus).compressed();
        EtlPayload empty = new EtlPayload().u32(0);
        for (int cpu = 0; cpu < cpus; cpu++) {
            etl.system(cpu, 0x0F, 1, 2, 4, 8, SyntheticEtl.HEADER_RAW + 10 + cpu, empty)
                    .system(cpu, 0x0F, 2, 2, 4, 8, SyntheticEtl.HEADER_RAW + 100 + cpu, empty);
        }
        return etl;
    }

    /** The headers of the buffers after the header buffer, found by stepping by each one's BufferSize. */
    private static List<Integer> dataBufferOffsets(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int at = b.getInt(0); at < bytes.length; at += b.getInt(at)) {
            offsets.add(at);
        }
        return offsets;
    }

    private static int savedOffset(byte[] bytes, int buffer) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(buffer + EtlLayout.B_SAVED_OFFSET);
    }

    @Test
    void compressedBuffersOfManyCpusDeclaringHugeSizesAreRefusedBeforeAllocating() throws Exception {
        byte[] bytes = interleavedTrace(16).bytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // the logfile header's BufferSize (its payload's first field, after the SYSTEM record header) claims
        // 64 MiB sessions, so only the compressed size bounds what each buffer may declare
        b.putInt(EtlLayout.BUFFER_HEADER_SIZE + EtlLayout.SYSTEM_HEADER_SIZE, 64 << 20);
        List<Integer> buffers = dataBufferOffsets(bytes);
        assertEquals(16, buffers.size());
        for (int buffer : buffers) {
            b.putInt(buffer + EtlLayout.B_SAVED_OFFSET, 64 << 20); // 16 × 64 MiB from a file of about 6 KB
        }
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(Files.write(tmp.resolve("bombs.etl"), bytes), "bombs.etl", report)) {
            assertEquals(64L << 20, reader.header().bufferSize());
            assertEquals(1, readAll(reader).size(), "the header record only");
            assertEquals(16L, report.skippedByReason().get("compressed ETL buffer with an impossible decompressed size"));
            assertTrue(report.warnings().get(0).contains("SavedOffset 67108864 is more than 64 times its "),
                    report.warnings().get(0));
            assertEquals(0, reader.stats().maxDecompressedBytes(), "nothing decompressed, nothing allocated");
        }
    }

    @Test
    void buffersDeclaringTheMostTheRatioAllowsHoldMemoryProportionalToTheFile() throws Exception {
        byte[] bytes = interleavedTrace(16).bytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int buffer : dataBufferOffsets(bytes)) {
            int compressed = b.getInt(buffer) - EtlLayout.BUFFER_HEADER_SIZE;
            b.putInt(buffer + EtlLayout.B_SAVED_OFFSET, EtlLayout.BUFFER_HEADER_SIZE + EtlReader.MAX_XPRESS_RATIO * compressed);
        }
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(Files.write(tmp.resolve("inflated.etl"), bytes), "inflated.etl", report)) {
            assertEquals(1 + 2 * 16, readAll(reader).size(), "every record: the streams are whole");
            assertEquals(16, reader.stats().maxOpenBuffers());
            long held = reader.stats().maxDecompressedBytes();
            assertTrue(held > 16L * 64 && held <= (long) EtlReader.MAX_XPRESS_RATIO * bytes.length,
                    held + " bytes held for a file of " + bytes.length);
            assertEquals(16L, report.skippedByReason().get("compressed ETL buffer decompresses to less than it declares; its end is missing"),
                    "each buffer claims more than its stream holds: " + report.warnings());
            assertEquals(16, reader.stats().shortBuffers());
        }
    }

    @Test
    void buffersOpenAtOnceStayWithinTheDecompressionBudgetInEveryPass() throws Exception {
        byte[] bytes = interleavedTrace(8).bytes();
        List<Integer> buffers = dataBufferOffsets(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long budget = 0;
        for (int buffer : buffers) {
            if (b.getShort(buffer + EtlLayout.B_PROCESSOR) < 3) {
                budget += savedOffset(bytes, buffer); // room for the buffers of CPUs 0, 1 and 2
            }
        }
        Path file = Files.write(tmp.resolve("eight.etl"), bytes);
        ReadReport report = new ReadReport();
        try (EtlReader reader = EtlReader.open(file, "eight.etl", report, MappedFile.DEFAULT_WINDOW, XpressBuffers.preferred(), budget, true)) {
            List<long[]> first = readAll(reader);
            List<long[]> second = readAll(reader);
            assertEquals(1 + 2 * 3, first.size(), "the header record and the records of CPUs 0 to 2");
            assertEquals("[0, 1, 2]", Arrays.toString(first.stream().skip(1).mapToLong(r -> r[1]).distinct().toArray()));
            assertEquals(first.size(), second.size(), "a second pass refuses the same buffers");
            for (int i = 0; i < first.size(); i++) {
                assertTrue(Arrays.equals(first.get(i), second.get(i)), "record " + i);
            }
            EtlStats s = reader.stats();
            assertEquals(3, s.maxOpenBuffers());
            assertEquals(5, s.buffersOverBudget(), "CPUs 3 to 7, counted once");
            assertTrue(s.maxDecompressedBytes() <= budget, s.maxDecompressedBytes() + " > " + budget);
            assertEquals(5L, report.skippedByReason().get("compressed ETL buffer over the decompression memory budget"));
            assertTrue(report.warnings().get(0).matches("eight\\.etl: buffer \\d+ \\(file byte 0x[0-9A-F]+\\): \\d+ bytes to decompress, "
                    + "but the buffers open hold " + budget + " of the " + budget + " allowed.*"), report.warnings().get(0));
        }
    }

    /** Where a record is, and its times: what tells one visit order from another. */
    private static String place(TraceRecord r) {
        return r.where() + " raw " + r.rawTime() + " time " + r.time() + " cpu " + r.cpu() + " " + r.kind() + " "
                + r.group() + "/" + r.type();
    }

    /** The generated 4-CPU lock-holder trace of about 1 MB, plain or XPRESS, whole or cut to two thirds. */
    private Path generated(boolean compressed, boolean cut) throws IOException {
        Path file = tmp.resolve("lock-holder" + (compressed ? "-xpress" : "") + (cut ? "-cut" : "") + ".etl");
        EtlCaseGenerator.write(file, EtlCaseGenerator.Scenario.LOCK_HOLDER, 1_000_000, compressed, 3);
        if (cut) {
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(whole, whole.length * 2 / 3 + 100));
        }
        return file;
    }

    /**
     * A scan visits the records it wants in the order a read gives them and counts what it is asked
     * to, whatever the threads: a generated 4-CPU trace, that one cut short, both also XPRESS-compressed
     * (decompressed by each scanning thread, by the native decoder where it loads and by the Java one), and
     * the corpus's 2-CPU trace and its compressed one.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void scanVisitsTheWantedRecordsInTheOrderOfARead(int threads) throws Exception {
        List<Path> files = new ArrayList<>(List.of(generated(false, false), generated(false, true),
                generated(true, false), generated(true, true)));
        for (String name : List.of("etl-parser/ShutdownPerfDiagLogger.etl", "perfview/SelfDescribingSingleEvent.etl")) {
            Path corpus = EtwCorpus.DIR.resolve(name);
            if (Files.isRegularFile(corpus)) {
                files.add(corpus);
            }
        }
        // every third kernel type, and all records of the other kinds
        Predicate<TraceRecord> wanted = r -> r.kind() != TraceRecord.Kind.KERNEL || r.type() % 3 == 0;
        Predicate<TraceRecord> counted = r -> r.kind() == TraceRecord.Kind.KERNEL && r.group() != 0x0F;
        for (Path file : files) {
            List<String> expected = new ArrayList<>();
            long[] expectedCount = {0};
            try (EtlReader reader = EtlReader.open(file, "read.etl", new ReadReport())) {
                reader.read(r -> {
                    if (wanted.test(r)) {
                        expected.add(place(r));
                    }
                    if (counted.test(r)) {
                        expectedCount[0]++;
                    }
                });
            }
            for (XpressBuffers decoder : List.of(XpressBuffers.preferred(), XpressBuffers.java())) {
                List<String> visited = new ArrayList<>();
                try (EtlReader reader = EtlReader.open(file, "scan.etl", new ReadReport(), MappedFile.DEFAULT_WINDOW,
                        decoder, EtlReader.DECOMPRESSED_BUDGET, true)) {
                    long count = reader.scan(counted, wanted, r -> visited.add(place(r)), threads, bytes -> { });
                    assertEquals(expectedCount[0], count, file + " " + decoder.description());
                    assertEquals(0, reader.stats().records(), "a scan is not a pass: it counts nothing");
                }
                assertTrue(expected.size() > 10, file + ": " + expected.size() + " records to compare");
                assertEquals(expected.size(), visited.size(), file + " " + decoder.description());
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), visited.get(i), file + " " + decoder.description() + " record " + i);
                }
            }
        }
    }

    /**
     * Where a read has more to do than merge sorted buffers — a compressed buffer that does not decompress
     * to what it declares, a buffer whose records go back in time, a malformed record — a scan visits nothing, reports nothing
     * and says so; the read after it is the first pass, which counts and reports.
     */
    @Test
    void scanLeavesToAReadWhatItCannotOrderOrMustReport() throws Exception {
        SyntheticEtl backwards = new SyntheticEtl(2);
        EtlPayload empty = new EtlPayload().u32(0);
        backwards.system(0, 0x0F, 1, 2, 4, 8, SyntheticEtl.HEADER_RAW + 30, empty)
                .system(0, 0x0F, 2, 2, 4, 8, SyntheticEtl.HEADER_RAW + 20, empty)
                .system(1, 0x0F, 3, 2, 4, 8, SyntheticEtl.HEADER_RAW + 25, empty);
        byte[] malformed = twoCpuTrace().bytes();
        // the second record of buffer A (at 0x1000): after the header and a 0x28-byte first record
        ByteBuffer.wrap(malformed).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1000 + EtlLayout.BUFFER_HEADER_SIZE + 0x28, 0x12345678);
        byte[] undecodable = twoCpuTrace().compressed().bytes();
        ByteBuffer b = ByteBuffer.wrap(undecodable).order(ByteOrder.LITTLE_ENDIAN);
        // the first compressed buffer declares 8 bytes more than its stream decompresses to
        int at = 0;
        while (!BufferHeader.read(b, at).compressed()) {
            at += b.getInt(at + EtlLayout.B_BUFFER_SIZE);
        }
        b.putInt(at + EtlLayout.B_SAVED_OFFSET, b.getInt(at + EtlLayout.B_SAVED_OFFSET) + 8);
        List<Path> files = List.of(Files.write(tmp.resolve("undecodable.etl"), undecodable),
                backwards.write(tmp.resolve("backwards.etl")), Files.write(tmp.resolve("malformed.etl"), malformed));
        for (Path file : files) {
            ReadReport report = new ReadReport();
            try (EtlReader reader = EtlReader.open(file, "scan.etl", report)) {
                List<TraceRecord> visited = new ArrayList<>();
                assertEquals(-1, reader.scan(r -> true, r -> true, visited::add, 2, bytes -> { }), file.toString());
                assertEquals(List.of(), visited, file.toString());
                assertEquals(0, report.skippedTotal() + report.warnings().size(), file.toString());
                long[] records = {0};
                reader.read(r -> records[0]++);
                assertEquals(records[0], reader.stats().records());
                assertTrue(reader.stats().shortBuffers() + reader.stats().outOfOrderRecords()
                        + reader.stats().corruptRecords() > 0, file + ": the read counts what the scan left to it");
            }
        }
    }

    /**
     * The decompression budget bounds what a scan of compressed buffers holds, the scanning threads'
     * buffers and the wanted records copied out of them: past it the scan leaves the pass to a read.
     */
    @Test
    void aScanOfCompressedBuffersHoldsNoMoreThanTheDecompressionBudget() throws Exception {
        Path file = generated(true, false);
        long[] copied = {0};
        try (EtlReader reader = EtlReader.open(file, "all.etl", new ReadReport())) {
            assertTrue(reader.scan(r -> false, r -> true, r -> copied[0] += 1, 2, bytes -> { }) > -1);
        }
        long wholeBuffer = 64 << 10; // the generator's buffers hold at most 64 KB
        for (long budget : new long[] {wholeBuffer, 2 * wholeBuffer + 4096}) { // one thread's buffer; two and a few records
            ReadReport report = new ReadReport();
            try (EtlReader reader = EtlReader.open(file, "all.etl", report, MappedFile.DEFAULT_WINDOW,
                    XpressBuffers.preferred(), budget, true)) {
                List<TraceRecord> visited = new ArrayList<>();
                assertEquals(-1, reader.scan(r -> false, r -> true, visited::add, 2, bytes -> { }), "budget " + budget);
                assertEquals(List.of(), visited);
                assertEquals(0, report.skippedTotal() + report.warnings().size());
            }
        }
        assertTrue(copied[0] > 1000, copied[0] + " records");
    }

    @Test
    void damagedFirstBufferIsAClearError() throws IOException {
        byte[] whole = twoCpuTrace().bytes();
        Path cut = Files.write(tmp.resolve("short.etl"), Arrays.copyOf(whole, 2000));
        BadInputException e = assertThrows(BadInputException.Truncated.class, () -> EtlReader.open(cut, "short.etl", new ReadReport()));
        assertEquals("short.etl: byte 0 (0x0): first ETL buffer claims 4096 bytes but the file has 2000", e.getMessage());

        Path garbage = Files.write(tmp.resolve("garbage.etl"), "not an etl file at all, just text".repeat(10).getBytes());
        assertThrows(BadInputException.Unsupported.class, () -> EtlReader.open(garbage, "garbage.etl", new ReadReport()));
        Path tiny = Files.write(tmp.resolve("tiny.etl"), new byte[10]);
        assertThrows(BadInputException.Truncated.class, () -> EtlReader.open(tiny, "tiny.etl", new ReadReport()));
    }

    @Test
    void sniffRecognisesEtlByItsFirstBufferNotItsName() throws IOException {
        byte[] etl = twoCpuTrace().bytes();
        assertTrue(EtlReader.looksLikeEtl(etl, 4096));
        byte[] text = "Time of Day,Process Name,PID,Operation,Path,Result,Detail\r\n".repeat(100).getBytes();
        assertTrue(!EtlReader.looksLikeEtl(text, text.length));
    }
}
