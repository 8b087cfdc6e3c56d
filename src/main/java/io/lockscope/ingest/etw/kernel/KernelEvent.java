package io.lockscope.ingest.etw.kernel;

/**
 * The kernel events lockscope decodes, one record per payload class. Pointers are zero-extended to 64
 * bits; a field the payload version lacks is 0 (numbers) or "" (text). Field names follow TraceEvent.
 * {@code opcode} is the kernel event type (the opcode after ProcessTrace).
 */
public sealed interface KernelEvent {

    /** Process Start/Stop/DCStart/DCStop/Defunct (PerfView ProcessTraceData; ntwmi WMI_PROCESS_INFORMATION). */
    record Process(int opcode, long uniqueProcessKey, int processId, int parentId, int sessionId, int exitStatus,
                   long directoryTableBase, int flags, String imageFileName, String commandLine,
                   String packageFullName, String applicationId) implements KernelEvent {
    }

    /** Thread Start/Stop/DCStart/DCStop (PerfView ThreadTraceData; ntwmi WMI_EXTENDED_THREAD_INFORMATION). */
    record Thread(int opcode, int processId, int threadId, long stackBase, long stackLimit, long userStackBase,
                  long userStackLimit, long affinity, long win32StartAddr, long tebBase, int subProcessTag,
                  int basePriority, int pagePriority, int ioPriority, int threadFlags) implements KernelEvent {
    }

    /** Image Load (Process type 10)/Unload/DCStart/DCStop (ntwmi WMI_IMAGELOAD_INFORMATION). */
    record Image(int opcode, long imageBase, long imageSize, int processId, int imageChecksum, int timeDateStamp,
                 long defaultBase, String fileName) implements KernelEvent {
    }

    /** FileIo Name/FileCreate/FileDelete/FileRundown: FileKey → NT path. */
    record FileName(int opcode, long fileKey, String fileName) implements KernelEvent {
    }

    /** FileIo Create (IRP_MJ_CREATE issued). {@code createOptions} keeps the disposition in its top byte. */
    record FileCreate(long irp, long fileObject, int ttid, int createOptions, int fileAttributes, int shareAccess,
                      String openPath) implements KernelEvent {
        public int disposition() {
            return createOptions >>> 24;
        }

        public int options() {
            return createOptions & 0xFFFFFF;
        }
    }

    /**
     * Every other FileIo request: SimpleOp (Cleanup/Close/Flush), ReadWrite, Info (SetInfo/Delete/Rename/
     * QueryInfo/FSControl), DirEnum/DirNotify and PathOperation (DeletePath/RenamePath/SetLinkPath).
     *
     * @param extraInfo Info class: the ExtraInfo pointer (FSCTL code, rename target …)
     * @param infoClass Info/DirEnum/PathOperation: FILE_INFORMATION_CLASS; -1 otherwise
     * @param offset    ReadWrite: file offset; -1 otherwise
     * @param length    ReadWrite: IoSize; DirEnum: Length; -1 otherwise
     * @param ioFlags   ReadWrite: IoFlags; DirEnum: FileIndex; -1 otherwise
     * @param fileName  DirEnum pattern or PathOperation name; "" otherwise
     */
    record FileRequest(int opcode, long irp, long fileObject, long fileKey, int ttid, long extraInfo,
                       int infoClass, long offset, long length, int ioFlags, String fileName) implements KernelEvent {
    }

    /**
     * FileIo MapFile/UnmapFile/MapFileDCStart/MapFileDCStop: a view of a file mapped into (or out of)
     * {@code processId}. {@code fileKey} names the file (etw-formats.md §2.1 calls the field FileObject;
     * PerfView's MapFileTraceData reads it as the FileKey and pairs an unmap with its map by it).
     */
    record MapFile(int opcode, long viewBase, long fileKey, long byteOffset, long viewSize, int processId)
            implements KernelEvent {
    }

    /** FileIo OperationEnd: the result of the request with the same IRP. */
    record FileOpEnd(long irp, long extraInfo, int status) implements KernelEvent {
    }

    /**
     * FltIo (FileIo opcodes 96–101): a minifilter callback. {@code initialTime} is the raw timestamp of
     * the matching init for completions, else 0; {@code status} is present only when the payload has it.
     */
    record FltIo(int opcode, long initialTime, long routineAddr, long fileObject, long fileContext, long irp,
                 long callbackData, int majorFunction, boolean hasStatus, int status) implements KernelEvent {
    }

    /** Registry operation or KCB event (WMI_REGISTRY); {@code keyHandle} is the base key's KCB address. */
    record Registry(int opcode, long initialTime, int status, int index, long keyHandle, String keyName)
            implements KernelEvent {
    }

    /**
     * ObTrace CreateHandle/CloseHandle (processId -1: the header PID owns it) and HandleDCStart/DCStop
     * (processId in the payload).
     */
    record Handle(int opcode, long object, int handle, int objectType, String objectName, int processId)
            implements KernelEvent {
    }

    /** ObTrace DuplicateHandle. */
    record DuplicateHandle(long object, int sourceHandle, int targetHandle, int targetProcessId, int objectType,
                           int sourceProcessId) implements KernelEvent {
    }

    /** ObTrace TypeDCStart/TypeDCStop: the per-boot object type index → name. */
    record ObjectType(int objectType, String typeName) implements KernelEvent {
    }

    /** SysConfig VolumeMapping (NT device path → DOS path) and SystemPaths. */
    record VolumeMapping(String ntPath, String dosPath) implements KernelEvent {
    }

    /** DiskIo Read/Write/Flush completions and Init events (Init carries only the IRP). */
    record DiskIo(int opcode, int diskNumber, int irpFlags, int transferSize, long byteOffset, long fileKey,
                  long irp, long highResResponseTime, int issuingThreadId) implements KernelEvent {
    }
}
