package io.lockscope.model.detail;

import java.util.List;

/**
 * Process and thread events (Process Create/Start/Exit, Thread Create/Exit, Load Image). These are
 * few per trace, so they are kept as ordered key/value pairs in the spelling procmon uses, with the
 * values that matter for analysis also typed.
 *
 * @param pid       "PID" (Process Create), "Parent PID" (Process Start), "Thread ID" (threads), else -1
 * @param imageBase "Image Base" (Load Image), else -1
 * @param imageSize "Image Size" (Load Image), else -1
 * @param fields    every key/value pair in order, values as procmon renders them, except that byte counts
 *                  (Private Bytes, Working Set and their peaks) are kept as plain digits so the pairs
 *                  do not depend on the export locale's thousands separator
 */
public record ProcessDetail(long pid, long imageBase, long imageSize, List<Field> fields) implements Detail {
    public ProcessDetail {
        fields = List.copyOf(fields);
    }

    public record Field(String key, String value) {
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        for (Field f : fields) {
            if (f.key().equals(key)) {
                return f.value();
            }
        }
        return null;
    }
}
