package io.lockscope.model.detail;

/** SetEndOfFileInformationFile ("EndOfFile: n") and SetAllocationInformationFile ("AllocationSize: n"). */
public record SizeDetail(long size) implements Detail {
}
