package io.lockscope.generate.etw;

import io.lockscope.model.vocab.IoControlCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a synthetic 64-bit kernel ETL of a failed driver update, as a WPR boot trace with File I/O,
 * Registry, Handle and Minifilter I/O would record it: a rundown preamble (volume mapping,
 * processes, threads, the filter driver's image, the File object type), background FileIo
 * (Create → OpEnd → Read → Cleanup → Close, each with its OpEnd) and Registry traffic of ordinary
 * processes, short-lived processes (Process/Thread Start and End, PIDs reused as Windows reuses
 * them), and in the middle one of the {@link Scenario}s on the driver package's DLL. Streams
 * through {@link EtlCaseWriter}, so the size is limited only by the disk.
 */
public final class EtlCaseGenerator {
    /** What blocks the installer in the trace. */
    public enum Scenario {
        /**
         * The scanner opens the DLL for read sharing read only, holds a handle and reads; the installer's
         * delete-on-close open fails with SHARING VIOLATION; then the scanner closes.
         */
        LOCK_HOLDER,
        /**
         * A System worker thread (a filter's own open) opens the DLL the same way and duplicates the
         * handle into the scanner, closing its own; the installer fails with SHARING VIOLATION; the
         * scanner closes the handle, and the Cleanup runs in the scanner.
         */
        DUPLICATED_HANDLE,
        /**
         * The scanner opened and closed the DLL earlier; the installer's open is failed by the
         * minifilter's pre-create callback (FltIo PreOpFailure, ACCESS DENIED); no process holds it.
         */
        FILTER_DENIAL,
        /**
         * The scanner holds the file open through its WinSxS hard link (sharing read only, reading); the
         * installer queries the DriverStore name, whose requests carry the same FileKey while the scanner's
         * open lasts, then its delete-on-close open of the DriverStore name fails with SHARING VIOLATION.
         * Share access belongs to the file, not the name (MS-FSA 2.1.5.1.2.2; lock-semantics.md §1.6).
         */
        HARD_LINK,
        /**
         * The installer marks the file for deletion (FileIo Delete, classic disposition) and closes its
         * handle while the scanner still holds one, opened sharing read, write and delete; on build 17763
         * the name stays until the last handle closes, so the installer's re-creation of the file fails
         * with DELETE PENDING (lock-semantics.md §1.2).
         */
        DELETE_PENDING,
        /**
         * A point-of-sale service loaded the DLL (Image Load) and runs; no handle is open, but the image
         * section fails the installer's delete-on-close open with CANNOT DELETE (lock-semantics.md §1.3).
         */
        IMAGE_SECTION,
        /**
         * The scanner has the package's DLL open sharing read, write and delete; the installer renames its
         * staged copy from DriverStore\Temp over it with ReplaceIfExists (FileIo RenamePath, which names the
         * new name; etw-formats.md §2.1) and gets ACCESS DENIED: "the target file was open" (MS-FSCC 2.4.42,
         * lock-semantics.md §1.5), whatever its sharing. The blocker is the target's holder.
         */
        RENAME_TARGET,
        /**
         * The scanner opens the DLL, maps a view of it (FileIo MapFile, etw-formats.md §2.1) and closes its
         * handle; the view keeps a data section, so the installer's delete disposition fails with CANNOT
         * DELETE with no handle open ("an existing mapped view", FILE_DISPOSITION_INFORMATION_EX;
         * lock-semantics.md §1.3). The scanner unmaps the view after the failure.
         */
        DATA_SECTION,
        /**
         * The scanner holds a filter oplock on the DLL (FileIo FSControl FSCTL_REQUEST_FILTER_OPLOCK, pending
         * until the break); the installer's delete open, asking not to wait, completes with OPLOCK BREAK IN
         * PROGRESS, the scanner lets go and the delete succeeds: contention, not a failure
         * (lock-semantics.md §1.7).
         */
        OPLOCK_DELAY
    }

    /** What was written. */
    public record Summary(long records, long bytes, long scenarioRaw) {
    }

    public static final int SYSTEM = 4;
    public static final int SYSTEM_WORKER_TID = 48;
    public static final int SCANNER = 1880;
    public static final int SCANNER_TID = 100;
    public static final int INSTALLER = 3000;
    public static final int INSTALLER_TID = 200;
    public static final String SCANNER_IMAGE = "ntrtscan.exe";
    public static final String INSTALLER_IMAGE = "TiWorker.exe";
    public static final int POS_SERVICE = 2240;
    public static final int POS_SERVICE_TID = 300;
    public static final String POS_SERVICE_IMAGE = "PosService.exe";
    public static final String DRIVER = "tmevtmgr.sys";
    public static final long DRIVER_BASE = 0xFFFFF80050000000L;
    public static final long FO_HOLDER = 0xFFFFA0010000A000L;
    public static final long FO_INSTALLER = 0xFFFFA0010000B000L;
    public static final String TARGET_NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\DriverStore\\"
            + "FileRepository\\oposdrv.inf_amd64_3f2c8a1b7d9e0c45\\oposdrv.dll";
    /** The component's own name of the DLL, hard-linked to {@link #TARGET_NT_PATH} by servicing. */
    public static final String WINSXS_NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\WinSxS\\"
            + "amd64_dual_oposdrv.inf_31bf3856ad364e35_10.0.17763.3287_none_5c1f8e2a7b9d3e64\\oposdrv.dll";
    public static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    public static final int STATUS_DELETE_PENDING = 0xC0000056;
    public static final int STATUS_CANNOT_DELETE = 0xC0000121;
    public static final int STATUS_ACCESS_DENIED = 0xC0000022;
    public static final int STATUS_OPLOCK_BREAK_IN_PROGRESS = 0x108;
    /** Where driver staging copies a package before it moves into the FileRepository (lock-semantics.md §3). */
    public static final String STAGED_NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\DriverStore\\Temp\\"
            + "{5d0e2b7c-41a9-4f3e-9c6d-2a8b1e7f0c35}\\oposdrv.dll";

    private static final UUID SYS_CONFIG = UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0");
    private static final int FILE_OBJECT_TYPE = 37;
    /** Process and Thread opcodes (PerfView ProcessTraceData / ThreadTraceData). */
    private static final int START = 1;
    private static final int END = 2;
    private static final int DC_START = 3;
    private static final int SHORT_LIVED_PIDS = 10_000;
    private static final long FO_INSTALLER_QUERY = 0xFFFFA0010000C000L;
    private static final long TARGET_FILE_KEY = 0xFFFFC00012345000L;
    private static final long STAGED_FILE_KEY = 0xFFFFC00012346000L;
    /** Where the scanner's view of the DLL is mapped, and its size. */
    private static final long VIEW_BASE = 0x000001F0A5C00000L;
    private static final long VIEW_SIZE = 0x30000;
    private static final int FILE_OPEN = 1;
    private static final int FILE_OVERWRITE_IF = 5;
    private static final int FILE_STANDARD_INFORMATION = 5;
    private static final int FILE_DISPOSITION_INFORMATION = 13;
    private static final int FILE_RENAME_INFORMATION = 10;
    private static final int FILE_DELETE_ON_CLOSE = 0x1000;
    private static final int FILE_NON_DIRECTORY_FILE = 0x40;
    private static final int FILE_COMPLETE_IF_OPLOCKED = 0x100;
    private static final int FILE_OPEN_REPARSE_POINT = 0x200000;
    private static final int FSCTL_REQUEST_FILTER_OPLOCK = IoControlCodes.code("FSCTL_REQUEST_FILTER_OPLOCK");
    /** The OperationEnd's ExtraInfo of a create that opened an existing file. */
    private static final int FILE_OPENED = 1;
    private static final int SHARE_READ = 1;
    private static final int SHARE_ALL = 7;
    private static final int NOISE_PROCESSES = 16;
    private static final int NOISE_FILES = 4096;
    private static final int IRP_POOL = 64;
    private static final String[] NOISE_IMAGES = {"svchost.exe", "explorer.exe", "SearchIndexer.exe", "MsMpEng.exe",
            "lsass.exe", "services.exe", "wininit.exe", "csrss.exe"};

    private final EtlCaseWriter out;
    private final EtlPayload p;
    private final SplittableRandom random;
    private long raw = EtlCaseWriter.HEADER_RAW + 10;
    private long irpSerial;
    private long fileObjectSerial;
    /**
     * By CPU, the FILE_OBJECTs of noise opens that a Close freed, given again last freed first. Cleanup
     * (IRP_MJ_CLEANUP) is the last handle's close; Close (IRP_MJ_CLOSE) is the final close, which frees
     * the file object (lock-semantics.md §4; Microsoft Learn, FileIo_SimpleOp: "the Close event specifies
     * that a file object is being freed"). So an address names an open only from its Create to its Close,
     * and freed memory goes to later allocations, here later opens of other files.
     */
    private final List<ArrayDeque<Long>> freedFileObjects = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private long processSerial;

    private EtlCaseGenerator(EtlCaseWriter out, long seed) {
        this.out = out;
        this.p = out.payload();
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes {@code file}: about {@code targetBytes} of ETL as it is uncompressed (at least the
     * preamble and the scenario), the scenario halfway through. The same seed and size give the
     * same records plain or compressed; compressed, the file is smaller.
     */
    public static Summary write(Path file, Scenario scenario, long targetBytes, boolean compressed, long seed)
            throws IOException {
        try (EtlCaseWriter w = new EtlCaseWriter(file, 2, compressed)) {
            EtlCaseGenerator g = new EtlCaseGenerator(w, seed);
            g.preamble();
            g.noiseUntil(targetBytes / 2);
            long scenarioRaw = g.raw;
            g.scenario(scenario);
            g.noiseUntil(targetBytes);
            w.close();
            return new Summary(w.records(), Files.size(file), scenarioRaw);
        }
    }

    private long tick(int ticks) {
        raw += ticks;
        return raw;
    }

    private void preamble() throws IOException {
        out.classic(0, SYS_CONFIG, 35, 2, 0, 0, tick(1), p.reset().utf16z("\\Device\\HarddiskVolume3\\").utf16z("C:\\"));
        out.classic(0, SYS_CONFIG, 35, 2, 0, 0, tick(1), p.reset().utf16z("\\SystemRoot\\").utf16z("C:\\Windows\\"));
        process(0, DC_START, SYSTEM, 0, "System");
        process(0, DC_START, SCANNER, 600, SCANNER_IMAGE);
        process(0, DC_START, INSTALLER, 700, INSTALLER_IMAGE);
        process(0, DC_START, POS_SERVICE, 600, POS_SERVICE_IMAGE);
        thread(0, DC_START, SYSTEM, SYSTEM_WORKER_TID);
        thread(0, DC_START, SCANNER, SCANNER_TID);
        thread(0, DC_START, INSTALLER, INSTALLER_TID);
        thread(0, DC_START, POS_SERVICE, POS_SERVICE_TID);
        for (int k = 0; k < NOISE_PROCESSES; k++) {
            process(0, DC_START, noisePid(k), 600, NOISE_IMAGES[k % NOISE_IMAGES.length]);
            thread(0, DC_START, noisePid(k), noiseTid(k));
        }
        // Image/DCStart of the filter driver: RoutineAddr inside it names the driver
        out.perfinfo(0, 0x14, 3, 3, tick(1), p.reset().ptr(DRIVER_BASE).ptr(0x40000).u32(0).u32(0).u32(0).u32(0).ptr(0)
                .u32(0).u32(0).u32(0).u32(0).utf16z("\\SystemRoot\\system32\\drivers\\" + DRIVER));
        // Object/TypeDCStart: type index → "File"
        out.perfinfo(0, 0x11, 36, 2, tick(1), p.reset().u16(FILE_OBJECT_TYPE).u16(0).utf16z("File"));
    }

    /** Process (group 3) v4 event of {@code type} (no SID, empty package names). */
    private void process(int cpu, int type, int pid, int parent, String image) throws IOException {
        out.perfinfo(cpu, 0x03, type, 4, tick(1), p.reset().ptr(0xFFFF800000000000L + pid).u32(pid).u32(parent).u32(0)
                .u32(259).ptr(0x1000).u32(0).u32(0).ansiz(image).utf16z(image).utf16z("").utf16z(""));
    }

    /** Thread (group 5) v3 event of {@code type}. */
    private void thread(int cpu, int type, int pid, int tid) throws IOException {
        out.system(cpu, 0x05, type, 3, pid, tid, tick(1), p.reset().u32(pid).u32(tid).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0)
                .ptr(0).ptr(0).u32(0).u8(8).u8(5).u8(2).u8(0));
    }

    private static int noisePid(int k) {
        return 5000 + 4 * k;
    }

    private static int noiseTid(int k) {
        return 9000 + 4 * k;
    }

    private void noiseUntil(long bytes) throws IOException {
        while (out.dataBytes() < bytes) {
            noise();
        }
    }

    /**
     * One open-read-close cycle of an ordinary process on a system file, on a FILE_OBJECT an earlier
     * cycle's final Close freed where there is one ({@link #freedFileObjects}), or a registry lookup.
     */
    private void noise() throws IOException {
        tick(random.nextInt(400)); // cycles some 20 µs apart: a 500 MB trace spans about a minute
        int k = random.nextInt(NOISE_PROCESSES);
        int cpu = k & 1;
        if (random.nextInt(64) == 0) {
            int pid = 20_000 + 4 * (int) (processSerial++ % SHORT_LIVED_PIDS);
            process(cpu, START, pid, noisePid(k), "conhost.exe");
            thread(cpu, START, pid, pid + 2);
            thread(cpu, END, pid, pid + 2);
            process(cpu, END, pid, noisePid(k), "conhost.exe");
            return;
        }
        if (random.nextInt(4) == 0) {
            String key = "\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor" + random.nextInt(64) + "\\Settings";
            out.system(cpu, 0x09, 11, 2, noisePid(k), noiseTid(k), tick(3),
                    p.reset().u64(raw - 2).u32(0).u32(0).ptr(0).utf16z(key));
            out.system(cpu, 0x09, 16, 2, noisePid(k), noiseTid(k), tick(3),
                    p.reset().u64(raw - 2).u32(0).u32(0).ptr(0).utf16z(key + "\\Value" + random.nextInt(8)));
            return;
        }
        int file = random.nextInt(NOISE_FILES);
        Long freed = freedFileObjects.get(cpu).poll();
        long fileObject = freed != null ? freed : 0xFFFFA00200000000L + (++fileObjectSerial << 8);
        long fileKey = 0xFFFFC00100000000L + ((long) file << 12);
        String path = "\\Device\\HarddiskVolume3\\Windows\\System32\\lib" + file + ".dll";
        int tid = noiseTid(k);
        long irp = nextIrp();
        out.perfinfo(cpu, 0x04, 64, 3, tick(2), create(irp, fileObject, tid, FILE_OPEN, 0x60, SHARE_READ, path));
        opEnd(cpu, irp, 1, 0);
        irp = nextIrp();
        out.perfinfo(cpu, 0x04, 67, 3, tick(2), p.reset().u64(0).ptr(irp).ptr(fileObject).ptr(fileKey).u32(tid)
                .u32(4096).u32(0));
        opEnd(cpu, irp, 4096, 0);
        simple(cpu, 65, fileObject, fileKey, tid);
        simple(cpu, 66, fileObject, fileKey, tid);
        freedFileObjects.get(cpu).push(fileObject);
    }

    private long nextIrp() {
        return 0xFFFFB00000001000L + ((irpSerial++ % IRP_POOL) << 8);
    }

    private EtlPayload create(long irp, long fileObject, int tid, int disposition, int options, int share, String path) {
        return p.reset().ptr(irp).ptr(fileObject).u32(tid).u32(disposition << 24 | options).u32(0x80).u32(share)
                .utf16z(path);
    }

    private void opEnd(int cpu, long irp, long extraInfo, int status) throws IOException {
        out.perfinfo(cpu, 0x04, 76, 3, tick(2), p.reset().ptr(irp).ptr(extraInfo).u32(status));
    }

    /** Cleanup (65) or Close (66) with its OpEnd. */
    private void simple(int cpu, int opcode, long fileObject, long fileKey, int tid) throws IOException {
        long irp = nextIrp();
        out.perfinfo(cpu, 0x04, opcode, 3, tick(2), p.reset().ptr(irp).ptr(fileObject).ptr(fileKey).u32(tid));
        opEnd(cpu, irp, 0, 0);
    }

    private void handle(int type, int pid, int tid, long object, int handle) throws IOException {
        out.system(0, 0x11, type, 2, pid, tid, tick(5), p.reset().ptr(object).u32(handle).u16(FILE_OBJECT_TYPE).utf16z(""));
    }

    private void read(long fileObject, int tid) throws IOException {
        long irp = nextIrp();
        out.perfinfo(0, 0x04, 67, 3, tick(5), p.reset().u64(0).ptr(irp).ptr(fileObject).ptr(TARGET_FILE_KEY).u32(tid)
                .u32(4096).u32(0));
        opEnd(0, irp, 4096, 0);
    }

    /** A set- or query-information request (Info layout) with its OpEnd. */
    private void info(int cpu, int opcode, long fileObject, int tid, long extraInfo, int infoClass) throws IOException {
        info(cpu, opcode, fileObject, tid, extraInfo, infoClass, 0);
    }

    private void info(int cpu, int opcode, long fileObject, int tid, long extraInfo, int infoClass, int status)
            throws IOException {
        long irp = nextIrp();
        out.perfinfo(cpu, 0x04, opcode, 3, tick(5), p.reset().ptr(irp).ptr(fileObject).ptr(TARGET_FILE_KEY)
                .ptr(extraInfo).u32(tid).u32(infoClass));
        opEnd(cpu, irp, 0, status);
    }

    /** FileIo MapFile (37) or UnmapFile (38) of the scanner's view: ViewBase, FileKey, MiscInfo, ViewSize, ProcessId. */
    private void scannerView(int opcode) throws IOException {
        out.perfinfo(0, 0x04, opcode, 3, tick(10), p.reset().ptr(VIEW_BASE).ptr(TARGET_FILE_KEY).u64(0).ptr(VIEW_SIZE)
                .u32(SCANNER));
    }

    /** The holder's open of the DLL by {@code path}: read access shown by a Read, sharing {@code share}. */
    private void holderOpens(long fileObject, int tid, String path, int share) throws IOException {
        long irp = nextIrp();
        out.perfinfo(0, 0x04, 64, 3, tick(100), create(irp, fileObject, tid, FILE_OPEN, 0x60, share, path));
        opEnd(0, irp, 1, 0);
    }

    private void holderOpens(long fileObject, int tid) throws IOException {
        holderOpens(fileObject, tid, TARGET_NT_PATH, SHARE_READ);
    }

    /** The holder's handle closes: ObTrace CloseHandle, then the Cleanup and Close of its object. */
    private void holderCloses(int pid, int tid, long fileObject) throws IOException {
        handle(33, pid, tid, fileObject, 0x1A4);
        simple(0, 65, fileObject, TARGET_FILE_KEY, tid);
        simple(0, 66, fileObject, TARGET_FILE_KEY, tid);
    }

    /** The installer opens for delete-on-close (so DELETE access), sharing everything. */
    private void installerOpens(int status, boolean filterFails) throws IOException {
        installerOpens(FILE_OPEN, status, filterFails);
    }

    private void installerOpens(int disposition, int status, boolean filterFails) throws IOException {
        long irp = nextIrp();
        out.perfinfo(1, 0x04, 64, 3, tick(100), create(irp, FO_INSTALLER, INSTALLER_TID, disposition,
                FILE_DELETE_ON_CLOSE, SHARE_ALL, TARGET_NT_PATH));
        if (filterFails) {
            // FltIo PreOpFailure: RoutineAddr, FileObject, FileContext, Irp, CallbackData, MajorFunction (CREATE), Status
            out.perfinfo(1, 0x04, 100, 3, tick(20), p.reset().ptr(DRIVER_BASE + 0x1234).ptr(FO_INSTALLER).ptr(0)
                    .ptr(irp).ptr(0xFFFFA00300000CB0L).u32(0).u32(status));
        }
        opEnd(1, irp, 0, status);
    }

    /** The installer's own successful open of the DLL, with {@code options}, closed after {@code then}. */
    private void installerUses(int options, IoAction then) throws IOException {
        long irp = nextIrp();
        out.perfinfo(1, 0x04, 64, 3, tick(100), create(irp, FO_INSTALLER_QUERY, INSTALLER_TID, FILE_OPEN, options,
                SHARE_ALL, TARGET_NT_PATH));
        opEnd(1, irp, 1, 0);
        then.run();
        simple(1, 65, FO_INSTALLER_QUERY, TARGET_FILE_KEY, INSTALLER_TID);
        simple(1, 66, FO_INSTALLER_QUERY, TARGET_FILE_KEY, INSTALLER_TID);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void scenario(Scenario scenario) throws IOException {
        long fileKey = TARGET_FILE_KEY;
        switch (scenario) {
            case LOCK_HOLDER -> {
                holderOpens(FO_HOLDER, SCANNER_TID);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                read(FO_HOLDER, SCANNER_TID);
                installerOpens(STATUS_SHARING_VIOLATION, false);
                handle(33, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                simple(0, 65, FO_HOLDER, fileKey, SCANNER_TID);
                simple(0, 66, FO_HOLDER, fileKey, SCANNER_TID);
            }
            case DUPLICATED_HANDLE -> {
                holderOpens(FO_HOLDER, SYSTEM_WORKER_TID);
                handle(32, SYSTEM, SYSTEM_WORKER_TID, FO_HOLDER, 0x80);
                read(FO_HOLDER, SYSTEM_WORKER_TID);
                // Object/DuplicateHandle: Object, SourceHandle, TargetHandle, TargetProcessId, ObjectType, SourceProcessId
                out.system(0, 0x11, 34, 2, SYSTEM, SYSTEM_WORKER_TID, tick(5), p.reset().ptr(FO_HOLDER).u32(0x80)
                        .u32(0x1A4).u32(SCANNER).u16(FILE_OBJECT_TYPE).u32(SYSTEM));
                handle(33, SYSTEM, SYSTEM_WORKER_TID, FO_HOLDER, 0x80);
                installerOpens(STATUS_SHARING_VIOLATION, false);
                handle(33, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                simple(0, 65, FO_HOLDER, fileKey, SCANNER_TID);
                simple(0, 66, FO_HOLDER, fileKey, SCANNER_TID);
            }
            case FILTER_DENIAL -> {
                holderOpens(FO_HOLDER, SCANNER_TID);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                handle(33, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                simple(0, 65, FO_HOLDER, fileKey, SCANNER_TID);
                simple(0, 66, FO_HOLDER, fileKey, SCANNER_TID);
                installerOpens(STATUS_ACCESS_DENIED, true);
            }
            case HARD_LINK -> {
                holderOpens(FO_HOLDER, SCANNER_TID, WINSXS_NT_PATH, SHARE_READ);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                read(FO_HOLDER, SCANNER_TID);
                installerUses(0x60, () -> info(1, 74, FO_INSTALLER_QUERY, INSTALLER_TID, 0, FILE_STANDARD_INFORMATION));
                installerOpens(STATUS_SHARING_VIOLATION, false);
                holderCloses(SCANNER, SCANNER_TID, FO_HOLDER);
            }
            case DELETE_PENDING -> {
                holderOpens(FO_HOLDER, SCANNER_TID, TARGET_NT_PATH, SHARE_ALL);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                read(FO_HOLDER, SCANNER_TID);
                // FileIo Delete: SetInformation with FileDispositionInformation (Delete: True)
                installerUses(0x60, () -> info(1, 70, FO_INSTALLER_QUERY, INSTALLER_TID, 1, FILE_DISPOSITION_INFORMATION));
                installerOpens(FILE_OVERWRITE_IF, STATUS_DELETE_PENDING, false);
                holderCloses(SCANNER, SCANNER_TID, FO_HOLDER);
            }
            case IMAGE_SECTION -> {
                // Image/Load (system header): ImageBase, ImageSize, ProcessId, checksum, time stamp, signature, DefaultBase, …
                out.system(0, 0x14, 10, 3, POS_SERVICE, POS_SERVICE_TID, tick(100), p.reset().ptr(0x7FFB20000000L)
                        .ptr(0x30000).u32(POS_SERVICE).u32(0).u32(0).u32(0).ptr(0).u32(0).u32(0).u32(0).u32(0)
                        .utf16z(TARGET_NT_PATH));
                installerOpens(STATUS_CANNOT_DELETE, false);
            }
            case RENAME_TARGET -> {
                holderOpens(FO_HOLDER, SCANNER_TID, TARGET_NT_PATH, SHARE_ALL);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                read(FO_HOLDER, SCANNER_TID);
                long irp = nextIrp();
                out.perfinfo(1, 0x04, 64, 3, tick(100), create(irp, FO_INSTALLER, INSTALLER_TID, FILE_OPEN,
                        FILE_NON_DIRECTORY_FILE | FILE_OPEN_REPARSE_POINT, SHARE_ALL, STAGED_NT_PATH));
                opEnd(1, irp, FILE_OPENED, 0);
                // FileIo RenamePath (v3 PathOperation): Irp, FileObject, FileKey, ExtraInfo (ReplaceIfExists),
                // TTID, InfoClass, FileName (the new name)
                irp = nextIrp();
                out.perfinfo(1, 0x04, 80, 3, tick(5), p.reset().ptr(irp).ptr(FO_INSTALLER).ptr(STAGED_FILE_KEY).ptr(1)
                        .u32(INSTALLER_TID).u32(FILE_RENAME_INFORMATION).utf16z(TARGET_NT_PATH));
                opEnd(1, irp, 0, STATUS_ACCESS_DENIED);
                simple(1, 65, FO_INSTALLER, STAGED_FILE_KEY, INSTALLER_TID);
                simple(1, 66, FO_INSTALLER, STAGED_FILE_KEY, INSTALLER_TID);
                holderCloses(SCANNER, SCANNER_TID, FO_HOLDER);
            }
            case DATA_SECTION -> {
                // FileIo Name: the kernel names the FileKey that the view event carries
                out.perfinfo(0, 0x04, 0, 3, tick(10), p.reset().ptr(fileKey).utf16z(TARGET_NT_PATH));
                holderOpens(FO_HOLDER, SCANNER_TID, TARGET_NT_PATH, SHARE_ALL);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                scannerView(37);
                // the handle closes (Cleanup); the view still references the FILE_OBJECT, so no Close yet
                handle(33, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                simple(0, 65, FO_HOLDER, fileKey, SCANNER_TID);
                installerUses(FILE_NON_DIRECTORY_FILE | FILE_OPEN_REPARSE_POINT, () -> info(1, 70, FO_INSTALLER_QUERY,
                        INSTALLER_TID, 1, FILE_DISPOSITION_INFORMATION, STATUS_CANNOT_DELETE));
                scannerView(38);
                simple(0, 66, FO_HOLDER, fileKey, SCANNER_TID);
            }
            case OPLOCK_DELAY -> {
                holderOpens(FO_HOLDER, SCANNER_TID, TARGET_NT_PATH, SHARE_ALL);
                handle(32, SCANNER, SCANNER_TID, FO_HOLDER, 0x1A4);
                // FileIo FSControl (Info layout, the FSCTL code as InfoClass): a granted oplock request stays
                // pending, so its OperationEnd comes only at the break
                long oplockIrp = nextIrp();
                out.perfinfo(0, 0x04, 75, 3, tick(5), p.reset().ptr(oplockIrp).ptr(FO_HOLDER).ptr(fileKey).ptr(0)
                        .u32(SCANNER_TID).u32(FSCTL_REQUEST_FILTER_OPLOCK));
                read(FO_HOLDER, SCANNER_TID);
                long irp = nextIrp();
                out.perfinfo(1, 0x04, 64, 3, tick(100), create(irp, FO_INSTALLER, INSTALLER_TID, FILE_OPEN,
                        FILE_NON_DIRECTORY_FILE | FILE_OPEN_REPARSE_POINT | FILE_COMPLETE_IF_OPLOCKED, SHARE_READ,
                        TARGET_NT_PATH));
                opEnd(1, irp, FILE_OPENED, STATUS_OPLOCK_BREAK_IN_PROGRESS);
                opEnd(0, oplockIrp, 0, 0);
                holderCloses(SCANNER, SCANNER_TID, FO_HOLDER);
                info(1, 70, FO_INSTALLER, INSTALLER_TID, 1, FILE_DISPOSITION_INFORMATION);
                simple(1, 65, FO_INSTALLER, fileKey, INSTALLER_TID);
                simple(1, 66, FO_INSTALLER, fileKey, INSTALLER_TID);
            }
        }
    }
}
