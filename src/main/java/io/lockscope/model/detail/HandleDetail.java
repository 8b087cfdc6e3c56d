package io.lockscope.model.detail;

/**
 * An ETW object-manager handle event (ObTrace CreateHandle / CloseHandle / DuplicateHandle and the
 * HandleDCStart/DCStop rundowns); procmon has no such event. The object's address is the event's
 * {@link io.lockscope.model.EventStore#objectId object id}; for a File handle it equals the FILE_OBJECT
 * of the FileIo events on it.
 *
 * @param handle          the handle value (for a duplicate: the source handle)
 * @param objectType      the object type name ("File", "Key", …) from the trace's type rundown, or null
 * @param objectName      the object name the event carries, or null
 * @param targetProcessId DuplicateHandle: the process receiving the copy, else -1
 * @param targetHandle    DuplicateHandle: the new handle value, else -1
 */
public record HandleDetail(long handle, String objectType, String objectName, int targetProcessId,
                           long targetHandle) implements Detail {
}
