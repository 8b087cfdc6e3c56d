package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;

import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_FILE_SYSTEM;
import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_NETWORK;
import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_PROCESS;
import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_REGISTRY;

/**
 * Decodes the per-class detail blob of an event (procmon-formats.md §1.9–§1.13) with the decoder of
 * its class — {@link FileSystemDetailDecoder}, {@link RegistryDetailDecoder}, {@link ProcessDetailDecoder},
 * {@link NetworkDetailDecoder} — and counts the events whose blob is damaged: their detail is left empty
 * (their path too when it was the unreadable part) and the first one's offset and reason are kept.
 */
final class PmlDetails {
    /** The outcome of one decode; one instance is reused for every event. */
    static final class Decoded {
        int pathId;
        int subOperation;
        boolean tcp;
        Detail detail;

        int pathId() {
            return pathId;
        }

        int subOperation() {
            return subOperation;
        }

        boolean tcp() {
            return tcp;
        }

        Detail detail() {
            return detail;
        }

        private void clear() {
            pathId = 0;
            subOperation = 0;
            tcp = false;
            detail = Detail.None.INSTANCE;
        }
    }

    private final Decoded out = new Decoded();
    private final DetailDecoder[] byClass = new DetailDecoder[CLASS_NETWORK + 1];
    private int undecoded;
    private long firstUndecodedAt = -1;
    private String firstUndecodedReason;

    PmlDetails(MappedFile in, PmlHeader header, PmlTables tables, StringPool strings) {
        PathInterner paths = new PathInterner(strings);
        byClass[CLASS_FILE_SYSTEM] = new FileSystemDetailDecoder(in, header, tables, strings, paths, out);
        byClass[CLASS_REGISTRY] = new RegistryDetailDecoder(in, header, strings, paths, out);
        byClass[CLASS_PROCESS] = new ProcessDetailDecoder(in, header, strings, paths, out);
        byClass[CLASS_NETWORK] = new NetworkDetailDecoder(in, header, tables, strings, paths, out);
    }

    /** Events whose blob could not be decoded: detail left empty, path too when it was the unreadable part. */
    int undecoded() {
        return undecoded;
    }

    long firstUndecodedAt() {
        return firstUndecodedAt;
    }

    String firstUndecodedReason() {
        return firstUndecodedReason;
    }

    /** How many blobs could not be decoded, and the first. */
    record Undecoded(int count, long firstAt, String firstReason) {
    }

    /** What was undecoded since the last call (a part of the file read by this thread), counting anew. */
    Undecoded takeUndecoded() {
        Undecoded taken = new Undecoded(undecoded, firstUndecodedAt, firstUndecodedReason);
        undecoded = 0;
        firstUndecodedAt = -1;
        firstUndecodedReason = null;
        return taken;
    }

    /** Counts {@code later}, undecoded in events after this one's (another part of the file). */
    void add(Undecoded later) {
        if (firstUndecodedAt < 0) {
            firstUndecodedAt = later.firstAt();
            firstUndecodedReason = later.firstReason();
        }
        undecoded += later.count();
    }

    Decoded decode(int eventClass, int operation, int tid, long at, long size, long extraAt, int extraSize) {
        out.clear();
        DetailDecoder decoder = eventClass >= 0 && eventClass < byClass.length ? byClass[eventClass] : null;
        if (decoder == null) {
            return out;
        }
        try {
            decoder.decode(operation, tid, at, size, extraAt, extraSize);
        } catch (PmlFormatException | IllegalArgumentException e) {
            undecoded++;
            if (firstUndecodedAt < 0) {
                firstUndecodedAt = e instanceof PmlFormatException f ? f.offset() : at;
                firstUndecodedReason = e.getMessage();
            }
            out.detail = Detail.None.INSTANCE;
        }
        return out;
    }
}
