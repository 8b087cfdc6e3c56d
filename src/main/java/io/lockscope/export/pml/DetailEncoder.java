package io.lockscope.export.pml;

/**
 * Encodes the details of one event class into the event's {@link EventBlobs}, the mirror of the reader's
 * {@code DetailDecoder}.
 */
abstract class DetailEncoder {
    final EventBlobs blobs;
    final LeBuffer detail;
    final LeBuffer extra;
    final int ptr;

    DetailEncoder(EventBlobs blobs) {
        this.blobs = blobs;
        this.detail = blobs.detail;
        this.extra = blobs.extra;
        this.ptr = blobs.pointerSize;
    }
}
