package io.lockscope.model.detail;

/**
 * ReadFile / WriteFile.
 *
 * @param ioFlags  IRP flags procmon shows as "I/O Flags" (mask 0xE000FF); -1 when absent
 * @param priority I/O priority hint 1 Very Low … 5 Critical; -1 when absent
 */
public record IoDetail(long offset, long length, int ioFlags, int priority) implements Detail {
}
