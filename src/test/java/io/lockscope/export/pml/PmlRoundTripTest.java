package io.lockscope.export.pml;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.pml.PmlReader;
import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FileTimesDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.NetworkOpenDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.detail.StandardInfoDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reader(writer(x)) == x on generated traces: every detail family, stacks, PID reuse, pending results. */
class PmlRoundTripTest {
    private static final long KERNEL_BASE = 0xFFFFF80000000000L;
    private static final long USER_BASE = 0x00007FF600000000L;
    private static final long START = 132_400_000_000_000_000L; // a FILETIME in 2020

    @TempDir
    Path temp;

    @Test
    void generatedTraceReadsBackEqual() throws Exception {
        Trace original = generate(new Random(42), 3000);
        Path file = temp.resolve("roundtrip.pml");
        PmlWriter.Counts counts = PmlWriter.write(original, file, PmlWriter.Machine.DEFAULT);
        assertEquals(0, counts.detailsDropped(), "details the writer could not encode");
        Trace back = new PmlReader().read(file, "roundtrip.pml", ReadOptions.DEFAULT);
        assertTraceEquals(original, back);
        assertEquals(0, back.report().warningCount(), back.report().warnings().toString());
    }

    @Test
    void pidReuseKeepsTwoProcesses() throws Exception {
        Trace original = generate(new Random(7), 200);
        Trace back = new PmlReader().read(write(original), "t.pml", ReadOptions.DEFAULT);
        long reused = back.processes().all().stream().filter(p -> p.pid() == 1880).count();
        assertEquals(2, reused, "two instances of PID 1880");
        assertTrue(back.processes().get(2).startTime() != back.processes().get(3).startTime());
    }

    private Path write(Trace t) throws Exception {
        Path file = temp.resolve("t.pml");
        PmlWriter.write(t, file, PmlWriter.Machine.DEFAULT);
        return file;
    }

    static void assertTraceEquals(Trace expected, Trace actual) {
        assertEquals(expected.processes().all(), actual.processes().all(), "processes");
        EventStore e = expected.events();
        EventStore a = actual.events();
        assertEquals(e.size(), a.size(), "event count");
        for (int i = 0; i < e.size(); i++) {
            String at = "event " + i + " (" + e.operationName(i) + ")";
            assertEquals(e.time(i), a.time(i), at + " time");
            assertEquals(e.duration(i), a.duration(i), at + " duration");
            assertEquals(e.processKey(i), a.processKey(i), at + " process");
            assertEquals(e.tid(i), a.tid(i), at + " tid");
            assertEquals(e.operation(i), a.operation(i), at + " operation");
            assertEquals(e.operationName(i), a.operationName(i), at + " operation name");
            assertEquals(e.eventClass(i), a.eventClass(i), at + " class");
            assertEquals(e.result(i), a.result(i), at + " result");
            assertEquals(e.path(i), a.path(i), at + " path");
            assertEquals(e.detail(i), a.detail(i), at + " detail");
            assertEquals(expected.stacks().frames(e.stackId(i)), actual.stacks().frames(a.stackId(i)), at + " stack");
        }
    }

    /**
     * A trace as the PML reader would produce it (canonical values: what procmon can show), with a
     * System process holding kernel modules, PID 1880 used twice, and every detail family.
     */
    static Trace generate(Random r, int events) {
        TraceBuilder b = new TraceBuilder("generated", "procmon-pml");
        List<Module> kernel = List.of(
                new Module(KERNEL_BASE, 0x80000, "C:\\Windows\\system32\\drivers\\FLTMGR.SYS", "Microsoft Corporation",
                        "10.0.17763.1", "Filter Manager", 0),
                new Module(KERNEL_BASE + 0x100000, 0x40000, "C:\\Windows\\system32\\drivers\\tmevtmgr.sys",
                        "Trend Micro Inc.", "8.0", "Event manager", 0));
        List<Module> user = List.of(new Module(USER_BASE, 0x20000, "C:\\Windows\\System32\\ntdll.dll",
                "Microsoft Corporation", "10.0.17763.1", "NT Layer DLL", 0));
        b.addProcess(process(4, 0, "System", kernel, START - 1_000_000, ProcessInfo.UNKNOWN_TIME));
        b.addProcess(process(620, 4, "TiWorker.exe", user, START, ProcessInfo.UNKNOWN_TIME));
        b.addProcess(process(1880, 620, "ntrtscan.exe", user, START + 10, START + 50_000_000));
        b.addProcess(process(1880, 620, "ntrtscan.exe", user, START + 60_000_000, ProcessInfo.UNKNOWN_TIME));
        List<Module> all = new ArrayList<>(kernel);
        all.addAll(user);
        long time = START;
        for (int i = 0; i < events; i++) {
            time += r.nextInt(10_000);
            int key = 1 + r.nextInt(3);
            int tid = 1000 + r.nextInt(50);
            boolean pending = r.nextInt(20) == 0;
            int result = pending ? NtStatus.PENDING : r.nextInt(4) == 0 ? NtStatus.SHARING_VIOLATION : NtStatus.SUCCESS;
            long duration = pending ? EventStore.NO_DURATION : r.nextInt(100_000);
            int stack = stack(b.stacks(), r, all);
            int kind = i % 17;
            String file = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_" + r.nextInt(40)
                    + "\\oposdrv.dll";
            String key32 = "HKLM\\System\\CurrentControlSet\\Services\\oposdrv\\v" + r.nextInt(9);
            switch (kind) {
                case 0 -> add(b, time, duration, key, tid, Operation.CREATE_FILE, result, file, createFile(r, pending), stack);
                case 1 -> add(b, time, duration, key, tid, r.nextBoolean() ? Operation.READ_FILE : Operation.WRITE_FILE,
                        result, file, new IoDetail(r.nextInt(1 << 30) * 512L, r.nextInt(1 << 20),
                                r.nextBoolean() ? -1 : 0x43, r.nextBoolean() ? -1 : 1 + r.nextInt(5)), stack);
                case 2 -> add(b, time, duration, key, tid, Operation.LOCK_FILE, result, file,
                        new LockDetail(r.nextInt(1 << 20), 1 + r.nextInt(100), true, r.nextBoolean(), r.nextBoolean()), stack);
                case 3 -> add(b, time, duration, key, tid, Operation.UNLOCK_FILE_SINGLE, result, file,
                        new LockDetail(r.nextInt(1 << 20), 1 + r.nextInt(100), false, false, false), stack);
                case 4 -> add(b, time, duration, key, tid, Operation.SET_DISPOSITION_INFORMATION_FILE, result, file,
                        new DispositionDetail(r.nextBoolean(), -1), stack);
                case 5 -> {
                    int flags = r.nextInt(0x20);
                    add(b, time, duration, key, tid, Operation.SET_DISPOSITION_INFORMATION_EX, result, file,
                            new DispositionDetail((flags & 1) != 0, flags), stack);
                }
                case 6 -> add(b, time, duration, key, tid, r.nextBoolean() ? Operation.SET_RENAME_INFORMATION_FILE
                        : Operation.SET_RENAME_INFORMATION_EX, result, file,
                        new RenameDetail(r.nextBoolean(), file + ".old" + r.nextInt(3)), stack);
                case 7 -> add(b, time, duration, key, tid, r.nextBoolean() ? Operation.SET_END_OF_FILE_INFORMATION_FILE
                        : Operation.SET_ALLOCATION_INFORMATION_FILE, result, file, new SizeDetail(r.nextInt(1 << 30)), stack);
                case 8 -> add(b, time, duration, key, tid, Operation.CLOSE_FILE, result, file, Detail.None.INSTANCE, stack);
                case 9 -> {
                    int desired = r.nextBoolean() ? 0x02000000 : 0x20019;
                    add(b, time, duration, key, tid, r.nextBoolean() ? Operation.REG_OPEN_KEY : Operation.REG_CREATE_KEY,
                            result, key32, new RegKeyDetail(desired, desired == 0x02000000 ? 0xF003F : -1,
                                    pending ? -1 : 1 + r.nextInt(2)), stack);
                }
                case 10 -> add(b, time, duration, key, tid, Operation.REG_QUERY_VALUE, result, key32, regValue(r, -1), stack);
                case 11 -> add(b, time, duration, key, tid, Operation.REG_ENUM_VALUE, result, key32,
                        regValue(r, r.nextInt(8)), stack);
                case 12 -> add(b, time, duration, key, tid, Operation.REG_SET_VALUE, result, key32, setValue(r), stack);
                case 13 -> add(b, time, duration, key, tid, Operation.LOAD_IMAGE, result,
                        "C:\\Windows\\System32\\oposdrv.dll", new ProcessDetail(-1, 0x7FF795E70000L, 0x41000,
                                List.of(new ProcessDetail.Field("Image Base", "0x7ff795e70000"),
                                        new ProcessDetail.Field("Image Size", "0x41000"))), stack);
                case 14 -> add(b, time, duration, key, tid, Operation.PROCESS_EXIT, result, "", new ProcessDetail(-1, -1, -1,
                        List.of(new ProcessDetail.Field("Exit Status", "-1073740756"),
                                new ProcessDetail.Field("User Time", "0.0468750 seconds"),
                                new ProcessDetail.Field("Kernel Time", "1.1406250 seconds"),
                                new ProcessDetail.Field("Private Bytes", "3088384"),
                                new ProcessDetail.Field("Peak Private Bytes", "3100672"),
                                new ProcessDetail.Field("Working Set", "110592"),
                                new ProcessDetail.Field("Peak Working Set", "1114688"))), stack);
                case 15 -> {
                    b.addEvent(time, duration, key, tid, Operation.PROCESS_START, result, b.strings().intern(""),
                            new ProcessDetail(620, -1, -1, List.of(new ProcessDetail.Field("Parent PID", "620"),
                                    new ProcessDetail.Field("Command line", "\"C:\\x\\ntrtscan.exe\" /boot"),
                                    new ProcessDetail.Field("Current directory", "C:\\Windows\\system32\\"),
                                    new ProcessDetail.Field("Environment", "\r;\t=::=::\\\r;\tPATH=C:\\Windows"))),
                            stack);
                    b.addEvent(time, duration, key, tid, Operation.THREAD_EXIT, result, b.strings().intern(""),
                            new ProcessDetail(tid, -1, -1, List.of(new ProcessDetail.Field("Thread ID", Integer.toString(tid)),
                                    new ProcessDetail.Field("User Time", "0.0156250"),
                                    new ProcessDetail.Field("Kernel Time", "0.0000000"))), stack);
                    b.addEvent(time, duration, key, tid, Operation.PROCESS_CREATE, result, b.strings().intern("C:\\x\\a.exe"),
                            new ProcessDetail(7364, -1, -1, List.of(new ProcessDetail.Field("PID", "7364"),
                                    new ProcessDetail.Field("Command line", "a.exe -x"))), stack);
                }
                default -> {
                    // an information class procmon has no name for: shown as <Unknown>, typed by its IRP major
                    int unnamed = b.addEvent(time, duration, key, tid, r.nextBoolean() ? Operation.SET_INFORMATION_FILE
                            : Operation.QUERY_INFORMATION_FILE, result, b.strings().intern(file), Detail.None.INSTANCE,
                            stack);
                    b.setOperationName(unnamed, "<Unknown>");
                    add(b, time, duration, key, tid, Operation.QUERY_STANDARD_INFORMATION_FILE, result, file,
                            pending ? Detail.None.INSTANCE : new StandardInfoDetail(r.nextInt(1 << 20) * 4096L,
                                    r.nextInt(1 << 30), 1 + r.nextInt(3), r.nextBoolean(), r.nextBoolean()), stack);
                    FileTimesDetail times = new FileTimesDetail("7/11/2020 4:33:18 PM", "1/1/1601 12:00:00 AM",
                            "12/13/2017 11:46:24 AM", "7/10/2020 9:41:30 AM", r.nextInt(0x8000));
                    add(b, time, duration, key, tid, Operation.SET_BASIC_INFORMATION_FILE, result, file, times, stack);
                    add(b, time, duration, key, tid, Operation.QUERY_BASIC_INFORMATION_FILE, result, file,
                            pending ? Detail.None.INSTANCE : times, stack);
                    add(b, time, duration, key, tid, r.nextBoolean() ? Operation.QUERY_OPEN
                            : Operation.QUERY_NETWORK_OPEN_INFORMATION_FILE, result, file, pending ? Detail.None.INSTANCE
                            : new NetworkOpenDetail("7/11/2020 3:46:54 PM", "7/12/2020 1:17:38 AM",
                                    "7/12/2020 1:17:38 AM", "7/12/2020 1:17:38 AM", 4096, 1417, 0x20), stack);
                    add(b, time, duration, key, tid, Operation.CREATE_FILE_MAPPING, result, file, r.nextBoolean()
                            ? new FileMappingDetail(0, -1) : new FileMappingDetail(1, r.nextBoolean() ? 0x2 : 0x220), stack);
                    b.addEvent(time, duration, key, tid, Operation.REG_LOAD_KEY, result, b.strings().intern(key32),
                            new Detail.Text("Hive Path: C:\\Windows\\System32\\config\\COMPONENTS"), stack);
                    b.addEvent(time, duration, key, tid, Operation.THREAD_CREATE, result, b.strings().intern(""),
                            new ProcessDetail(77, -1, -1, List.of(new ProcessDetail.Field("Thread ID", "77"))), stack);
                    // a search pattern is stored apart from the directory the path ends with
                    add(b, time, duration, key, tid, Operation.QUERY_DIRECTORY, result, "C:\\Temp\\bbbb.txt",
                            new DirectoryDetail("bbbb.txt", List.of("bbbb.txt"), 3), stack);
                    add(b, time, duration, key, tid, Operation.QUERY_DIRECTORY, result, "C:\\Users",
                            new DirectoryDetail("Users", List.of(), r.nextBoolean() ? 37 : 12), stack);
                    add(b, time, duration, key, tid, Operation.QUERY_DIRECTORY, result, "C:\\Temp",
                            new DirectoryDetail(null, List.of(".", "..", "a.txt", "name, with comma"),
                                    r.nextBoolean() ? 1 : 38), stack);
                }
            }
        }
        return b.build();
    }

    private static void add(TraceBuilder b, long time, long duration, int key, int tid, Operation op, int result,
                            String path, Detail d, int stack) {
        b.addEvent(time, duration, key, tid, op, result, b.strings().intern(path), d, stack);
    }

    private static CreateFileDetail createFile(Random r, boolean failed) {
        int disposition = r.nextInt(6);
        boolean showsAllocation = disposition == 0 || disposition == 2 || disposition == 3 || disposition == 5;
        return new CreateFileDetail(r.nextBoolean() ? 0x10000 : 0x120089, disposition, r.nextInt(1 << 24),
                r.nextInt(0x8000), r.nextInt(8), showsAllocation ? r.nextInt(1 << 20) : -1,
                failed ? -1 : r.nextInt(6), r.nextBoolean() ? null : "S-1-5-21-1004336348-1177238915-682003330-512");
    }

    /** A set always carries its type; a query without post data shows only the length offered. */
    private static RegValueDetail setValue(Random r) {
        return typedValue(r, -1, r.nextInt(6));
    }

    private static RegValueDetail regValue(Random r, int index) {
        return typedValue(r, index, r.nextInt(7));
    }

    private static RegValueDetail typedValue(Random r, int index, int variant) {
        String name = index >= 0 ? "Value" + index : null;
        switch (variant) {
            case 0:
                return new RegValueDetail(index, name, 4, 4, Long.toString(r.nextInt() & 0xFFFFFFFFL));
            case 1: {
                String s = "oem" + r.nextInt(100) + ".inf";
                return new RegValueDetail(index, name, 1, 2L * (s.length() + 1), s);
            }
            case 2:
                // a query shows the 16 bytes the driver stores of a longer value; an enumeration (Full
                // information, with the name) shows more than it stores (see RegistryDetailDecoder.queryValue), so
                // only a value that fits is one procmon can show as stored
                return new RegValueDetail(index, name, 3, name == null ? 72 : 16,
                        "00 00 00 00 AE 00 00 00 66 01 00 00 4C FA 70 00");
            case 3:
                return new RegValueDetail(index, name, 7, 20, "en-US, en");
            case 4:
                return new RegValueDetail(index, name, 11, 8, "");
            case 5:
                return new RegValueDetail(index, name, 0, 0, null);
            default:
                return new RegValueDetail(index, null, -1, 144, null);
        }
    }

    private static ProcessInfo process(int pid, int parent, String name, List<Module> modules, long start, long end) {
        return new ProcessInfo(pid, parent, name, "C:\\Windows\\" + name, name + " -k", "Microsoft Corporation",
                "desc of " + name, "10.0.17763.1", "NT AUTHORITY\\SYSTEM", "00000000:000003e7", 0, "System",
                true, false, start, end, modules);
    }

    /** 0–6 frames: kernel and user addresses in known modules, and raw addresses in none. */
    private static int stack(StackTable table, Random r, List<Module> modules) {
        int depth = r.nextInt(7);
        if (depth == 0) {
            return StackTable.NONE;
        }
        int[] frames = new int[depth];
        for (int k = 0; k < depth; k++) {
            if (r.nextInt(5) == 0) {
                long raw = KERNEL_BASE + 0x900000 + r.nextInt(1000);
                frames[k] = table.frameId(new StackTable.Frame(null, raw, -1, null, true));
            } else {
                Module m = modules.get(r.nextInt(modules.size()));
                long offset = r.nextInt((int) m.size());
                frames[k] = table.frameId(new StackTable.Frame(m.path(), m.base() + offset, offset, null,
                        m.base() < 0));
            }
        }
        return table.stackId(frames);
    }
}
