package io.lockscope.ingest;

import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.ingest.servicing.ServicingLogReader;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every reader promises for any bytes at all, checked by the fuzz targets: it returns a model whose
 * skips are counted, or throws one {@link BadInputException} that names the file and says where and what in
 * words (no Java class name); it never throws anything else, and it allocates at most
 * {@link #allocationBound} for the input, so a huge declared count or length cannot exhaust the heap. Hangs
 * are caught by the per-input time limit of each fuzz test ({@code @Timeout}).
 */
public final class ReadContract {
    /** The name the bytes are read under; every error message must start with it. */
    public static final String NAME = "fuzzed-input";
    /** A Java class name in a message: what a user must never see. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b\\w+(Exception|Error)\\b|\\bjava\\.\\w+");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(ReadContract::newFile);

    private ReadContract() {
    }

    /** The heap a read of {@code inputBytes} may allocate: fixed buffers and tables plus a multiple of the input. */
    public static long allocationBound(long inputBytes) {
        return (256L << 20) + 64 * inputBytes;
    }

    /** Reads {@code data} with {@code reader} and checks the contract; returns the trace, or null when refused. */
    public static Trace read(TraceReader reader, byte[] data) throws IOException {
        Path file = write(data);
        Trace trace = measured(data, () -> reader.read(file, NAME, ReadOptions.DEFAULT));
        if (trace != null) {
            assertEquals(NAME, trace.source());
            checkCounted(trace.report());
        }
        return trace;
    }

    /** Reads {@code data} with a servicing {@code reader} and checks the contract; null when refused. */
    public static ServicingLog read(ServicingLogReader reader, byte[] data) throws IOException {
        Path file = write(data);
        ServicingLog log = measured(data, () -> reader.read(file, NAME));
        if (log != null) {
            assertNotNull(log.facts());
            assertTrue(log.recognised() <= log.lines() || log.lines() == 0, "recognised more lines than read");
            checkCounted(log.report());
        }
        return log;
    }

    private interface Read<T> {
        T run() throws BadInputException, IOException;
    }

    /**
     * Runs {@code read} within the allocation bound and returns its result, or null after checking its
     * refusal. Over the bound, it reads once more before failing: the first read of a kind of input loads
     * classes, and the fuzzer instruments each one on this thread, which counts as allocation here.
     */
    private static <T> T measured(byte[] input, Read<T> read) throws IOException {
        long inputBytes = input.length;
        for (int attempt = 1; ; attempt++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T result = null;
            BadInputException refusal = null;
            try {
                result = read.run();
                assertNotNull(result);
            } catch (BadInputException e) {
                refusal = e;
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated > allocationBound(inputBytes) && attempt == 1) {
                continue;
            }
            assertTrue(allocated <= allocationBound(inputBytes), "allocated " + allocated + " bytes for an input of "
                    + inputBytes + " bytes (bound " + allocationBound(inputBytes) + ")");
            if (refusal != null) {
                checkRefusal(refusal, input);
            }
            return result;
        }
    }

    /** One refusal, as the CLI prints it: file first, a position unless the whole file is concerned, words only. */
    public static void checkRefusal(BadInputException e, byte[] input) {
        String message = e.getMessage();
        assertTrue(message.startsWith(e.file() + ": "), "the message names the file: " + message);
        assertNoClassName(message, input);
        if (!(e instanceof BadInputException.Unsupported)) {
            assertNotNull(e.position(), "a damaged file's error says where: " + message);
        }
    }

    /**
     * No Java class name in {@code message}, unless it is the input's own text that the message quotes:
     * the fuzzer learns the words the readers compare with, and writes "UTFParseError" where an XML
     * declaration names its encoding, or "0x7fParseError" as a module address.
     */
    public static void assertNoClassName(String message, byte[] input) {
        Matcher m = CLASS_NAME.matcher(message);
        while (m.find()) {
            String name = m.group();
            boolean quoted = new String(input, StandardCharsets.ISO_8859_1).contains(name)
                    || new String(input, StandardCharsets.UTF_16LE).contains(name);
            assertTrue(quoted, "the message leaks a Java class name: " + message);
        }
    }

    private static void checkCounted(ReadReport report) {
        assertTrue(report.damagedTotal() >= 0 && report.damagedTotal() <= report.skippedTotal());
        assertTrue(report.warnings().size() <= report.warningCount() + 1);
    }

    /** The bytes as a file (one per thread, rewritten for each input: fuzzing runs millions of them). */
    public static Path write(byte[] data) throws IOException {
        return Files.write(FILE.get(), data);
    }

    private static Path newFile() {
        try {
            Path file = Files.createTempFile("lockscope-fuzz", ".bin");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
