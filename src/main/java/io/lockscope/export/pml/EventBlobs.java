package io.lockscope.export.pml;

import static io.lockscope.format.procmon.pml.PmlLayout.MAX_STRING_CHARS;

/** The detail blob and extra-detail blob of the event being encoded, filled by the encoder of its class. */
final class EventBlobs {
    final LeBuffer detail = new LeBuffer(1 << 10);
    final LeBuffer extra = new LeBuffer(1 << 8);
    final int pointerSize;
    /** Whether the event has an extra blob (post-operation data); an empty one is still written. */
    boolean hasExtra;

    EventBlobs(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    void clear() {
        detail.clear();
        extra.clear();
        hasExtra = false;
    }

    /** u16 string info (UTF-16, char count), {@code pad} zero bytes, the characters. */
    void string(String s, int pad) {
        String v = truncate(s);
        detail.u16(v.length()).zeros(pad).utf16(v);
    }

    /** {@code s} cut to the longest string a detail blob can hold. */
    static String truncate(String s) {
        return s.length() > MAX_STRING_CHARS ? s.substring(0, MAX_STRING_CHARS) : s;
    }
}
