package io.lockscope.ingest.etw.testing;

import io.lockscope.generate.etw.EtlPayload;

/**
 * The scenario lockscope exists for, as a synthetic 64-bit ETL: a scanner (ntrtscan.exe) opens the
 * driver's DLL for read without FILE_SHARE_DELETE and holds a File handle on it; the installer
 * (TiWorker.exe) then opens it for delete and fails with SHARING VIOLATION while a minifilter
 * (tmevtmgr.sys, whose frame is on the installer's kernel stack) fails the same IRP; the scanner then
 * closes. Two CPUs, records interleaved across buffers.
 */
public final class LockScenario {
    private LockScenario() {
    }

    public static final long T0 = SyntheticEtl.HEADER_RAW;
    public static final int SCANNER = 1880;
    public static final int SCANNER_TID = 100;
    public static final int INSTALLER = 3000;
    public static final int INSTALLER_TID = 200;
    public static final long FO_SCANNER = 0xFFFFA0010000A000L;
    public static final long FO_INSTALLER = 0xFFFFA0010000B000L;
    public static final long FILE_KEY = 0xFFFFC00012345000L;
    public static final long DRIVER_BASE = 0xFFFFF80050000000L;
    public static final String NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\DriverStore\\FileRepository\\"
            + "oposdrv.inf_amd64_1234\\oposdrv.dll";
    public static final String DOS_PATH = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_1234\\oposdrv.dll";
    public static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    public static final int STATUS_ACCESS_DENIED = 0xC0000022;

    public static EtlPayload process(int pid, int parent, String image) {
        return new EtlPayload().ptr(0xFFFF800000000000L + pid).u32(pid).u32(parent).u32(0).u32(259).ptr(0x1000)
                .u32(0).u32(0).ansiz(image).utf16z(image + " -x").utf16z("").utf16z("");
    }

    public static EtlPayload thread(int pid, int tid) {
        return new EtlPayload().u32(pid).u32(tid).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).u32(0)
                .u8(8).u8(5).u8(2).u8(0);
    }

    public static EtlPayload create(long irp, long fileObject, int ttid, int disposition, int options, int share) {
        return new EtlPayload().ptr(irp).ptr(fileObject).u32(ttid).u32(disposition << 24 | options).u32(0x80).u32(share)
                .utf16z(NT_PATH);
    }

    public static EtlPayload opEnd(long irp, long extraInfo, int status) {
        return new EtlPayload().ptr(irp).ptr(extraInfo).u32(status);
    }

    public static EtlPayload simple(long irp, long fileObject, int ttid) {
        return new EtlPayload().ptr(irp).ptr(fileObject).ptr(FILE_KEY).u32(ttid);
    }

    public static EtlPayload handle(long object, int handle, int type) {
        return new EtlPayload().ptr(object).u32(handle).u16(type).utf16z("");
    }

    /** The scenario's trace; call {@link SyntheticEtl#compressed()} on it for the XPRESS form. */
    public static SyntheticEtl etl() {
        SyntheticEtl etl = new SyntheticEtl(2);
        etl.volumeMapping(0, T0, "\\Device\\HarddiskVolume3\\", "C:\\")
                .volumeMapping(0, T0, "\\SystemRoot\\", "C:\\Windows\\")
                .perfinfo(0, 0x03, 3, 4, T0, process(4, 0, "System"))
                .perfinfo(0, 0x03, 3, 4, T0 + 1, process(SCANNER, 600, "ntrtscan.exe"))
                .perfinfo(0, 0x03, 3, 4, T0 + 2, process(INSTALLER, 700, "TiWorker.exe"))
                .system(0, 0x05, 3, 3, SCANNER, SCANNER_TID, T0 + 3, thread(SCANNER, SCANNER_TID))
                .system(0, 0x05, 3, 3, INSTALLER, INSTALLER_TID, T0 + 4, thread(INSTALLER, INSTALLER_TID))
                .perfinfo(0, 0x14, 3, 3, T0 + 5, new EtlPayload().ptr(DRIVER_BASE).ptr(0x40000).u32(0).u32(0).u32(0)
                        .u32(0).ptr(0).u32(0).u32(0).u32(0).u32(0).utf16z("\\SystemRoot\\system32\\drivers\\tmevtmgr.sys"))
                .perfinfo(0, 0x11, 36, 2, T0 + 6, new EtlPayload().u16(37).u16(0).utf16z("File"))
                // the scanner opens for read, sharing read only (FILE_OPEN = 1)
                .perfinfo(0, 0x04, 64, 3, T0 + 100, create(0x1001, FO_SCANNER, SCANNER_TID, 1, 0x60, 1))
                .flush(0)
                .perfinfo(1, 0x04, 76, 3, T0 + 150, opEnd(0x1001, 1, 0))
                .system(1, 0x11, 32, 2, SCANNER, SCANNER_TID, T0 + 160, handle(FO_SCANNER, 0x1A4, 37))
                // the installer opens the same file for delete: sharing violation, and a minifilter fails it too
                .perfinfo(1, 0x04, 64, 3, T0 + 200, create(0x2002, FO_INSTALLER, INSTALLER_TID, 1, 0x1000, 7))
                // the kernel stack of the installer's create, by cached key, defined only at the end
                .perfinfo(1, 0x18, 37, 2, T0 + 201, new EtlPayload().u64(T0 + 200).u32(INSTALLER).u32(INSTALLER_TID).ptr(0x5000))
                .perfinfo(1, 0x04, 101, 3, T0 + 220, new EtlPayload().ptr(DRIVER_BASE + 0x1234).ptr(FO_INSTALLER)
                        .ptr(0).ptr(0x2002).ptr(0xCB0).u32(0).u32(STATUS_ACCESS_DENIED))
                .perfinfo(1, 0x04, 76, 3, T0 + 250, opEnd(0x2002, 0, STATUS_SHARING_VIOLATION))
                .flush(1)
                // the scanner closes: handle, Cleanup, Close
                .system(0, 0x11, 33, 2, SCANNER, SCANNER_TID, T0 + 300, handle(FO_SCANNER, 0x1A4, 37))
                .perfinfo(0, 0x04, 65, 3, T0 + 310, simple(0x3003, FO_SCANNER, SCANNER_TID))
                .perfinfo(1, 0x04, 76, 3, T0 + 320, opEnd(0x3003, 0, 0))
                .perfinfo(0, 0x04, 66, 3, T0 + 330, simple(0x4004, FO_SCANNER, SCANNER_TID))
                .perfinfo(1, 0x04, 76, 3, T0 + 340, opEnd(0x4004, 0, 0))
                .perfinfo(1, 0x18, 36, 2, T0 + 900, new EtlPayload().ptr(0x5000).ptr(DRIVER_BASE + 0x2000).ptr(0xFFFFF80012345678L));
        return etl;
    }
}
