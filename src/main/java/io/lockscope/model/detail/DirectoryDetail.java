package io.lockscope.model.detail;

import java.util.List;

/**
 * QueryDirectory: the search pattern, the names the query returned and the FILE_INFORMATION_CLASS
 * asked for. Kept whole, because procmon versions show them differently (newer ones write the class
 * over the third listed name; see {@code DetailFormat}).
 *
 * @param filter    the FileName search pattern, null when the query had none
 * @param names     the returned names in buffer order; numbered from 1 after a filter, from 0 without
 * @param infoClass FILE_INFORMATION_CLASS, -1 when not shown
 */
public record DirectoryDetail(String filter, List<String> names, int infoClass) implements Detail {
    public DirectoryDetail {
        names = List.copyOf(names);
    }

    /** The same query as a procmon that never shows the information class renders it. */
    public DirectoryDetail withoutInfoClass() {
        return new DirectoryDetail(filter, names, -1);
    }
}
