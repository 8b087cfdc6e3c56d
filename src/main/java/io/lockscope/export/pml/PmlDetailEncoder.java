package io.lockscope.export.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.model.detail.Detail;

import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_FILE_SYSTEM;
import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_PROCESS;
import static io.lockscope.format.procmon.pml.PmlOperations.CLASS_REGISTRY;

/**
 * Builds the detail blob and extra-detail blob of one event as procmon's driver records them, the
 * inverse of the reader's {@code PmlDetails} (layouts: procmon-formats.md §1.10–§1.12, 64-bit
 * FLT_PARAMETERS slots), with the encoder of the event's class — {@link FileSystemDetailEncoder},
 * {@link RegistryDetailEncoder}, {@link ProcessDetailEncoder} — and counts the details that could not be
 * encoded (the event is kept without them).
 */
final class PmlDetailEncoder {
    private final EventBlobs blobs;
    private final FileSystemDetailEncoder fileSystem;
    private final RegistryDetailEncoder registry;
    private final ProcessDetailEncoder process;
    private long droppedDetails;

    PmlDetailEncoder(int pointerSize) {
        blobs = new EventBlobs(pointerSize);
        fileSystem = new FileSystemDetailEncoder(blobs);
        registry = new RegistryDetailEncoder(blobs);
        process = new ProcessDetailEncoder(blobs);
    }

    LeBuffer detail() {
        return blobs.detail;
    }

    LeBuffer extra() {
        return blobs.extra;
    }

    boolean hasExtra() {
        return blobs.hasExtra;
    }

    long droppedDetails() {
        return droppedDetails;
    }

    void encode(PmlOperations.Code code, String path, Detail d) {
        blobs.clear();
        boolean kept = switch (code.eventClass()) {
            case CLASS_FILE_SYSTEM -> fileSystem.encode(code, path, d);
            case CLASS_REGISTRY -> registry.encode(code.operation(), path, d);
            case CLASS_PROCESS -> process.encode(code.operation(), path, d);
            default -> d instanceof Detail.None;
        };
        if (!kept) {
            droppedDetails++;
        }
    }
}
