package io.lockscope.model.detail;

/**
 * SetBasicInformationFile / QueryBasicInformationFile (FILE_BASIC_INFORMATION). The four times are
 * kept as procmon wrote them: a CSV export shows them in the exporting machine's time zone and date
 * format, to the second, so they cannot be turned back into exact FILETIMEs.
 *
 * @param attributes FILE_ATTRIBUTE_* bits procmon named; 0 renders as "n/a"
 */
public record FileTimesDetail(String creationTime, String lastAccessTime, String lastWriteTime, String changeTime,
                              int attributes) implements Detail {
    public FileTimesDetail {
        if (creationTime == null || lastAccessTime == null || lastWriteTime == null || changeTime == null) {
            throw new IllegalArgumentException("a time is null");
        }
    }
}
