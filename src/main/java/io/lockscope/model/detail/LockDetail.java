package io.lockscope.model.detail;

/**
 * LockFile and UnlockFileSingle. {@code exclusive} and {@code failImmediately} are shown by procmon
 * for LockFile only; {@code hasFlags} says whether they were present.
 */
public record LockDetail(long offset, long length, boolean hasFlags, boolean exclusive, boolean failImmediately)
        implements Detail {
}
