package io.lockscope.generate;

import io.lockscope.model.Module;
import io.lockscope.model.StackTable.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * The loaded images of the generated machine (Windows Server 2019, 17763.3287) and the call stacks
 * built from them. Kernel frames point into the System process's module list, as in a PML (procmon-
 * formats.md §0.4); the shape of a file-system stack follows §3.3: FLTMGR.SYS frames innermost, then
 * ntoskrnl.exe, and — when an anti-virus minifilter is involved — the filter's frames between FLTMGR
 * frames.
 */
final class Images {
    static final String DRIVERS = "C:\\Windows\\System32\\drivers\\";
    static final String MICROSOFT = "Microsoft Corporation";
    static final String OS_VERSION = "10.0.17763.3287 (WinBuild.160101.0800)";

    static final Module NTOSKRNL = kernel(0xfffff80112400000L, 0xa8b000, "C:\\Windows\\system32\\ntoskrnl.exe",
            "NT Kernel & System");
    static final Module HAL = kernel(0xfffff80112e8b000L, 0x6f000, "C:\\Windows\\system32\\hal.dll",
            "Hardware Abstraction Layer DLL");
    static final Module FLTMGR = kernel(0xfffff80113a00000L, 0x6e000, DRIVERS + "FLTMGR.SYS",
            "Microsoft Filesystem Filter Manager");
    static final Module NTFS = kernel(0xfffff80113c00000L, 0x2d4000, DRIVERS + "Ntfs.sys", "NT File System Driver");
    static final Module WDFILTER = kernel(0xfffff80115600000L, 0x4c000, DRIVERS + "WdFilter.sys",
            "Microsoft antimalware file system filter driver");
    static final Module PROCMON = kernel(0xfffff80116000000L, 0x1e000, DRIVERS + "PROCMON24.SYS",
            "Process Monitor Driver");
    static final Module TMEVTMGR = new Module(0xfffff80115800000L, 0x2a000, DRIVERS + "tmevtmgr.sys",
            "Trend Micro Inc.", "14.0.0.2052", "Trend Micro Event Management Driver", 0);
    static final Module AGFLT = new Module(0xfffff80115900000L, 0x31000, DRIVERS + "agflt.sys",
            "Acme Security Ltd.", "3.2.1.7", "AcmeGuard File Protection", 0);

    private static final long EXE_BASE_64 = 0x7ff7a1b00000L;
    private static final long EXE_BASE_32 = 0x00400000L;

    private Images() {
    }

    private static Module kernel(long base, long size, String path, String description) {
        return new Module(base, size, path, MICROSOFT, OS_VERSION, description, 0);
    }

    /** The System process's module list: the kernel, the file-system stack and {@code filters}. */
    static List<Module> kernelModules(List<Module> filters) {
        List<Module> modules = new ArrayList<>(List.of(NTOSKRNL, HAL, FLTMGR, NTFS, WDFILTER, PROCMON));
        modules.addAll(filters);
        return modules;
    }

    /**
     * The image and the system DLLs of a user process ({@code wow64}: a 32-bit process on x64);
     * {@code extraDlls} innermost caller first, as their frames appear in stacks.
     */
    static List<Module> userModules(String imagePath, String company, String description, String version,
                                    boolean wow64, List<String> extraDlls) {
        List<Module> modules = new ArrayList<>();
        modules.add(new Module(wow64 ? EXE_BASE_32 : EXE_BASE_64, 0x5a000, imagePath, company, version, description, 0));
        String system = wow64 ? "C:\\Windows\\SysWOW64\\" : "C:\\Windows\\System32\\";
        long base = wow64 ? 0x77a00000L : 0x7ffe4c9c0000L;
        modules.add(new Module(base, 0x1f0000, system + "ntdll.dll", MICROSOFT, OS_VERSION, "NT Layer DLL", 0));
        base -= wow64 ? 0x300000L : 0x2f50000L;
        modules.add(new Module(base, 0x298000, system + "KERNELBASE.dll", MICROSOFT, OS_VERSION,
                "Windows NT BASE API Client DLL", 0));
        for (String dll : extraDlls) {
            base -= 0x400000L;
            modules.add(new Module(base, 0x180000, dll, MICROSOFT, OS_VERSION, "", 0));
        }
        return modules;
    }

    static Frame frame(Module m, long offset) {
        return new Frame(m.path(), m.base() + offset, offset, null, m.base() < 0);
    }

    /** Kernel frames of a create/read entering the filter manager (innermost first). */
    static List<Frame> fileSystemKernelFrames(Module filterOrNull) {
        List<Frame> frames = new ArrayList<>(List.of(frame(FLTMGR, 0x3e1b), frame(FLTMGR, 0x6b95)));
        if (filterOrNull != null) {
            frames.add(frame(filterOrNull, 0x1a2c));
            frames.add(frame(filterOrNull, 0x9e70));
            frames.add(frame(FLTMGR, 0x4f31));
            frames.add(frame(FLTMGR, 0x3a2f));
        }
        frames.add(frame(NTOSKRNL, 0x5a1c2));
        frames.add(frame(NTOSKRNL, 0x5d8f1));
        frames.add(frame(NTOSKRNL, 0x1d3a5));
        frames.add(frame(NTOSKRNL, 0x1e8c75));
        return frames;
    }

    /**
     * Kernel frames of a registry call (configuration manager through the system service dispatcher); with
     * {@code callbackOrNull}, that driver's registry callback (CmRegisterCallbackEx) is called by the
     * configuration manager on the same thread, so its frames sit on top (lock-semantics.md §2.3 way 2).
     */
    static List<Frame> registryKernelFrames(Module callbackOrNull) {
        List<Frame> frames = new ArrayList<>();
        if (callbackOrNull != null) {
            frames.add(frame(callbackOrNull, 0x2f18));
            frames.add(frame(callbackOrNull, 0x7c40));
            frames.add(frame(NTOSKRNL, 0x71b2c)); // CmpCallCallBacks
        }
        frames.add(frame(NTOSKRNL, 0x6f0a4));
        frames.add(frame(NTOSKRNL, 0x6e511));
        frames.add(frame(NTOSKRNL, 0x1e8c75));
        return List.copyOf(frames);
    }

    /** Kernel frames of process and image notifications. */
    static List<Frame> processKernelFrames() {
        return List.of(frame(NTOSKRNL, 0x2c1b0), frame(NTOSKRNL, 0x2bd84), frame(NTOSKRNL, 0x1e8c75));
    }

    /** {@code kernel} followed by the user frames of {@code userModules} (ntdll, KERNELBASE, …, the exe last). */
    static List<Frame> withUserFrames(List<Frame> kernel, List<Module> userModules) {
        List<Frame> frames = new ArrayList<>(kernel);
        if (userModules.isEmpty()) {
            return List.copyOf(frames);
        }
        frames.add(frame(userModules.get(1), 0x9c534));
        frames.add(frame(userModules.get(2), 0x3a9d6));
        for (int i = 3; i < userModules.size(); i++) {
            frames.add(frame(userModules.get(i), 0x2b1c + 0x100L * i));
        }
        frames.add(frame(userModules.get(0), 0x1f2e4));
        return List.copyOf(frames);
    }
}
