package io.lockscope.analysis;

/**
 * Something that keeps a target file in use over an interval of the trace.
 *
 * @param startEvent      the event that began it (CreateFile, Load Image, LockFile, SetDisposition…)
 * @param endEvent        the event that ended it, -1 when it lasted to the end of the capture
 * @param access          ACCESS_MASK of the handle (HANDLE only), -1 when not known
 * @param share           share mode of the handle (HANDLE only), -1 when not known
 * @param pairingInferred the end was paired with the start by inference (procmon has no handle ids)
 */
public record Hold(Kind kind, int processKey, int pathId, int startEvent, int endEvent, int access, int share,
                   boolean pairingInferred) {

    public enum Kind {
        /** An open handle: successful CreateFile until CloseFile (IRP_MJ_CLEANUP). */
        HANDLE,
        /** An image section: Load Image until the process exits; blocks writing and deleting the file. */
        MAPPED_IMAGE,
        /**
         * A data section: CreateFileMapping (or an ETW MapFile) until its ETW UnmapFile, else until the process
         * exits (procmon does not show the unmap); blocks
         * truncating (USER MAPPED FILE) and deleting (CANNOT DELETE) the file, and a writable one fails opens
         * that do not share Write (lock-semantics.md §1.1, §1.4).
         */
        DATA_SECTION,
        /** A byte-range lock: LockFile until its unlock or the handle's cleanup. */
        BYTE_RANGE_LOCK,
        /**
         * A delete disposition: new opens get DELETE PENDING until the file's last handle closes (classic
         * delete, the default of DeleteFile on build 17763), or until the deleting handle closes (POSIX
         * semantics), or until a handle clears the disposition (undelete). Lock-semantics.md §1.2.
         */
        PENDING_DELETE
    }

    /** Whether the hold was in force at event {@code event} (events are in trace order). */
    public boolean activeAt(int event) {
        return startEvent < event && (endEvent < 0 || endEvent > event);
    }

    public boolean endedBefore(int event) {
        return endEvent >= 0 && endEvent < event;
    }
}
