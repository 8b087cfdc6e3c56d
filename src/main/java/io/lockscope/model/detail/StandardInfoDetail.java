package io.lockscope.model.detail;

/**
 * QueryStandardInformationFile (FILE_STANDARD_INFORMATION). {@code deletePending} tells that
 * someone already marked the file for deletion — the cause of DELETE PENDING results.
 */
public record StandardInfoDetail(long allocationSize, long endOfFile, int numberOfLinks, boolean deletePending,
                                 boolean directory) implements Detail {
}
