package io.lockscope.rules;

import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.TimeBase;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.vocab.NtStatus;

import java.util.ArrayList;
import java.util.List;

/** Builds small traces event by event for analysis tests; time advances 1 ms per event. */
final class TraceFixture {
    static final String PKG = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_313106b94d0b5742\\";
    static final String DLL = PKG + "oposdrv.dll";
    static final int READ_DATA = 0x1;
    static final int DELETE = 0x10000;
    static final int GENERIC_READ = 0x80000000;

    private final TraceBuilder b = new TraceBuilder("fixture.csv", "procmon-csv");
    private long time = 0;

    TraceFixture() {
        b.timeBase(TimeBase.TIME_OF_DAY, null);
    }

    int process(int pid, String name) {
        return b.addProcess(ProcessInfo.of(pid, name));
    }

    int process(int pid, String name, String company, String imagePath, List<Module> modules) {
        return b.addProcess(new ProcessInfo(pid, 0, name, imagePath, null, company, null, null, null, null, 0, null,
                true, false, ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, modules));
    }

    int open(int process, String path, int access, int share) {
        return event(process, Operation.CREATE_FILE, path, NtStatus.SUCCESS,
                new CreateFileDetail(access, 1, 0x60, 0, share, -1, 1, null), StackTable.NONE);
    }

    int failOpen(int process, String path, int access, int share, int status) {
        return failOpen(process, path, access, share, status, StackTable.NONE);
    }

    int failOpen(int process, String path, int access, int share, int status, int stack) {
        return event(process, Operation.CREATE_FILE, path, status,
                new CreateFileDetail(access, 1, 0x60, 0, share, -1, -1, null), stack);
    }

    int close(int process, String path) {
        return event(process, Operation.CLOSE_FILE, path, NtStatus.SUCCESS, Detail.None.INSTANCE, StackTable.NONE);
    }

    int deleteDisposition(int process, String path, int status) {
        return event(process, Operation.SET_DISPOSITION_INFORMATION_FILE, path, status,
                new DispositionDetail(true, -1), StackTable.NONE);
    }

    int exit(int process) {
        return event(process, Operation.PROCESS_EXIT, "", NtStatus.SUCCESS, Detail.None.INSTANCE, StackTable.NONE);
    }

    int registry(int process, Operation op, String key, int status) {
        return event(process, op, key, status, Detail.None.INSTANCE, StackTable.NONE);
    }

    /** A kernel stack of the given module paths (innermost first). */
    int stack(String... modules) {
        List<Integer> ids = new ArrayList<>();
        long address = 0xfffff80000000000L;
        for (String m : modules) {
            ids.add(b.stacks().frameId(new StackTable.Frame(m, address += 0x1000, 0x10, null, true)));
        }
        return b.stacks().stackId(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    int event(int process, Operation op, String path, int status, Detail detail, int stack) {
        time += 10_000;
        return b.addEvent(time, 100, process, 100 + process, op, status, b.strings().intern(path), detail, stack);
    }

    /** An event this build types as no procmon operation, named as its source names it (an ETW "FileIO/UnmapFile"). */
    int other(int process, String operationName, String path) {
        time += 10_000;
        return b.addOtherEvent(time, 100, process, 100 + process, operationName, null, NtStatus.SUCCESS,
                b.strings().intern(path), Detail.None.INSTANCE, StackTable.NONE);
    }

    Trace build() {
        return b.build();
    }
}
