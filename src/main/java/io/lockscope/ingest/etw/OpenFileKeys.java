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

    /** Create event {@code event} opened {@code fileObject}. */
    public void created(long fileObject, int event) {
        if (fileObject != 0) {
            createByObject.put(fileObject, event);
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
