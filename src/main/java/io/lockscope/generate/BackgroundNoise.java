package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.model.Operation;
import io.lockscope.model.StackTable.Frame;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.vocab.NtStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.lockscope.generate.Details.*;

/**
 * The background activity of a booting Windows, produced on demand one event at a time (nothing is
 * held but the few steps of the access pattern under way): services reading DLLs and querying the
 * registry, loader probes that find nothing, anti-virus agents scanning files, TiWorker reading
 * component manifests, the System process paging hive logs. Every open is closed within its pattern
 * and no pattern touches the serviced package, so the noise never changes who held the target files.
 */
final class BackgroundNoise {
    private static final String SYSTEM32 = "C:\\Windows\\System32\\";
    private static final String[] DLLS = {"advapi32.dll", "sechost.dll", "rpcrt4.dll", "combase.dll", "ucrtbase.dll",
            "msvcp_win.dll", "bcryptprimitives.dll", "cryptbase.dll", "profapi.dll", "wldp.dll", "crypt32.dll",
            "msasn1.dll", "wintrust.dll", "imagehlp.dll", "powrprof.dll", "umpdc.dll", "shlwapi.dll",
            "kernel.appcore.dll", "windows.storage.dll", "shcore.dll", "oleaut32.dll", "user32.dll", "win32u.dll",
            "gdi32.dll", "gdi32full.dll", "IPHLPAPI.DLL", "dnsapi.dll", "nsi.dll", "ws2_32.dll", "mswsock.dll",
            "userenv.dll", "wevtapi.dll", "winsta.dll", "sspicli.dll", "netutils.dll", "samcli.dll", "logoncli.dll",
            "cfgmgr32.dll", "devobj.dll", "clbcatq.dll", "wbem\\wbemcomn.dll", "wbem\\fastprox.dll", "en-US\\svchost.exe.mui"};
    private static final String[] DATA_FILES = {"C:\\Windows\\Globalization\\Sorting\\SortDefault.nls",
            "C:\\Windows\\System32\\wbem\\Repository\\OBJECTS.DATA", "C:\\Windows\\System32\\wbem\\Repository\\INDEX.BTR",
            "C:\\Windows\\Fonts\\StaticCache.dat", "C:\\Windows\\System32\\catroot2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\catdb",
            "C:\\Windows\\System32\\LogFiles\\WMI\\RtBackup\\EtwRTEventlog-System.etl",
            "C:\\ProgramData\\Microsoft\\Windows\\Caches\\cversions.2.db", "C:\\Windows\\System32\\drivers\\etc\\hosts",
            "C:\\Windows\\Prefetch\\SVCHOST.EXE-6F2E0B4D.pf", "C:\\Windows\\System32\\Tasks\\Microsoft\\Windows\\Defrag\\ScheduledDefrag"};
    private static final String[] SCANNED_DRIVERS = {"ndis.sys", "tcpip.sys", "afd.sys", "netio.sys", "volsnap.sys",
            "disk.sys", "CLASSPNP.SYS", "storport.sys", "mountmgr.sys", "partmgr.sys", "msrpc.sys", "ksecdd.sys"};
    private static final String[] MISSING_DLLS = {"VERSION.dll", "CRYPTSP.dll", "dbghelp.dll", "WINMM.dll",
            "dwmapi.dll", "UxTheme.dll", "PROPSYS.dll"};
    private static final String[] HIVE_LOGS = {"SOFTWARE.LOG1", "SYSTEM.LOG1", "SOFTWARE", "SYSTEM", "COMPONENTS.LOG1",
            "DEFAULT.LOG1"};
    private static final String[] COMPONENTS = {"servicingstack", "kernel32", "ntdll", "shell32", "comctl32",
            "winsxs", "cbscore", "wcp", "drupdate", "setupapi", "ntoskrnl", "hal", "tcpip", "wininit", "services",
            "lsass", "svchost", "rpcss", "msvcrt", "ole32"};
    private static final Setting[] SETTINGS = {
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\Session Manager", "SafeDllSearchMode", dword(1)),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\Session Manager", "CWDIllegalInDllSearch", null),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\Nls\\Sorting\\Versions", "(Default)", string("00060305")),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Ole", "EnableDCOM", string("Y")),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Rpc", "MaxRpcSize", null),
            new Setting("HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters", "Hostname", string("POS-SRV-0417")),
            new Setting("HKLM\\System\\CurrentControlSet\\Services\\EventLog", "Start", dword(2)),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\Lsa", "LimitBlankPasswordUse", dword(1)),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ProductName",
                    string("Windows Server 2019 Standard")),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuild", string("17763")),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "UBR", dword(3165)),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\GRE_Initialize", "DisableMetaFiles", null),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName", "ComputerName",
                    string("POS-SRV-0417")),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\ProductOptions", "ProductType", string("ServerNT")),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Cryptography", "MachineGuid",
                    string("6d2f3a1e-8c47-4b9e-a0d5-3f1c2e7b9a84")),
            new Setting("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\System", "EnableSmartScreen", null),
            new Setting("HKLM\\System\\CurrentControlSet\\Control\\WMI\\Autologger\\EventLog-System", "Start", dword(1))};
    private static final Setting[] SERVICING_SETTINGS = {
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing", "ExecuteState",
                    dword(1)),
            new Setting("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing", "RebootPending",
                    null),
            new Setting("HKLM\\COMPONENTS", "StoreDirty", dword(1)),
            new Setting("HKLM\\COMPONENTS\\ServicingStackVersions", "10.0.17763.3280",
                    string("C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.17763.3280_none_7e4d0f1c3a2b5d68"))};

    private final List<Actor> actors;
    private final SplittableRandom random;
    private final ArrayDeque<Step> pattern = new ArrayDeque<>();
    private final List<Actor> alive = new ArrayList<>();

    /** A registry value a process reads; {@code value} null when the value does not exist. */
    private record Setting(String key, String name, RegValueDetail value) {
    }

    private record Step(Actor actor, int tid, Operation operation, String path, int result, Detail detail,
                        long duration, List<Frame> stack) {
    }

    private enum Role { SYSTEM, SERVICE, AGENT, SERVICING }

    BackgroundNoise(List<Actor> actors, long seed) {
        this.actors = List.copyOf(actors);
        this.random = new SplittableRandom(seed);
    }

    /** The next background event, stamped {@code time} (times must not decrease). */
    EventRow next(long time) {
        if (pattern.isEmpty()) {
            plan(time);
        }
        Step s = pattern.poll();
        return EventRow.of(time, s.actor.key, s.actor.info, s.tid, s.operation, s.path, s.result, s.detail, s.duration,
                s.stack);
    }

    private void plan(long time) {
        alive.clear();
        for (Actor a : actors) {
            if (a.aliveAt(time)) {
                alive.add(a);
            }
        }
        Actor a = alive.get(random.nextInt(alive.size()));
        int tid = a.tids[random.nextInt(a.tids.length)];
        int dice = random.nextInt(100);
        switch (role(a)) {
            case SYSTEM -> hiveIo(a, tid);
            case AGENT -> {
                if (dice < 70) {
                    readFile(a, tid, scanTarget(), SHARE_ALL, a.filteredFileStack);
                } else {
                    readSetting(a, tid, agentSetting(a));
                }
            }
            case SERVICING -> {
                if (dice < 70) {
                    readFile(a, tid, manifest(), SHARE_READ, a.fileStack);
                } else {
                    readSetting(a, tid, SERVICING_SETTINGS[random.nextInt(SERVICING_SETTINGS.length)]);
                }
            }
            default -> {
                if (dice < 55) {
                    readSetting(a, tid, SETTINGS[random.nextInt(SETTINGS.length)]);
                } else if (dice < 85) {
                    readFile(a, tid, systemFile(), random.nextBoolean() ? SHARE_READ : SHARE_READ | SHARE_DELETE,
                            a.fileStack);
                } else {
                    probe(a, tid);
                }
            }
        }
    }

    private static Role role(Actor a) {
        if (a.pid() == 4) {
            return Role.SYSTEM;
        }
        String name = a.name();
        if (name.equals("TiWorker.exe") || name.equals("TrustedInstaller.exe")) {
            return Role.SERVICING;
        }
        boolean microsoft = Images.MICROSOFT.equals(a.info.company());
        return !microsoft || name.equals("MsMpEng.exe") ? Role.AGENT : Role.SERVICE;
    }

    /** CreateFile, one to three reads, CloseFile. */
    private void readFile(Actor a, int tid, String path, int share, List<Frame> stack) {
        add(a, tid, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                opened(GENERIC_READ, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, share), 150 + random.nextInt(900),
                stack);
        int reads = 1 + random.nextInt(3);
        long offset = 4096L * random.nextInt(64);
        for (int i = 0; i < reads; i++) {
            int length = 4096 << random.nextInt(5);
            boolean paging = random.nextInt(4) == 0;
            add(a, tid, Operation.READ_FILE, path, NtStatus.SUCCESS, paging ? pagingIo(offset, length) : io(offset, length),
                    40 + random.nextInt(4000), stack);
            offset += length;
        }
        add(a, tid, Operation.CLOSE_FILE, path, NtStatus.SUCCESS, Detail.None.INSTANCE, 10 + random.nextInt(60), stack);
    }

    /** RegOpenKey, RegQueryValue (found or not), RegCloseKey. */
    private void readSetting(Actor a, int tid, Setting s) {
        add(a, tid, Operation.REG_OPEN_KEY, s.key, NtStatus.SUCCESS, key(KEY_READ), 8 + random.nextInt(60),
                a.registryStack);
        if (s.value == null) {
            add(a, tid, Operation.REG_QUERY_VALUE, s.key + "\\" + s.name, NtStatus.NAME_NOT_FOUND,
                    new RegValueDetail(-1, null, -1, 144, null), 5 + random.nextInt(30), a.registryStack);
        } else {
            add(a, tid, Operation.REG_QUERY_VALUE, s.key + "\\" + s.name, NtStatus.SUCCESS, s.value,
                    5 + random.nextInt(30), a.registryStack);
        }
        add(a, tid, Operation.REG_CLOSE_KEY, s.key, NtStatus.SUCCESS, Detail.None.INSTANCE, 2 + random.nextInt(10),
                a.registryStack);
    }

    /** The loader looks for a DLL next to the image first and does not find it. */
    private void probe(Actor a, int tid) {
        String image = a.info.imagePath();
        String path = image.substring(0, image.lastIndexOf('\\') + 1) + MISSING_DLLS[random.nextInt(MISSING_DLLS.length)];
        add(a, tid, Operation.QUERY_OPEN, path, NtStatus.NAME_NOT_FOUND, Detail.None.INSTANCE, 20 + random.nextInt(80),
                a.fileStack);
    }

    /** The lazy writer and the hive flusher write registry hives in the System process. */
    private void hiveIo(Actor a, int tid) {
        String path = SYSTEM32 + "config\\" + HIVE_LOGS[random.nextInt(HIVE_LOGS.length)];
        Operation op = random.nextInt(3) == 0 ? Operation.READ_FILE : Operation.WRITE_FILE;
        add(a, tid, op, path, NtStatus.SUCCESS, pagingIo(4096L * random.nextInt(2048), 4096 << random.nextInt(4)),
                200 + random.nextInt(5000), a.fileStack);
    }

    private String systemFile() {
        return random.nextInt(4) == 0 ? DATA_FILES[random.nextInt(DATA_FILES.length)]
                : SYSTEM32 + DLLS[random.nextInt(DLLS.length)];
    }

    private String scanTarget() {
        int dice = random.nextInt(3);
        if (dice == 0) {
            return SYSTEM32 + "drivers\\" + SCANNED_DRIVERS[random.nextInt(SCANNED_DRIVERS.length)];
        }
        return systemFile();
    }

    private String manifest() {
        return "C:\\Windows\\WinSxS\\Manifests\\amd64_microsoft-windows-" + COMPONENTS[random.nextInt(COMPONENTS.length)]
                + "_31bf3856ad364e35_10.0.17763." + (1 + random.nextInt(3300)) + "_none_"
                + String.format("%016x", random.nextLong()) + ".manifest";
    }

    private Setting agentSetting(Actor a) {
        String company = a.info.company();
        String key = company.startsWith("Trend Micro")
                ? "HKLM\\SOFTWARE\\WOW6432Node\\TrendMicro\\PC-cillinNTCorp\\CurrentVersion\\Real Time Scan Configuration"
                : company.equals(Images.MICROSOFT) ? "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection"
                : "HKLM\\SOFTWARE\\" + a.info.description().split(" ")[0] + "\\Agent";
        return switch (random.nextInt(3)) {
            case 0 -> new Setting(key, "Enable", dword(1));
            case 1 -> new Setting(key, "LogLevel", null);
            default -> new Setting(key, "Version", string(a.info.version()));
        };
    }

    private void add(Actor a, int tid, Operation op, String path, int result, Detail detail, long duration,
                     List<Frame> stack) {
        pattern.add(new Step(a, tid, op, path, result, detail, duration, stack));
    }
}
