package io.lockscope.report;

import io.lockscope.analysis.ShareAccess;

import java.util.ArrayList;
import java.util.List;

/** procmon's spelling of access masks and share modes in reports. */
final class Spelling {
    private Spelling() {
    }

    static String access(int mask) {
        if (mask == -1) {
            return "?";
        }
        return String.format("0x%X", mask);
    }

    static String share(int share) {
        if (share == -1) {
            return "?";
        }
        List<String> parts = new ArrayList<>();
        if ((share & ShareAccess.SHARE_READ) != 0) {
            parts.add("Read");
        }
        if ((share & ShareAccess.SHARE_WRITE) != 0) {
            parts.add("Write");
        }
        if ((share & ShareAccess.SHARE_DELETE) != 0) {
            parts.add("Delete");
        }
        return parts.isEmpty() ? "None" : String.join(", ", parts);
    }
}
