package io.lockscope.model.detail;

/**
 * An ETW minifilter callback event (FltIo PreOp/PostOp Init, Completion, Failure); procmon has no
 * such event. The FILE_OBJECT and IRP are the event's {@link io.lockscope.model.EventStore#objectId
 * object id} and {@link io.lockscope.model.EventStore#irp IRP}; the callback's status is the event
 * result.
 *
 * @param driver         file path of the kernel module holding the callback, null when no loaded
 *                       module contains {@code routineAddress}
 * @param routineAddress the pre/post-operation callback address
 * @param majorFunction  IRP_MJ_* (0 CREATE … 0x12 CLEANUP) or a FltMgr pseudo-operation (negative)
 * @param callbackData   FLT_CALLBACK_DATA address, pairing an init with its completion
 */
public record FilterDetail(String driver, long routineAddress, int majorFunction, long callbackData)
        implements Detail {
}
