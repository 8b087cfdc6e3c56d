package io.lockscope.ingest.etw.testing;

import io.lockscope.generate.etw.EtlCaseWriter;
import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.ingest.etw.kernel.EventNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Small ETL files for tests, built record by record and written through the generator's
 * {@link EtlCaseWriter} (its class comment has the layout) with 4 KB buffers: 64-bit, or 32-bit with
 * {@link #SyntheticEtl(int, int)}, optionally XPRESS-compressed. The records are kept until
 * {@link #bytes()} so that {@link #compressed()} may be chosen last. Clock: QPC at 10 MHz, so one
 * raw tick is one FILETIME tick.
 */
public final class SyntheticEtl {
    public static final int BUFFER_SIZE = 4096;
    /** FILETIME of the trace start: 2024-01-02 18:24:05 UTC. */
    public static final long START_TIME = EtlCaseWriter.START_TIME;
    /** Raw timestamp of the header record. */
    public static final long HEADER_RAW = EtlCaseWriter.HEADER_RAW;

    @FunctionalInterface
    private interface Step {
        void apply(EtlCaseWriter w) throws IOException;
    }

    private final List<Step> steps = new ArrayList<>();
    private final int cpus;
    private final int pointerSize;
    private boolean compressed;

    public SyntheticEtl(int cpus) {
        this(cpus, 8);
    }

    /** A trace whose records use the 32-bit ({@code pointerSize} 4) or 64-bit (8) header types. */
    public SyntheticEtl(int cpus, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize);
        }
        this.cpus = cpus;
        this.pointerSize = pointerSize;
    }

    /** Compress data buffers (sets LogFileMode 0x04000000 and XPRESS in the header buffer State). */
    public SyntheticEtl compressed() {
        this.compressed = true;
        return this;
    }

    /** A payload builder whose pointers have this trace's size. */
    public EtlPayload payload() {
        return new EtlPayload(pointerSize);
    }

    /** Appends a SYSTEM record (HookId = group/type) to CPU {@code cpu}'s stream. */
    public SyntheticEtl system(int cpu, int group, int type, int version, int pid, int tid, long raw, EtlPayload p) {
        steps.add(w -> w.system(cpu, group, type, version, pid, tid, raw, p));
        return this;
    }

    /** Appends a PERFINFO record (no PID/TID) to CPU {@code cpu}'s stream. */
    public SyntheticEtl perfinfo(int cpu, int group, int type, int version, long raw, EtlPayload p) {
        steps.add(w -> w.perfinfo(cpu, group, type, version, raw, p));
        return this;
    }

    /** Appends a FULL_HEADER (classic provider) record, e.g. SysConfig VolumeMapping. */
    public SyntheticEtl classic(int cpu, UUID guid, int type, int version, int pid, int tid, long raw, EtlPayload p) {
        steps.add(w -> w.classic(cpu, guid, type, version, pid, tid, raw, p));
        return this;
    }

    /** Appends a SysConfig VolumeMapping record: NT device prefix → DOS prefix. */
    public SyntheticEtl volumeMapping(int cpu, long raw, String ntPrefix, String dosPrefix) {
        return classic(cpu, EventNames.SYS_CONFIG, 35, 2, 0, 0, raw, payload().utf16z(ntPrefix).utf16z(dosPrefix));
    }

    /** Closes the current buffer of {@code cpu}, so later records of that CPU go to a new buffer. */
    public SyntheticEtl flush(int cpu) {
        steps.add(w -> w.flush(cpu));
        return this;
    }

    /** The whole file: header buffer, then the buffers in the order they were closed, the last ones CPU by CPU. */
    public byte[] bytes() {
        try {
            Path tmp = Files.createTempFile("synthetic", ".etl");
            try {
                return Files.readAllBytes(write(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(Path file) throws IOException {
        try (EtlCaseWriter w = new EtlCaseWriter(file, cpus, pointerSize, BUFFER_SIZE, compressed)) {
            for (Step s : steps) {
                s.apply(w);
            }
        }
        return file;
    }
}
