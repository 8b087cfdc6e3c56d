package io.lockscope.ingest.etw;

import io.lockscope.model.TraceBuilder;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * Gives each ETW open the FileKey of its file. A FileIo Create names the FILE_OBJECT but not the
 * FileKey; the requests on that object that follow carry both (etw-formats.md §0.2), so the first
 * of them tells the Create's FileKey. Two names opened onto one FileKey at once are hard links of one
 * file. Shared by the ETL and the export model writers.
 */
public final class OpenFileKeys {
    /** FILE_OBJECT → its Create event, until a request shows the FileKey or the object closes. */
    private final LongIntHashMap createByObject = new LongIntHashMap();

    /**
     * Create event {@code event} opened {@code fileObject}, as far as is known yet: a reader that learns
     * the Create's status only later takes it back with {@link #failed}.
     *
     * @return the Create that the object waited with before this one, or -1
     */
    public int created(long fileObject, int event) {
        if (fileObject == 0) {
            return -1;
        }
        int before = createByObject.getIfAbsent(fileObject, -1);
        createByObject.put(fileObject, event);
        return before;
    }

    /**
     * Create event {@code event} failed after all, so it opened nothing: the object waits again with
     * the Create {@code before} it ({@link #created}'s answer). No request can have taken the failed
     * Create's key in between: the object is not usable before its Create completes.
     */
    public void failed(long fileObject, int event, int before) {
        if (fileObject == 0 || createByObject.getIfAbsent(fileObject, -1) != event) {
            return;
        }
        if (before >= 0) {
            createByObject.put(fileObject, before);
        } else {
            createByObject.remove(fileObject);
        }
    }

    /** A request on {@code fileObject} carried {@code fileKey}: the first one keys its Create. */
    public void requested(TraceBuilder builder, long fileObject, long fileKey) {
        if (fileObject == 0 || fileKey == 0) {
            return;
        }
        int create = createByObject.getIfAbsent(fileObject, -1);
        if (create >= 0) {
            builder.setFileKey(create, fileKey);
            createByObject.remove(fileObject);
        }
    }
}
