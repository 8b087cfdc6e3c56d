package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;

import java.util.Locale;

/**
 * How kernel events become procmon terms, shared by the ETL reader and the readers of its exported
 * forms so that the same event gives the same model whichever way it arrives ({@link FileOperations}
 * maps the other FileIo requests).
 */
public final class KernelMapping {
    private KernelMapping() {
    }

    /**
     * The detail of a FileIo Create: dispositions procmon knows (≤ FILE_MAXIMUM_DISPOSITION 5, with
     * slack) as a {@link CreateFileDetail} whose open result is the OperationEnd's ExtraInfo when the
     * create succeeded, anything else as text.
     */
    public static Detail createDetail(KernelEvent.FileCreate c, int status, long extraInfo) {
        if (c.disposition() <= 7) {
            int openResult = status >= 0 && status != RequestJoin.NO_STATUS && extraInfo >= 0 && extraInfo <= 5
                    ? (int) extraInfo : -1;
            return new CreateFileDetail(-1, c.disposition(), c.options(), c.fileAttributes(), c.shareAccess() & 7,
                    -1, openResult, null);
        }
        return new Detail.Text(String.format("CreateOptions: 0x%08X, ShareAccess: 0x%X", c.createOptions(),
                c.shareAccess()));
    }

    /** The model's class of the events of kernel group {@code group}. */
    public static EventClass eventClass(int group) {
        return switch (group) {
            case KernelGroups.PROCESS, KernelGroups.THREAD, KernelGroups.IMAGE -> EventClass.PROCESS;
            case KernelGroups.FILE_IO, KernelGroups.DISK_IO -> EventClass.FILE_SYSTEM;
            case KernelGroups.REGISTRY -> EventClass.REGISTRY;
            case KernelGroups.OBJECT -> EventClass.HANDLE;
            case KernelGroups.TCP_IP, KernelGroups.UDP_IP -> EventClass.NETWORK;
            case KernelGroups.PERF_INFO, KernelGroups.STACK_WALK -> EventClass.PROFILING;
            default -> EventClass.UNKNOWN;
        };
    }

    /** Registry opcodes (PerfView RegistryTraceData) → procmon operations; KCB events stay "other". */
    public static Operation registryOperation(int opcode) {
        return switch (opcode) {
            case 10 -> Operation.REG_CREATE_KEY;
            case 11 -> Operation.REG_OPEN_KEY;
            case 12 -> Operation.REG_DELETE_KEY;
            case 13 -> Operation.REG_QUERY_KEY;
            case 14 -> Operation.REG_SET_VALUE;
            case 15 -> Operation.REG_DELETE_VALUE;
            case 16 -> Operation.REG_QUERY_VALUE;
            case 17 -> Operation.REG_ENUM_KEY;
            case 18 -> Operation.REG_ENUM_VALUE;
            case 19 -> Operation.REG_QUERY_MULTIPLE_VALUE_KEY;
            case 20 -> Operation.REG_SET_INFO_KEY;
            case 21 -> Operation.REG_FLUSH_KEY;
            case 27 -> Operation.REG_CLOSE_KEY;
            default -> Operation.OTHER;
        };
    }

    /** Kernel key names as procmon shows them: {@code \REGISTRY\MACHINE} → HKLM, {@code \REGISTRY\USER} → HKU. */
    public static String registryPath(String kernelName) {
        String upper = kernelName.toUpperCase(Locale.ROOT);
        if (upper.startsWith("\\REGISTRY\\MACHINE")) {
            return "HKLM" + kernelName.substring("\\REGISTRY\\MACHINE".length());
        }
        if (upper.startsWith("\\REGISTRY\\USER")) {
            return "HKU" + kernelName.substring("\\REGISTRY\\USER".length());
        }
        return kernelName;
    }
}
