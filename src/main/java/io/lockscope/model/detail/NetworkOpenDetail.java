package io.lockscope.model.detail;

/**
 * QueryOpen (FASTIO_NETWORK_QUERY_OPEN) and QueryNetworkOpenInformationFile when they carry
 * FILE_NETWORK_OPEN_INFORMATION. Times are kept as procmon wrote them (see {@link FileTimesDetail}).
 *
 * @param attributes FILE_ATTRIBUTE_* bits procmon named; 0 renders as "n/a"
 */
public record NetworkOpenDetail(String creationTime, String lastAccessTime, String lastWriteTime, String changeTime,
                                long allocationSize, long endOfFile, int attributes) implements Detail {
    /** Joins the four times into one pooled string in the event store; procmon times never hold it. */
    static final char TIME_SEPARATOR = '\n';

    public NetworkOpenDetail {
        for (String time : new String[] {creationTime, lastAccessTime, lastWriteTime, changeTime}) {
            if (time == null || time.indexOf(TIME_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("time is null or holds a line feed: " + time);
            }
        }
    }
}
