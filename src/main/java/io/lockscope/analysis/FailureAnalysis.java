package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.vocab.NtStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the failed servicing operations on the targets of one trace and, for each, the holds that
 * explain it (share-mode conflicts, mapped images, locks, pending deletes), the holds ruled out, and
 * the third-party filter drivers seen in stacks.
 */
public final class FailureAnalysis {
    /** How many ended holds per failure are listed as ruled out (the latest ones). */
    static final int MAX_ENDED_SHOWN = 5;

    private final Trace trace;
    private final int input;
    private final Targets targets;
    private final Holds holds;
    private final Attribution attribution;
    private final boolean servicingOnly;

    /**
     * @param servicingOnly only failures of servicing processes count (the diagnosis); false takes
     *                      every process's failures (the {@code holders} command)
     */
    public FailureAnalysis(Trace trace, int input, Targets targets, Attribution attribution, boolean servicingOnly) {
        this.trace = trace;
        this.input = input;
        this.targets = targets;
        this.holds = Holds.of(trace, targets);
        this.attribution = attribution;
        this.servicingOnly = servicingOnly;
    }

    public Holds holds() {
        return holds;
    }

    public List<FailureFacts> failures() {
        EventStore e = trace.events();
        List<FailureFacts> out = new ArrayList<>();
        Map<String, FailureFacts.StackDriver> otherDrivers = null;
        for (int i = 0, n = e.size(); i < n; i++) {
            // a minifilter callback's status (ETW FltIo) is evidence about the I/O it ran for, not a failure of its own
            if (!targets.isTarget(e.pathId(i)) || !Failures.isFailure(e.result(i)) || e.detail(i) instanceof FilterDetail
                    || (servicingOnly && !ServicingProcesses.isServicing(trace.process(i).name()))) {
                continue;
            }
            if (otherDrivers == null) {
                otherDrivers = driversOnTargets();
            }
            out.add(analyse(i, otherDrivers));
        }
        return out;
    }

    private FailureFacts analyse(int f, Map<String, FailureFacts.StackDriver> otherDrivers) {
        EventStore e = trace.events();
        int access = -1;
        int share = -1;
        int accessShown = 0;
        if (e.detail(f) instanceof CreateFileDetail cf) {
            access = cf.desiredAccess();
            share = cf.shareMode();
            accessShown = ShareAccess.impliedByCreate(cf);
        } else if (isDeleteOrRename(e.operation(f))) {
            access = ShareAccess.DELETE;
        }
        List<FailureFacts.HolderFinding> blocking = new ArrayList<>();
        List<FailureFacts.HolderFinding> ended = new ArrayList<>();
        for (Hold h : holds.onPath(targets.canonical(e.pathId(f)))) {
            if (h.startEvent() == f || !relevant(h.kind(), e.result(f), access)) {
                continue;
            }
            if (h.endedBefore(f)) {
                ended.add(new FailureFacts.HolderFinding(h, Set.of(), false, FailureFacts.RuledOut.ENDED_BEFORE));
            } else if (h.activeAt(f)) {
                blocking.add(judge(h, e.result(f), access, share, holds.accessShown(h), accessShown));
            }
        }
        List<FailureFacts.HolderFinding> ruledOut = new ArrayList<>();
        blocking.removeIf(h -> h.ruledOut() != null && ruledOut.add(h));
        ended.sort(Comparator.comparingInt((FailureFacts.HolderFinding h) -> h.hold().endEvent()).reversed());
        ruledOut.addAll(ended.subList(0, Math.min(MAX_ENDED_SHOWN, ended.size())));
        List<FailureFacts.StackDriver> drivers = new ArrayList<>(stackDrivers(f, true).values());
        for (FailureFacts.StackDriver d : otherDrivers.values()) {
            if (drivers.stream().noneMatch(x -> x.module().equalsIgnoreCase(d.module()))) {
                drivers.add(d);
            }
        }
        return new FailureFacts(input, f, access, share, blocking, ruledOut, drivers, filterCalls(f));
    }

    /** Which kinds of hold can cause which result (servicing.md §3). */
    private static boolean relevant(Hold.Kind kind, int result, int requestAccess) {
        return switch (kind) {
            case HANDLE -> result == NtStatus.SHARING_VIOLATION || result == NtStatus.OPLOCK_NOT_GRANTED;
            case MAPPED_IMAGE -> result == NtStatus.CANNOT_DELETE || result == NtStatus.USER_MAPPED_FILE
                    || (result == NtStatus.SHARING_VIOLATION && requestAccess != -1
                    && !ShareAccess.kinds(requestAccess).equals(Set.of(ShareAccess.Kind.READ))
                    && !ShareAccess.kinds(requestAccess).isEmpty());
            case BYTE_RANGE_LOCK -> result == NtStatus.FILE_LOCK_CONFLICT || result == NtStatus.NOT_GRANTED;
            case PENDING_DELETE -> result == NtStatus.DELETE_PENDING;
        };
    }

    /**
     * Whether a HANDLE hold explains the failure. When both ACCESS_MASKs are known this is the I/O
     * manager's share check. When one is not (ETW records none), the check runs on what is known:
     * the share modes, and the access each side is shown to have ({@code holderShown}: the holder's
     * CreateOptions and the successful I/O on its FILE_OBJECT; {@code requestShown}: the request's
     * CreateOptions) — lower bounds of the real access. A conflict between lower bounds is a real
     * conflict (more access only adds conflicts), so it is reported as proven; when none is found
     * the hold is still assumed to block ({@code accessUnknown}), as the missing access may conflict.
     * A request whose share mode is unknown (a delete or rename on an open handle) is judged only by
     * what the holder does not share.
     */
    private static FailureFacts.HolderFinding judge(Hold h, int result, int access, int share, int holderShown,
                                                    int requestShown) {
        if (h.kind() != Hold.Kind.HANDLE || result == NtStatus.OPLOCK_NOT_GRANTED) {
            return new FailureFacts.HolderFinding(h, Set.of(), false, null);
        }
        if (h.access() == -1 || access == -1) {
            int holderAccess = h.access() != -1 ? h.access() : holderShown;
            int requestAccess = access != -1 ? access : requestShown;
            Set<ShareAccess.Reason> shown = h.share() == -1 ? Set.of() : ShareAccess.conflicts(holderAccess, h.share(),
                    requestAccess, share == -1 ? ShareAccess.SHARE_ALL : share);
            return new FailureFacts.HolderFinding(h, shown, shown.isEmpty(), null);
        }
        if (ShareAccess.kinds(h.access()).isEmpty()) {
            return new FailureFacts.HolderFinding(h, Set.of(), false, FailureFacts.RuledOut.NO_SHARED_ACCESS);
        }
        Set<ShareAccess.Reason> conflicts = ShareAccess.conflicts(h.access(), h.share(), access, share);
        return new FailureFacts.HolderFinding(h, conflicts, false,
                conflicts.isEmpty() ? FailureFacts.RuledOut.COMPATIBLE : null);
    }

    /**
     * The third-party minifilter callbacks that failed the I/O of event {@code f}: FltIo failure
     * events on its IRP (and FILE_OBJECT, when both carry one) from its start until its OperationEnd
     * (an IRP address is reused after completion). Microsoft's own filters are left out, as for
     * stack frames.
     */
    private List<FailureFacts.FilterCall> filterCalls(int f) {
        EventStore e = trace.events();
        long irp = e.irp(f);
        long fileObject = e.objectId(f);
        if (irp == 0) {
            return List.of();
        }
        long duration = e.duration(f);
        long end = duration == EventStore.NO_DURATION ? Long.MAX_VALUE : e.time(f) + duration;
        List<FailureFacts.FilterCall> calls = new ArrayList<>();
        for (int j = f + 1, n = e.size(); j < n && e.time(j) <= end; j++) {
            if (e.irp(j) != irp) {
                continue;
            }
            if (!(e.detail(j) instanceof FilterDetail fd)) {
                break; // the IRP's next request: this one is over
            }
            long callObject = e.objectId(j);
            if (e.result(j) == NtStatus.SUCCESS || fd.driver() == null
                    || (fileObject != 0 && callObject != 0 && callObject != fileObject)) {
                continue;
            }
            String file = fileName(fd.driver());
            if (!attribution.isMicrosoft(file, companyOf(trace.processes().system(), fd.driver()))
                    && calls.stream().noneMatch(c -> c.module().equalsIgnoreCase(file))) {
                calls.add(new FailureFacts.FilterCall(file, attribution.driver(file), e.result(j), j));
            }
        }
        return calls;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    private static boolean isDeleteOrRename(Operation op) {
        return switch (op) {
            case SET_DISPOSITION_INFORMATION_FILE, SET_DISPOSITION_INFORMATION_EX, SET_RENAME_INFORMATION_FILE,
                    SET_RENAME_INFORMATION_EX, SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK -> true;
            default -> false;
        };
    }

    /** Third-party kernel modules in the stack of event {@code i}, by file name. */
    private Map<String, FailureFacts.StackDriver> stackDrivers(int i, boolean failing) {
        Map<String, FailureFacts.StackDriver> found = new LinkedHashMap<>();
        int stack = trace.events().stackId(i);
        if (stack == StackTable.NONE) {
            return found;
        }
        ProcessInfo system = trace.processes().system();
        for (StackTable.Frame frame : trace.stacks().frames(stack)) {
            String file = frame.moduleFileName();
            if (!frame.kernel() || file == null || !file.toLowerCase(Locale.ROOT).endsWith(".sys")) {
                continue;
            }
            if (attribution.isMicrosoft(file, companyOf(system, frame.module()))) {
                continue;
            }
            found.putIfAbsent(file.toLowerCase(Locale.ROOT),
                    new FailureFacts.StackDriver(file, attribution.driver(file), failing, i));
        }
        return found;
    }

    /** Third-party drivers in the stacks of any event on a target path (the I/O a filter does itself). */
    private Map<String, FailureFacts.StackDriver> driversOnTargets() {
        Map<String, FailureFacts.StackDriver> found = new LinkedHashMap<>();
        EventStore e = trace.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (e.stackId(i) != StackTable.NONE && targets.isTarget(e.pathId(i))) {
                stackDrivers(i, false).forEach(found::putIfAbsent);
            }
        }
        return found;
    }

    private static String companyOf(ProcessInfo system, String modulePath) {
        if (system == null || modulePath == null) {
            return null;
        }
        return system.modules().stream().filter(m -> modulePath.equalsIgnoreCase(m.path())).map(Module::company)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
