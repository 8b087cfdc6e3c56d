package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.generate.Machine.Program;
import io.lockscope.generate.ScenarioFacts.Access;
import io.lockscope.generate.ScenarioFacts.Failure;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable.Frame;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.ProcessDetail.Field;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.PageProtection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static io.lockscope.generate.Details.*;

/**
 * The story of one case: the machine's processes and the few hundred events that make the scenario —
 * boot, TrustedInstaller/TiWorker staging the driver package (hard links from WinSxS into the
 * DriverStore, DriverDatabase registry writes), publishing the INF, deleting the superseded package's
 * files — and the agent, decoy or registry trouble that makes it fail. Background noise is added by
 * {@link BackgroundNoise}. The flow follows servicing.md §1.2–1.4.
 */
final class CaseScript {
    /** The capture starts at this boot (KB5016623 was released on 2022-08-09). */
    static final long BOOT = filetime("2022-08-10T01:17:40Z");
    static final long CAPTURE_TICKS = seconds(75);
    /** When TiWorker deletes the superseded package's DLL (the failure, unless the case is clean). */
    private static final double FAILURE_AT = 41.2;

    private static final String SERVICING_STACK = "C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_"
            + "31bf3856ad364e35_10.0.17763.3280_none_7e4d0f1c3a2b5d68\\";
    private static final String FILE_REPOSITORY = "C:\\Windows\\System32\\DriverStore\\FileRepository\\";
    private static final String DRIVER_DATABASE = "HKLM\\DRIVERS\\DriverDatabase\\";
    private static final String DRIVERS_HIVE_KEY = "HKLM\\DRIVERS";
    private static final String DRIVERS_HIVE_FILE = "C:\\Windows\\System32\\config\\DRIVERS";
    private static final String KB = "KB5016623";
    private static final String COMPONENT_VERSION = "10.0.17763.3287";
    /** The NTFS file reference of the component's DLL: MFT record 0x12a4f, sequence number 3. */
    private static final long COMPONENT_DLL_FILE_REFERENCE = 0x0003_0000_0001_2A4FL;
    private static final int TRUSTED_INSTALLER_PID = 2712;
    private static final int AGENT_PID = 1880;

    private final Scenario scenario;
    private final ZoneOffset zone;
    private final SplittableRandom random;
    private final long start;
    private final Machine machine = new Machine();
    private final List<EventRow> rows = new ArrayList<>();
    private final List<Access> holders = new ArrayList<>();
    private final List<Access> decoys = new ArrayList<>();
    private final List<Actor> noiseActors = new ArrayList<>();

    // the driver package being serviced
    private final String inf;
    private final String dll;
    private final String newPackage;
    private final String oldPackage;
    private final String winSxs;

    // the actors of the story
    private Actor system;
    private Actor dcomLaunch;
    private Actor tiWorker;
    private Actor agent;
    private Actor wmi;
    private Actor defender;
    private Module agentFilter;
    private Actor posService;
    private Failure failure;
    /** How the holders block (report-json.md culprits[].mechanism), null when nobody holds anything. */
    private String mechanism;
    /** The path whose holders block the failure: the failing path, or a rename's target. */
    private String heldPath;

    private CaseScript(Scenario scenario, long seed, ZoneOffset zone) {
        this.scenario = scenario;
        this.zone = zone;
        this.random = new SplittableRandom(seed);
        this.start = BOOT + random.nextLong(seconds(1));
        this.inf = scenario.failingInf();
        String base = inf.substring(0, inf.length() - ".inf".length());
        this.dll = base + ".dll";
        boolean opos = base.equals("oposdrv");
        // the superseded package of the real case (report-json.md) and the one KB5016623 brings
        this.oldPackage = inf + "_amd64_" + (opos ? "313106b94d0b5742" : "0f6c2f2e8d3b9a15");
        this.newPackage = inf + "_amd64_" + (opos ? "a8c0e2d5f1b34967" : "7d2e91c4b6a05f38");
        this.winSxs = "C:\\Windows\\WinSxS\\amd64_dual_" + inf + "_31bf3856ad364e35_" + COMPONENT_VERSION + "_none_"
                + (opos ? "5c1f8e2a7b9d3e64" : "e3a94b1d06c7f582") + "\\";
    }

    /** Builds the story of {@code scenario}; the random choices (times' jitter) come from {@code seed}. */
    static CaseScript build(Scenario scenario, long seed, ZoneOffset zone) {
        CaseScript s = new CaseScript(scenario, seed, zone);
        s.bootMachine();
        s.service();
        // stable: events stamped with the same tick keep the order they were told in
        s.rows.sort(Comparator.comparingLong(EventRow::time));
        return s;
    }

    List<EventRow> rows() {
        return rows;
    }

    List<ProcessInfo> processes() {
        return machine.processes();
    }

    /** The long-lived processes that produce background noise. */
    List<Actor> noiseActors() {
        return noiseActors;
    }

    long captureStart() {
        return start;
    }

    long captureEnd() {
        return start + CAPTURE_TICKS;
    }

    /** The INF's base name ("oposdrv"). */
    private String packagePrefix() {
        return inf.substring(0, inf.length() - ".inf".length());
    }

    ScenarioFacts facts() {
        List<String> targets = List.of(FILE_REPOSITORY + oldPackage + "\\" + dll, FILE_REPOSITORY + oldPackage + "\\" + inf,
                FILE_REPOSITORY + newPackage + "\\" + dll, FILE_REPOSITORY + newPackage + "\\" + inf, winSxs + dll,
                winSxs + inf, "C:\\Windows\\INF\\" + inf, "C:\\Windows\\INF\\" + packagePrefix() + ".PNF",
                DRIVER_DATABASE + "DriverPackages\\" + newPackage, DRIVER_DATABASE + "DriverInfFiles\\" + inf);
        Access culprit = holders.isEmpty() ? null : holders.get(0);
        boolean trend = agentFilter == Images.TMEVTMGR;
        boolean filterInvolved = culprit != null && agent != null && culprit.pid() == agent.pid()
                || scenario == Scenario.FILTER_DENIAL || scenario == Scenario.REGISTRY_CALLBACK_DENIAL;
        String filter = filterInvolved ? agentFilter.fileName() : null;
        String altitude = filterInvolved && trend ? "328510" : null;
        String vendor = filterInvolved && trend ? "Trend Micro" : null;
        return new ScenarioFacts(scenario, inf, newPackage, oldPackage, winSxs, KB, COMPONENT_VERSION, targets, failure,
                failure == null ? null : heldPath != null ? heldPath : failure.path(), holders, decoys, culprit, mechanism, filter, altitude, vendor, captureStart(), captureEnd(), zone);
    }

    // ---------------------------------------------------------------------------------------------
    // processes

    private void bootMachine() {
        boolean unknownAgent = scenario == Scenario.UNKNOWN_AGENT;
        agentFilter = unknownAgent ? Images.AGFLT : Images.TMEVTMGR;
        system = machine.addSystem(start - seconds(12), List.of(agentFilter));
        noiseActors.add(system);
        Actor smss = boot(system, Program.windows("smss.exe", "C:\\Windows\\System32\\smss.exe",
                "\\SystemRoot\\System32\\smss.exe", "Windows Session Manager", null), 384, 0.05);
        Actor csrss = boot(smss, Program.windows("csrss.exe", "C:\\Windows\\System32\\csrss.exe",
                "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On "
                        + "SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 "
                        + "ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16", "Client Server Runtime Process",
                null), 524, 0.9);
        Actor wininit = boot(smss, Program.windows("wininit.exe", "C:\\Windows\\System32\\wininit.exe", "wininit.exe",
                "Windows Start-Up Application", null), 600, 1.0);
        Actor services = boot(wininit, Program.windows("services.exe", "C:\\Windows\\System32\\services.exe",
                "C:\\Windows\\system32\\services.exe", "Services and Controller app", null), 704, 1.3);
        Actor lsass = boot(wininit, Program.windows("lsass.exe", "C:\\Windows\\System32\\lsass.exe",
                "C:\\Windows\\system32\\lsass.exe", "Local Security Authority Process", null), 716, 1.35);
        noiseActors.addAll(List.of(smss, csrss, wininit, services, lsass));
        String[] groups = {"DcomLaunch -p", "RPCSS -p", "LocalServiceNetworkRestricted -p", "netsvcs -p",
                "LocalSystemNetworkRestricted -p", "NetworkService -p", "LocalService -p", "DcomLaunch -p -s PlugPlay",
                "LocalServiceNoNetwork -p", "utcsvc -p"};
        int svchosts = 6 + random.nextInt(5);
        for (int i = 0; i < svchosts; i++) {
            String user = i == 5 ? Machine.NETWORK_SERVICE : (i == 2 || i == 6 || i == 8) ? Machine.LOCAL_SERVICE : null;
            Actor svchost = boot(services, Program.windows("svchost.exe", "C:\\Windows\\System32\\svchost.exe",
                    "C:\\Windows\\system32\\svchost.exe -k " + groups[i], "Host Process for Windows Services", user),
                    820 + 64 * i, 1.6 + 0.35 * i);
            noiseActors.add(svchost);
            if (i == 0) {
                dcomLaunch = svchost;
            }
        }
        defender = machine.addProcess(new Program("MsMpEng.exe",
                "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2207.7-0\\MsMpEng.exe",
                "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2207.7-0\\MsMpEng.exe\"",
                Images.MICROSOFT, "Antimalware Service Executable", "4.18.2207.7 (WinBuild.160101.0800)", null, false,
                6, List.of()), 2212, services.pid(), at(3.2), ProcessInfo.UNKNOWN_TIME, Images.WDFILTER);
        startProcess(services, defender);
        noiseActors.add(defender);
        if (unknownAgent) {
            agent = machine.addProcess(new Program("agsvc.exe", "C:\\Program Files\\AcmeGuard\\agsvc.exe",
                    "\"C:\\Program Files\\AcmeGuard\\agsvc.exe\" /service", "Acme Security Ltd.", "AcmeGuard Agent Service",
                    "3.2.1.7", null, false, 5, List.of()), 2036, services.pid(), at(4.6), ProcessInfo.UNKNOWN_TIME,
                    agentFilter);
            startProcess(services, agent);
        } else {
            Actor tmListen = boot(services, trend("TmListen.exe", "Trend Micro Client/Server Security Agent Listener"),
                    1744, 4.1);
            noiseActors.add(tmListen);
            if (scenario == Scenario.PID_REUSE) {
                pidReuseOldInstance();
            }
            double agentStart = scenario == Scenario.PID_REUSE ? 30.0 : 4.6;
            agent = machine.addProcess(trend("ntrtscan.exe", "Trend Micro Client/Server Security Agent RealTime Scan"),
                    AGENT_PID, services.pid(), at(agentStart), ProcessInfo.UNKNOWN_TIME, agentFilter);
            startProcess(services, agent);
        }
        noiseActors.add(agent);
        if (scenario == Scenario.IMAGE_SECTION) {
            posService(services);
        }
        wmi = boot(dcomLaunch, Program.windows("WmiPrvSE.exe", "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", "WMI Provider Host", null), 2544, 12.0);
        noiseActors.add(wmi);
        Actor trustedInstaller = boot(services, Program.windows("TrustedInstaller.exe",
                "C:\\Windows\\servicing\\TrustedInstaller.exe", "C:\\Windows\\servicing\\TrustedInstaller.exe",
                "Windows Modules Installer", null), TRUSTED_INSTALLER_PID, 18.0);
        noiseActors.add(trustedInstaller);
        tiWorker = machine.addProcess(new Program("TiWorker.exe", SERVICING_STACK + "TiWorker.exe",
                        SERVICING_STACK + "TiWorker.exe -Embedding", Images.MICROSOFT, "Windows Modules Installer Worker",
                        COMPONENT_VERSION + " (WinBuild.160101.0800)", null, false, 6,
                        List.of(SERVICING_STACK + "DrUpdate.dll", SERVICING_STACK + "wcp.dll",
                                SERVICING_STACK + "CbsCore.dll")),
                3120, dcomLaunch.pid(), at(19.0), ProcessInfo.UNKNOWN_TIME,
                scenario == Scenario.FILTER_DENIAL || scenario == Scenario.REGISTRY_CALLBACK_DENIAL ? agentFilter : null);
        startProcess(dcomLaunch, tiWorker);
        noiseActors.add(tiWorker);
    }

    /**
     * A point-of-sale service that runs the OPOS control of the superseded package straight from the
     * DriverStore: its Load Image maps oposdrv.dll as an image for as long as the service runs.
     */
    private void posService(Actor services) {
        String path = "C:\\Program Files\\RetailPos\\OposSvc.exe";
        posService = machine.addProcess(new Program("OposSvc.exe", path, "\"" + path + "\" -service",
                "RetailPos Systems Inc.", "OPOS Device Service", "2.4.0.118", null, false, 4, List.of()), 2164,
                services.pid(), at(6.5), ProcessInfo.UNKNOWN_TIME, null);
        startProcess(services, posService);
        noiseActors.add(posService);
    }

    private static Program trend(String name, String description) {
        String path = "C:\\Program Files (x86)\\Trend Micro\\Security Agent\\" + name;
        return new Program(name, path, "\"" + path + "\"", "Trend Micro Inc.", description, "14.0.0.2052", null, true,
                5, List.of());
    }

    /** Starts a long-running process at {@code seconds} after the capture start. */
    private Actor boot(Actor parent, Program program, int pid, double seconds) {
        Actor a = machine.addProcess(program, pid, parent.pid(), at(seconds), ProcessInfo.UNKNOWN_TIME, null);
        startProcess(parent, a);
        return a;
    }

    /** CompatTelRunner.exe had PID 1880 first; it opened the DLL and exited holding it (closed by exit). */
    private void pidReuseOldInstance() {
        Program telemetry = Program.windows("CompatTelRunner.exe", "C:\\Windows\\System32\\CompatTelRunner.exe",
                "C:\\Windows\\system32\\compattelrunner.exe -m:appraiser.dll -f:DoScheduledTelemetryRun",
                "Microsoft Compatibility Telemetry", null);
        Actor old = machine.addProcess(telemetry, AGENT_PID, dcomLaunch.pid(), at(6.0), at(20.0), null);
        startProcess(dcomLaunch, old);
        String path = FILE_REPOSITORY + oldPackage + "\\" + dll;
        long opened = at(8.0);
        emit(opened, old, 0, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                opened(GENERIC_READ, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, SHARE_READ), 310, old.fileStack);
        emit(at(8.01), old, 0, Operation.READ_FILE, path, NtStatus.SUCCESS, io(0, 4096), 95, old.fileStack);
        exitProcess(at(20.0), old);
        decoys.add(access(old, opened, old.info.endTime(), GENERIC_READ, SHARE_READ));
    }

    /** Process Create in the parent, then Process Start, Thread Create and the first image loads in the child. */
    private void startProcess(Actor parent, Actor child) {
        ProcessInfo c = child.info;
        long t = c.startTime();
        emit(t, parent, 0, Operation.PROCESS_CREATE, c.imagePath(), NtStatus.SUCCESS,
                new ProcessDetail(c.pid(), -1, -1, List.of(new Field("PID", Integer.toString(c.pid())),
                        new Field("Command line", c.commandLine()))), 0, parent.processStack);
        String directory = c.imagePath().substring(0, c.imagePath().lastIndexOf('\\') + 1);
        emit(t + 1, child, 0, Operation.PROCESS_START, "", NtStatus.SUCCESS,
                new ProcessDetail(parent.pid(), -1, -1, List.of(new Field("Parent PID", Integer.toString(parent.pid())),
                        new Field("Command line", c.commandLine()), new Field("Current directory", directory),
                        new Field("Environment", "\r;\t=::=::\\\r;\tALLUSERSPROFILE=C:\\ProgramData\r;\t"
                                + "COMPUTERNAME=POS-SRV-0417\r;\tSystemRoot=C:\\Windows"))), 0, List.of());
        emit(t + 2, child, 0, Operation.THREAD_CREATE, "", NtStatus.SUCCESS, new ProcessDetail(child.tids[0], -1, -1,
                List.of(new Field("Thread ID", Integer.toString(child.tids[0])))), 0, List.of());
        for (int i = 0; i < Math.min(2, c.modules().size()); i++) {
            Module m = c.modules().get(i);
            emit(t + 3 + i, child, 0, Operation.LOAD_IMAGE, m.path(), NtStatus.SUCCESS,
                    new ProcessDetail(-1, m.base(), m.size(), List.of(new Field("Image Base", "0x" + Long.toHexString(m.base())),
                            new Field("Image Size", "0x" + Long.toHexString(m.size())))), 0, child.processStack);
        }
    }

    private void exitProcess(long t, Actor a) {
        emit(t, a, 0, Operation.PROCESS_EXIT, "", NtStatus.SUCCESS, new ProcessDetail(-1, -1, -1, List.of(
                new Field("Exit Status", "0"), new Field("User Time", "0.0468750 seconds"),
                new Field("Kernel Time", "0.1406250 seconds"), new Field("Private Bytes", "3088384"),
                new Field("Peak Private Bytes", "3309568"), new Field("Working Set", "11612160"),
                new Field("Peak Working Set", "11657216"))), 0, a.processStack);
    }

    // ---------------------------------------------------------------------------------------------
    // servicing

    private void service() {
        if (scenario.phase() == ServicingPhase.SHUTDOWN) {
            // the queue failed in the shutdown before this boot: startup processing only undoes the update
            deviceInstall();
            double f = failureAt();
            holderActivity(f);
            rollBack(f);
            return;
        }
        primitiveQueue();
        deviceInstall();
        stagePackage();
        publishPackage();
        double f = failureAt();
        holderActivity(f);
        switch (scenario) {
            case REGISTRY_CORRUPT -> activate(f, NtStatus.REGISTRY_CORRUPT);
            case REGISTRY_CALLBACK_DENIAL -> {
                activate(f, NtStatus.ACCESS_DENIED);
                mechanism = "filter-denial";
            }
            case DRIVERS_HIVE_LOCK -> reloadDriversHive(f);
            default -> {
                activate(39.0, NtStatus.SUCCESS);
                unstageOldPackage(f);
                return;
            }
        }
        rollBack(f);
    }

    /** When the blocked operation happens, with a little seeded jitter. */
    private double failureAt() {
        return FAILURE_AT + random.nextInt(100) / 1000.0;
    }

    /**
     * TiWorker unloads HKLM\DRIVERS and loads it again: between the two the hive file is closed, the agent
     * opens it to scan it, sharing only Read, and the load's exclusive open of config\DRIVERS fails with
     * SHARING VIOLATION (constructed from lock-semantics.md §2.3 way 1: a hive file held by another
     * process; the kernel opens hive files without sharing).
     */
    private void reloadDriversHive(double f) {
        Actor ti = tiWorker;
        emit(at(f - 0.8), ti, 2, Operation.REG_UNLOAD_KEY, DRIVERS_HIVE_KEY, NtStatus.SUCCESS, Detail.None.INSTANCE,
                5_200, ti.registryStack);
        holders.add(openAndRead(f - 0.5, f + 2.5, agent, DRIVERS_HIVE_FILE, SHARE_READ));
        long t = at(f);
        emit(t, ti, 2, Operation.CREATE_FILE, DRIVERS_HIVE_FILE, NtStatus.SHARING_VIOLATION,
                failedOpen(GENERIC_READ | GENERIC_WRITE, NON_DIRECTORY_FILE | SYNCHRONOUS_IO_NON_ALERT, 0), 230,
                ti.fileStack);
        failure = new Failure(t, ti.name(), ti.pid(), ti.tids[2], Operation.CREATE_FILE.procmonName(),
                DRIVERS_HIVE_FILE, NtStatus.SHARING_VIOLATION);
        mechanism = "handle";
        heldPath = DRIVERS_HIVE_FILE;
        emit(t + seconds(0.001), ti, 2, Operation.REG_LOAD_KEY, DRIVERS_HIVE_KEY, NtStatus.SHARING_VIOLATION,
                Detail.None.INSTANCE, 980, ti.registryStack);
    }

    /** poqexec executes pending.xml: renames the compiled .cdf-ms maps into place and updates COMPONENTS. */
    private void primitiveQueue() {
        Program program = Program.windows("poqexec.exe", "C:\\Windows\\System32\\poqexec.exe",
                "C:\\Windows\\System32\\poqexec.exe /noreboot /transaction 792 /display_progress "
                        + "\\SystemRoot\\WinSxS\\pending.xml", "Primitive Operations Queue Executor", null);
        Actor poq = machine.addProcess(program, 2988, tiWorker.pid(), at(20.5), at(24.5), null);
        startProcess(tiWorker, poq);
        readWholeFile(20.6, poq, "C:\\Windows\\WinSxS\\pending.xml", 3);
        for (int i = 0; i < 4; i++) {
            double t = 21.0 + 0.6 * i;
            String map = String.format("%08x", 0x3e1a7c00 + i * 0x1b3) + ".cdf-ms";
            String temp = "C:\\Windows\\WinSxS\\Temp\\PendingRenames\\" + map;
            emit(at(t), poq, 0, Operation.CREATE_FILE, temp, NtStatus.SUCCESS,
                    opened(DELETE | SYNCHRONIZE, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, SHARE_READ | SHARE_DELETE),
                    410, poq.fileStack);
            emit(at(t + 0.01), poq, 0, Operation.SET_RENAME_INFORMATION_FILE, temp, NtStatus.SUCCESS,
                    new RenameDetail(true, "C:\\Windows\\WinSxS\\FileMaps\\" + map), 820, poq.fileStack);
            emit(at(t + 0.02), poq, 0, Operation.CLOSE_FILE, temp, NtStatus.SUCCESS, Detail.None.INSTANCE, 35,
                    poq.fileStack);
            String key = "HKLM\\COMPONENTS\\DerivedData\\Components\\amd64_dual_" + inf + "_31bf3856ad364e35_"
                    + COMPONENT_VERSION + "_none_" + i;
            emit(at(t + 0.1), poq, 0, Operation.REG_CREATE_KEY, key, NtStatus.SUCCESS,
                    createdKey(KEY_ALL_ACCESS, REG_CREATED_NEW_KEY), 60, poq.registryStack);
            emit(at(t + 0.11), poq, 0, Operation.REG_SET_VALUE, key + "\\identity", NtStatus.SUCCESS,
                    binary(new byte[]{0x64, 0x75, 0x61, 0x6c, 0x5f, 0x6f, 0x70, 0x6f, 0x73, 0x64, 0x72, 0x76}), 40,
                    poq.registryStack);
            emit(at(t + 0.12), poq, 0, Operation.REG_CLOSE_KEY, key, NtStatus.SUCCESS, Detail.None.INSTANCE, 8,
                    poq.registryStack);
        }
        exitProcess(at(24.5), poq);
    }

    /** DrvInst.exe runs a PnP device install and logs to setupapi.dev.log. */
    private void deviceInstall() {
        Program program = Program.windows("DrvInst.exe", "C:\\Windows\\System32\\drvinst.exe",
                "DrvInst.exe \"4\" \"0\" \"ROOT\\SYSTEM\\0001\" \"\" \"\" \"4f1d6a8b3\" \"0000000000000000\"",
                "Driver Package Installation Executable", null);
        Actor drvInst = machine.addProcess(program, 3388, dcomLaunch.pid(), at(26.0), at(27.8), null);
        startProcess(dcomLaunch, drvInst);
        readWholeFile(26.2, drvInst, "C:\\Windows\\INF\\machine.inf", 2);
        appendLog(26.6, drvInst, "C:\\Windows\\INF\\setupapi.dev.log", 3);
        String key = "HKLM\\System\\CurrentControlSet\\Enum\\ROOT\\SYSTEM\\0001";
        emit(at(26.9), drvInst, 0, Operation.REG_OPEN_KEY, key, NtStatus.SUCCESS, key(KEY_READ), 25,
                drvInst.registryStack);
        emit(at(26.91), drvInst, 0, Operation.REG_QUERY_VALUE, key + "\\Driver", NtStatus.SUCCESS,
                string("{4d36e97d-e325-11ce-bfc1-08002be10318}\\0001"), 18, drvInst.registryStack);
        emit(at(26.92), drvInst, 0, Operation.REG_CLOSE_KEY, key, NtStatus.SUCCESS, Detail.None.INSTANCE, 6,
                drvInst.registryStack);
        exitProcess(at(27.8), drvInst);
    }

    /** TiWorker stages the new package: folder, hard links from WinSxS, DriverDatabase registration. */
    private void stagePackage() {
        Actor ti = tiWorker;
        readWholeFile(30.0, ti, winSxs + inf, 2);
        String folder = FILE_REPOSITORY + newPackage;
        emit(at(30.4), ti, 1, Operation.CREATE_FILE, folder, NtStatus.SUCCESS,
                created(READ_DATA | SYNCHRONIZE, CREATE, DIRECTORY_FILE | SYNCHRONOUS_IO_NON_ALERT, ATTRIBUTE_DIRECTORY,
                        SHARE_READ | SHARE_WRITE, CREATED), 2210, ti.fileStack);
        emit(at(30.41), ti, 1, Operation.CLOSE_FILE, folder, NtStatus.SUCCESS, Detail.None.INSTANCE, 30, ti.fileStack);
        double t = 30.6;
        // in rename-target and hard-link-file-id the package folder still has the DLL an interrupted earlier
        // attempt linked there
        boolean dllLinkedBefore = scenario == Scenario.RENAME_TARGET || scenario == Scenario.HARD_LINK_FILE_ID;
        for (String file : dllLinkedBefore ? List.of(inf) : List.of(inf, dll)) {
            String source = winSxs + file;
            emit(at(t), ti, 1, Operation.CREATE_FILE, source, NtStatus.SUCCESS,
                    opened(READ_ATTRIBUTES | SYNCHRONIZE, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE
                            | OPEN_REPARSE_POINT, SHARE_ALL), 260, ti.fileStack);
            emit(at(t + 0.01), ti, 1, Operation.SET_LINK_INFORMATION_FILE, source, NtStatus.SUCCESS,
                    new RenameDetail(false, folder + "\\" + file), 1430, ti.fileStack);
            emit(at(t + 0.02), ti, 1, Operation.CLOSE_FILE, source, NtStatus.SUCCESS, Detail.None.INSTANCE, 22,
                    ti.fileStack);
            t += 0.3;
        }
        // the agent scans the new driver file as it appears, sharing everything: harmless
        openAndRead(31.5, 31.6, agent, folder + "\\" + dll, SHARE_ALL);
        if (scenario == Scenario.HARD_LINK_FILE_ID) {
            queryFileId(31.505, agent, folder + "\\" + dll);
        }
        String packageKey = DRIVER_DATABASE + "DriverPackages\\" + newPackage;
        emit(at(32.0), ti, 2, Operation.REG_CREATE_KEY, packageKey, NtStatus.SUCCESS,
                createdKey(KEY_ALL_ACCESS, REG_CREATED_NEW_KEY), 140, ti.registryStack);
        emit(at(32.01), ti, 2, Operation.REG_SET_VALUE, packageKey + "\\Version", NtStatus.SUCCESS,
                binary(new byte[]{(byte) 0xff, (byte) 0xff, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1d, 0x00, (byte) 0x92,
                        0x5a, 0x72, (byte) 0x93, (byte) 0xd7, 0x4e, 0x00, 0x00}), 55, ti.registryStack);
        emit(at(32.02), ti, 2, Operation.REG_SET_VALUE, packageKey + "\\Provider", NtStatus.SUCCESS,
                string("Microsoft"), 31, ti.registryStack);
        emit(at(32.03), ti, 2, Operation.REG_SET_VALUE, packageKey + "\\SignerName", NtStatus.SUCCESS,
                string("Microsoft Windows"), 29, ti.registryStack);
        emit(at(32.04), ti, 2, Operation.REG_SET_VALUE, packageKey + "\\SignerScore", NtStatus.SUCCESS,
                dword(0x0D000003L), 27, ti.registryStack);
        emit(at(32.05), ti, 2, Operation.REG_CLOSE_KEY, packageKey, NtStatus.SUCCESS, Detail.None.INSTANCE, 9,
                ti.registryStack);
        String infKey = DRIVER_DATABASE + "DriverInfFiles\\" + inf;
        emit(at(32.2), ti, 2, Operation.REG_CREATE_KEY, infKey, NtStatus.SUCCESS,
                createdKey(KEY_ALL_ACCESS, REG_OPENED_EXISTING_KEY), 88, ti.registryStack);
        emit(at(32.21), ti, 2, Operation.REG_SET_VALUE, infKey + "\\(Default)", NtStatus.SUCCESS,
                multiString(newPackage, oldPackage), 41, ti.registryStack);
        emit(at(32.22), ti, 2, Operation.REG_CLOSE_KEY, infKey, NtStatus.SUCCESS, Detail.None.INSTANCE, 7,
                ti.registryStack);
        appendLog(33.0, ti, "C:\\Windows\\INF\\setupapi.dev.log", 4);
    }

    /** TiWorker publishes the INF to \Windows\INF with its precompiled .PNF. */
    private void publishPackage() {
        Actor ti = tiWorker;
        String published = "C:\\Windows\\INF\\" + inf;
        emit(at(38.0), ti, 1, Operation.CREATE_FILE, published, NtStatus.SUCCESS,
                created(GENERIC_WRITE, OVERWRITE_IF, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, ATTRIBUTE_NORMAL,
                        SHARE_READ, OVERWRITTEN), 980, ti.fileStack);
        emit(at(38.01), ti, 1, Operation.WRITE_FILE, published, NtStatus.SUCCESS, io(0, 7_284), 640, ti.fileStack);
        emit(at(38.02), ti, 1, Operation.CLOSE_FILE, published, NtStatus.SUCCESS, Detail.None.INSTANCE, 41, ti.fileStack);
        String temp = "C:\\Windows\\INF\\" + packagePrefix() + ".PN_";
        emit(at(38.3), ti, 1, Operation.CREATE_FILE, temp, NtStatus.SUCCESS,
                created(GENERIC_WRITE | DELETE, CREATE, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, ATTRIBUTE_ARCHIVE,
                        0, CREATED), 1130, ti.fileStack);
        emit(at(38.31), ti, 1, Operation.WRITE_FILE, temp, NtStatus.SUCCESS, io(0, 19_452), 720, ti.fileStack);
        emit(at(38.32), ti, 1, Operation.SET_RENAME_INFORMATION_FILE, temp, NtStatus.SUCCESS,
                new RenameDetail(true, "C:\\Windows\\INF\\" + packagePrefix() + ".PNF"), 1510, ti.fileStack);
        emit(at(38.33), ti, 1, Operation.CLOSE_FILE, "C:\\Windows\\INF\\" + packagePrefix() + ".PNF", NtStatus.SUCCESS,
                Detail.None.INSTANCE, 38, ti.fileStack);
    }

    /** TiWorker makes the new package the active one for the INF. */
    private void activate(double seconds, int result) {
        Actor ti = tiWorker;
        String infKey = DRIVER_DATABASE + "DriverInfFiles\\" + inf;
        long t = at(seconds);
        emit(t - seconds(0.01), ti, 2, Operation.REG_OPEN_KEY, infKey, NtStatus.SUCCESS, key(KEY_ALL_ACCESS), 44,
                ti.registryStack);
        // a registry callback that denies the write is on the failing call's stack
        emit(t, ti, 2, Operation.REG_SET_VALUE, infKey + "\\Active", result, string(newPackage), 52,
                result == NtStatus.SUCCESS ? ti.registryStack : ti.filteredRegistryStack);
        emit(t + seconds(0.001), ti, 2, Operation.REG_CLOSE_KEY, infKey, NtStatus.SUCCESS, Detail.None.INSTANCE, 6,
                ti.registryStack);
        if (result != NtStatus.SUCCESS) {
            failure = new Failure(t, ti.name(), ti.pid(), ti.tids[2], Operation.REG_SET_VALUE.procmonName(),
                    infKey + "\\Active", result);
        }
        // the lazy writer flushes the DRIVERS hive
        emit(t + seconds(0.8), system, 1, Operation.WRITE_FILE, "C:\\Windows\\System32\\config\\DRIVERS.LOG1",
                NtStatus.SUCCESS, pagingIo(0x2000, 0x3000), 910, system.fileStack);
    }

    /** What the processes other than TiWorker do to the superseded DLL around the failure. */
    private void holderActivity(double f) {
        String target = FILE_REPOSITORY + oldPackage + "\\" + dll;
        switch (scenario) {
            case LOCK_HOLDER, CBS_ONLY, PID_REUSE, UNKNOWN_AGENT, MIRADISP ->
                    holders.add(openAndRead(f - 0.3, f + 2.5, agent, target, SHARE_READ | SHARE_WRITE));
            case DECOY -> {
                decoys.add(openAndRead(f - 1.2, f - 0.9, defender, target, SHARE_READ));
                holders.add(openAndRead(f - 0.3, f + 2.5, agent, target, SHARE_READ | SHARE_WRITE));
            }
            case COMPATIBLE_AGENT -> {
                openAndRead(f - 0.5, f + 2.0, agent, target, SHARE_ALL);
                holders.add(openAndRead(f - 0.3, f + 3.0, wmi, target, SHARE_READ));
            }
            case TWO_HOLDERS -> {
                holders.add(openAndRead(f - 0.4, f + 2.5, agent, target, SHARE_READ | SHARE_WRITE));
                holders.add(openAndRead(f - 0.25, f + 3.0, wmi, target, SHARE_READ));
            }
            // a scanner that lets deletes through (shares Read and Delete) still keeps a classic delete pending
            case DELETE_PENDING -> holders.add(openAndRead(f - 0.4, f + 2.5, agent, target, SHARE_READ | SHARE_DELETE));
            case REQUEST_SHARE -> holders.add(openAndRead(f - 0.3, f + 2.5, agent, target, SHARE_ALL));
            case RENAME_TARGET ->
                    holders.add(openAndRead(f - 0.3, f + 2.5, agent, FILE_REPOSITORY + newPackage + "\\" + dll, SHARE_ALL));
            // it lets go before the rollback deletes the new package's files
            case HARD_LINK -> holders.add(openAndRead(f - 0.3, f + 0.4, agent, winSxs + dll, SHARE_READ | SHARE_WRITE));
            case HARD_LINK_FILE_ID -> {
                holders.add(openAndRead(f - 0.3, f + 0.4, agent, winSxs + dll, SHARE_READ | SHARE_WRITE));
                queryFileId(f - 0.295, agent, winSxs + dll);
            }
            case IMAGE_SECTION -> {
                long loaded = at(8.0);
                emit(loaded, posService, 0, Operation.LOAD_IMAGE, target, NtStatus.SUCCESS, new ProcessDetail(-1,
                        0x7FFB_3A20_0000L, 0x4_6000L, List.of(new Field("Image Base", "0x7ffb3a200000"),
                                new Field("Image Size", "0x46000"))), 0, posService.processStack);
                holders.add(access(posService, loaded, -1, 0, 0));
            }
            case DATA_SECTION -> {
                // the scanner reads through a mapped view and closes its handle; the section lives on
                long opened = at(f - 0.5);
                int access = READ_DATA | SYNCHRONIZE;
                emit(opened, agent, 1, Operation.CREATE_FILE, target, NtStatus.SUCCESS,
                        opened(access, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, SHARE_ALL), 360,
                        agent.filteredFileStack);
                emit(at(f - 0.49), agent, 1, Operation.CREATE_FILE_MAPPING, target, NtStatus.FILE_LOCKED_WITH_ONLY_READERS,
                        new FileMappingDetail(FileMappingDetail.SYNC_TYPE_CREATE_SECTION, PageProtection.PAGE_READONLY), 45, agent.filteredFileStack);
                emit(at(f - 0.3), agent, 1, Operation.CLOSE_FILE, target, NtStatus.SUCCESS, Detail.None.INSTANCE, 40,
                        agent.filteredFileStack);
                holders.add(access(agent, opened, -1, access, SHARE_ALL));
            }
            case OPLOCK_DELAY -> {
                long opened = at(f - 0.6);
                int access = READ_DATA | READ_ATTRIBUTES | SYNCHRONIZE;
                emit(opened, agent, 1, Operation.CREATE_FILE, target, NtStatus.SUCCESS,
                        opened(access, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, SHARE_ALL), 340,
                        agent.filteredFileStack);
                // a granted oplock request stays pending until the break: procmon logs it with its duration
                emit(at(f - 0.59), agent, 1, Operation.FILE_SYSTEM_CONTROL, target, NtStatus.SUCCESS,
                        new Detail.Text("Control: FSCTL_REQUEST_FILTER_OPLOCK"), seconds(0.61), agent.filteredFileStack);
                emit(at(f + 0.03), agent, 1, Operation.CLOSE_FILE, target, NtStatus.SUCCESS, Detail.None.INSTANCE, 38,
                        agent.filteredFileStack);
            }
            // the agent scans the old DLL and lets it go well before TiWorker deletes it
            case FILTER_DENIAL, REGISTRY_CORRUPT, REGISTRY_CALLBACK_DENIAL, DRIVERS_HIVE_LOCK, SHUTDOWN_FAILURE, CLEAN ->
                    openAndRead(f - 1.0, f - 0.6, agent, target, SHARE_READ | SHARE_WRITE);
            default -> throw new IllegalStateException("no holder activity for " + scenario);
        }
    }

    /**
     * TiWorker deletes the superseded package: the INF, then the DLL (the failure, which each scenario makes
     * fail its own way), then the folder.
     */
    private void unstageOldPackage(double f) {
        Actor ti = tiWorker;
        String folder = FILE_REPOSITORY + oldPackage;
        deleteFile(f - 0.05, ti, folder + "\\" + inf);
        String target = folder + "\\" + dll;
        heldPath = target;
        int options = NON_DIRECTORY_FILE | OPEN_REPARSE_POINT;
        long t = at(f);
        switch (scenario) {
            case CLEAN -> deleteFile(f, ti, target);
            case OPLOCK_DELAY -> {
                // asked not to wait, the open completes at once while the scanner's filter oplock breaks
                emit(t, ti, 1, Operation.CREATE_FILE, target, NtStatus.OPLOCK_BREAK_IN_PROGRESS,
                        opened(DELETE, options | COMPLETE_IF_OPLOCKED, SHARE_READ), 210, ti.fileStack);
                emit(at(f + 0.05), ti, 1, Operation.SET_DISPOSITION_INFORMATION_FILE, target, NtStatus.SUCCESS,
                        new DispositionDetail(true, -1), 97, ti.fileStack);
                emit(at(f + 0.06), ti, 1, Operation.CLOSE_FILE, target, NtStatus.SUCCESS, Detail.None.INSTANCE, 36,
                        ti.fileStack);
            }
            case FILTER_DENIAL -> {
                // the filter's pre-create callback opens and reads the file itself, from TiWorker's thread: procmon
                // sees that nested I/O with the filter's frames, then the denied create without them (it is
                // logged above the filter, at altitude 385200)
                emit(at(f - 0.004), ti, 1, Operation.CREATE_FILE, target, NtStatus.SUCCESS,
                        opened(READ_DATA | SYNCHRONIZE, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, SHARE_ALL), 150,
                        ti.filteredFileStack);
                emit(at(f - 0.003), ti, 1, Operation.READ_FILE, target, NtStatus.SUCCESS, io(0, 65_536), 820,
                        ti.filteredFileStack);
                emit(at(f - 0.002), ti, 1, Operation.CLOSE_FILE, target, NtStatus.SUCCESS, Detail.None.INSTANCE, 30,
                        ti.filteredFileStack);
                fail(t, Operation.CREATE_FILE, target, NtStatus.ACCESS_DENIED, failedOpen(DELETE, options, SHARE_READ));
                mechanism = "filter-denial";
            }
            case DELETE_PENDING -> {
                deleteFile(f - 0.2, ti, target);
                fail(t, Operation.CREATE_FILE, target, NtStatus.DELETE_PENDING, failedOpen(DELETE, options, SHARE_READ));
                mechanism = "pending-delete";
            }
            case REQUEST_SHARE -> {
                fail(t, Operation.CREATE_FILE, target, NtStatus.SHARING_VIOLATION, failedOpen(DELETE, options, SHARE_DELETE));
                mechanism = "handle";
            }
            case RENAME_TARGET -> {
                // TiWorker projects the component's file into the new package again, over the existing link
                String source = winSxs + dll;
                heldPath = FILE_REPOSITORY + newPackage + "\\" + dll;
                emit(at(f - 0.01), ti, 1, Operation.CREATE_FILE, source, NtStatus.SUCCESS,
                        opened(READ_ATTRIBUTES | SYNCHRONIZE, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE
                                | OPEN_REPARSE_POINT, SHARE_ALL), 260, ti.fileStack);
                fail(t, Operation.SET_LINK_INFORMATION_FILE, source, NtStatus.ACCESS_DENIED, new RenameDetail(true, heldPath));
                emit(at(f + 0.01), ti, 1, Operation.CLOSE_FILE, source, NtStatus.SUCCESS, Detail.None.INSTANCE, 22,
                        ti.fileStack);
                mechanism = "rename-target";
            }
            case HARD_LINK, HARD_LINK_FILE_ID -> {
                // the DriverStore name and the WinSxS name are one file (a SetLinkInformationFile while staging,
                // in this trace or before it)
                heldPath = winSxs + dll;
                fail(t, Operation.CREATE_FILE, FILE_REPOSITORY + newPackage + "\\" + dll, NtStatus.SHARING_VIOLATION,
                        failedOpen(DELETE, options, SHARE_READ));
                mechanism = "handle";
            }
            case IMAGE_SECTION, DATA_SECTION -> {
                // the delete open succeeds (no handle conflicts); marking the file for deletion does not
                emit(at(f - 0.005), ti, 1, Operation.CREATE_FILE, target, NtStatus.SUCCESS, opened(DELETE, options, SHARE_READ),
                        190, ti.fileStack);
                fail(t, Operation.SET_DISPOSITION_INFORMATION_FILE, target, NtStatus.CANNOT_DELETE,
                        new DispositionDetail(true, -1));
                emit(at(f + 0.005), ti, 1, Operation.CLOSE_FILE, target, NtStatus.SUCCESS, Detail.None.INSTANCE, 36,
                        ti.fileStack);
                mechanism = scenario == Scenario.IMAGE_SECTION ? "image-section" : "data-section";
            }
            default -> {
                fail(t, Operation.CREATE_FILE, target, NtStatus.SHARING_VIOLATION, failedOpen(DELETE, options, SHARE_READ));
                mechanism = "handle";
            }
        }
        if (failure == null) {
            removeOldFolder(f);
        } else {
            rollBack(f);
        }
    }

    /** TiWorker's failing operation {@code op} at {@code t}, on its file thread. */
    private void fail(long t, Operation op, String path, int result, Detail detail) {
        Actor ti = tiWorker;
        emit(t, ti, 1, op, path, result, detail, 180, ti.fileStack);
        failure = new Failure(t, ti.name(), ti.pid(), ti.tids[1], op.procmonName(), path, result);
    }

    /** The superseded package's folder and registration go once its files are deleted. */
    private void removeOldFolder(double f) {
        Actor ti = tiWorker;
        String folder = FILE_REPOSITORY + oldPackage;
        emit(at(f + 0.07), ti, 1, Operation.CREATE_FILE, folder, NtStatus.SUCCESS,
                opened(DELETE | SYNCHRONIZE, DIRECTORY_FILE | SYNCHRONOUS_IO_NON_ALERT | OPEN_REPARSE_POINT, SHARE_ALL),
                240, ti.fileStack);
        emit(at(f + 0.08), ti, 1, Operation.SET_DISPOSITION_INFORMATION_FILE, folder, NtStatus.SUCCESS,
                new DispositionDetail(true, -1), 300, ti.fileStack);
        emit(at(f + 0.09), ti, 1, Operation.CLOSE_FILE, folder, NtStatus.SUCCESS, Detail.None.INSTANCE, 55,
                ti.fileStack);
        String oldKey = DRIVER_DATABASE + "DriverPackages\\" + oldPackage;
        emit(at(f + 0.2), ti, 2, Operation.REG_DELETE_KEY, oldKey, NtStatus.SUCCESS, Detail.None.INSTANCE, 210,
                ti.registryStack);
        appendLog(f + 0.5, ti, "C:\\Windows\\INF\\setupapi.dev.log", 3);
    }

    /** After a failure TiWorker restores the old active package, removes the new one and logs to CBS.log. */
    private void rollBack(double f) {
        Actor ti = tiWorker;
        String infKey = DRIVER_DATABASE + "DriverInfFiles\\" + inf;
        if (registryUsable()) {
            emit(at(f + 0.3), ti, 2, Operation.REG_SET_VALUE, infKey + "\\Active", NtStatus.SUCCESS, string(oldPackage),
                    47, ti.registryStack);
            emit(at(f + 0.4), ti, 2, Operation.REG_DELETE_KEY, DRIVER_DATABASE + "DriverPackages\\" + newPackage,
                    NtStatus.SUCCESS, Detail.None.INSTANCE, 260, ti.registryStack);
        }
        String folder = FILE_REPOSITORY + newPackage;
        deleteFile(f + 0.5, ti, folder + "\\" + dll);
        deleteFile(f + 0.6, ti, folder + "\\" + inf);
        appendLog(f + 0.9, ti, "C:\\Windows\\Logs\\CBS\\CBS.log", 5);
        appendLog(f + 1.1, ti, "C:\\Windows\\INF\\setupapi.dev.log", 3);
    }

    /** Whether the failure left the DriverDatabase writable, so that the rollback can restore its keys. */
    private boolean registryUsable() {
        return switch (scenario) {
            case REGISTRY_CORRUPT, REGISTRY_CALLBACK_DENIAL, DRIVERS_HIVE_LOCK -> false;
            default -> true;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // event helpers

    /** {@code a} opens {@code path} for Read, reads it and keeps it open until {@code closeAt}. */
    private Access openAndRead(double openAt, double closeAt, Actor a, String path, int share) {
        int access = READ_DATA | READ_ATTRIBUTES | SYNCHRONIZE;
        // a process with its own minifilter (an agent) has the filter's frames in its file I/O
        List<Frame> stack = a.filteredFileStack;
        long opened = at(openAt);
        emit(opened, a, 1, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                opened(access, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, share), 380, stack);
        emit(at(openAt + 0.01), a, 1, Operation.READ_FILE, path, NtStatus.SUCCESS, io(0, 65_536), 1_210, stack);
        emit(at(openAt + 0.02), a, 1, Operation.READ_FILE, path, NtStatus.SUCCESS, io(65_536, 24_576), 530, stack);
        long closed = at(closeAt);
        emit(closed, a, 1, Operation.CLOSE_FILE, path, NtStatus.SUCCESS, Detail.None.INSTANCE, 44, stack);
        return access(a, opened, closed, access, share);
    }

    /**
     * {@code a} asks for the file ID of its open of {@code path} (a scanner keys its cache by it, so a file is
     * scanned once whatever link it is reached by). FILE_INTERNAL_INFORMATION's IndexNumber is the NTFS file
     * reference: one per file, the same through every hard link (lock-semantics.md §1.6).
     */
    private void queryFileId(double seconds, Actor a, String path) {
        emit(at(seconds), a, 1, Operation.QUERY_FILE_INTERNAL_INFORMATION_FILE, path, NtStatus.SUCCESS,
                new Detail.Text("IndexNumber: 0x" + Long.toHexString(COMPONENT_DLL_FILE_REFERENCE)), 9,
                a.filteredFileStack);
    }

    private static Access access(Actor a, long opened, long closed, int access, int share) {
        return new Access(a.name(), a.pid(), a.info.imagePath(), a.info.company(), opened, closed, access, share);
    }

    private void deleteFile(double seconds, Actor a, String path) {
        emit(at(seconds), a, 1, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                opened(DELETE, NON_DIRECTORY_FILE | OPEN_REPARSE_POINT, SHARE_READ), 190, a.fileStack);
        emit(at(seconds + 0.005), a, 1, Operation.SET_DISPOSITION_INFORMATION_FILE, path, NtStatus.SUCCESS,
                new DispositionDetail(true, -1), 97, a.fileStack);
        emit(at(seconds + 0.01), a, 1, Operation.CLOSE_FILE, path, NtStatus.SUCCESS, Detail.None.INSTANCE, 36,
                a.fileStack);
    }

    private void readWholeFile(double seconds, Actor a, String path, int reads) {
        emit(at(seconds), a, 0, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                opened(GENERIC_READ, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE | SEQUENTIAL_ONLY, SHARE_READ), 290,
                a.fileStack);
        for (int i = 0; i < reads; i++) {
            emit(at(seconds + 0.002 * (i + 1)), a, 0, Operation.READ_FILE, path, NtStatus.SUCCESS,
                    io(4096L * i, 4096), 70 + 10 * i, a.fileStack);
        }
        emit(at(seconds + 0.002 * (reads + 1)), a, 0, Operation.CLOSE_FILE, path, NtStatus.SUCCESS,
                Detail.None.INSTANCE, 21, a.fileStack);
    }

    private void appendLog(double seconds, Actor a, String path, int writes) {
        emit(at(seconds), a, 0, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                created(GENERIC_WRITE, Details.OPEN, SYNCHRONOUS_IO_NON_ALERT | NON_DIRECTORY_FILE, 0,
                        SHARE_READ | SHARE_WRITE, OPENED), 330, a.fileStack);
        long offset = 1_048_576L + random.nextInt(65_536);
        for (int i = 0; i < writes; i++) {
            int length = 120 + random.nextInt(300);
            emit(at(seconds + 0.003 * (i + 1)), a, 0, Operation.WRITE_FILE, path, NtStatus.SUCCESS, io(offset, length),
                    60 + random.nextInt(90), a.fileStack);
            offset += length;
        }
        emit(at(seconds + 0.003 * (writes + 1)), a, 0, Operation.CLOSE_FILE, path, NtStatus.SUCCESS,
                Detail.None.INSTANCE, 25, a.fileStack);
    }

    private void emit(long t, Actor a, int thread, Operation op, String path, int result, Detail detail, long duration,
                      List<Frame> stack) {
        rows.add(EventRow.of(t, a.key, a.info, a.tids[thread % a.tids.length], op, path, result, detail, duration,
                stack));
    }

    /** The time {@code seconds} after the capture start, with a little seeded jitter below 10 µs. */
    private long at(double seconds) {
        return start + seconds(seconds) + random.nextInt(100);
    }

    static long seconds(double seconds) {
        return Math.round(seconds * 10_000_000L);
    }

    static long filetime(String iso) {
        Instant t = Instant.parse(iso);
        return 116_444_736_000_000_000L + t.getEpochSecond() * 10_000_000L + t.getNano() / 100;
    }

}
