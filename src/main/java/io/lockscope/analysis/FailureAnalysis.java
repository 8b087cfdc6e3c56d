package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.PageProtection;

import java.util.ArrayList;
import java.util.Collection;
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
    /**
     * How far before a failure the failing thread's I/O counts as nested in it: a filter's pre-create
     * callback issues its own I/O from the caller's thread within milliseconds; a second is generous.
     */
    public static final long NESTED_IO_TICKS = 10_000_000L;
    /** Page protections that allow writable views; 0x80 is PAGE_EXECUTE_WRITECOPY (winnt.h). */
    private static final int WRITABLE_PAGES = PageProtection.PAGE_READWRITE | PageProtection.PAGE_WRITECOPY
            | PageProtection.PAGE_EXECUTE_READWRITE | 0x80;

    private final Trace trace;
    private final int input;
    private final Targets targets;
    private final FileIdentity identity;
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
        this.identity = FileIdentity.of(trace, targets);
        this.holds = Holds.of(trace, targets, identity);
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
            if (!targets.isTarget(e.pathId(i)) || !Failures.isFailure(e.operation(i), e.result(i))
                    || e.detail(i) instanceof FilterDetail
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
        int result = e.result(f);
        String renameTarget = renameTarget(f);
        int file = renameTarget != null ? identity.of(trace.strings().find(renameTarget)) : identity.of(e.pathId(f));
        List<FailureFacts.HolderFinding> blocking = new ArrayList<>();
        List<FailureFacts.HolderFinding> ended = new ArrayList<>();
        for (Hold h : holds.onPath(file)) {
            if (h.startEvent() == f || !relevant(h, f, result, access, share, renameTarget != null)) {
                continue;
            }
            if (h.endedBefore(f)) {
                ended.add(new FailureFacts.HolderFinding(h, Set.of(), false, FailureFacts.RuledOut.ENDED_BEFORE));
            } else if (h.activeAt(f)) {
                blocking.add(judge(h, result, access, share, holds.accessShown(h), accessShown));
            }
        }
        List<FailureFacts.HolderFinding> ruledOut = new ArrayList<>();
        blocking.removeIf(h -> h.ruledOut() != null && ruledOut.add(h));
        if (blocking.isEmpty()) {
            // nothing on the file itself explains it: holds on names presumed links of it are the lead
            for (int other : identity.presumedLinks(file).toSortedArray()) {
                for (Hold h : holds.onPath(other)) {
                    if (h.activeAt(f) && relevant(h, f, result, access, share, renameTarget != null)) {
                        FailureFacts.HolderFinding found = judge(h, result, access, share, holds.accessShown(h), accessShown);
                        if (found.ruledOut() == null) {
                            blocking.add(found.onPresumedLink());
                        }
                    }
                }
            }
        }
        ended.sort(Comparator.comparingInt((FailureFacts.HolderFinding h) -> h.hold().endEvent()).reversed());
        ruledOut.addAll(ended.subList(0, Math.min(MAX_ENDED_SHOWN, ended.size())));
        List<FailureFacts.StackDriver> drivers = new ArrayList<>(stackDrivers(f, FailureFacts.Seen.FAILING_STACK).values());
        nestedDrivers(f).forEach(d -> addDriver(drivers, d));
        otherDrivers.values().forEach(d -> addDriver(drivers, d));
        return new FailureFacts(input, f, access, share, renameTarget, blocking, ruledOut, drivers, filterCalls(f));
    }

    private static void addDriver(List<FailureFacts.StackDriver> drivers, FailureFacts.StackDriver d) {
        if (drivers.stream().noneMatch(x -> x.module().equalsIgnoreCase(d.module()))) {
            drivers.add(d);
        }
    }

    /**
     * The new name of a rename or link over an existing target path that failed because of that target:
     * ACCESS DENIED with ReplaceIfExists (the target was open or mapped; MS-FSCC 2.4.42) or NAME COLLISION
     * (it exists, or is delete-pending); null for any other failure, a new name outside the targets, or
     * one the input does not name (an ETW Rename without its RenamePath).
     */
    private String renameTarget(int f) {
        EventStore e = trace.events();
        if (!isRenameOrLink(e.operation(f)) || !(e.detail(f) instanceof RenameDetail rename) || rename.target() == null) {
            return null;
        }
        boolean overTarget = e.result(f) == NtStatus.ACCESS_DENIED && rename.replaceIfExists()
                || e.result(f) == NtStatus.NAME_COLLISION;
        int name = trace.strings().find(rename.target());
        return overTarget && name > 0 && targets.isTarget(name) ? rename.target() : null;
    }

    /**
     * Which kinds of hold can cause which result (lock-semantics.md §1, §6). A rename over a target is
     * failed by any handle or mapping of the target, whatever its sharing; a NAME COLLISION there, and a
     * DELETE PENDING anywhere, by every handle still open on a file whose delete is pending (the last
     * one to close completes a classic delete). Sections outlive their handles: an image or data section
     * fails deletes (CANNOT DELETE) and truncation (USER MAPPED FILE), an image section write or delete
     * opens, a writable data section opens that do not share Write.
     */
    private boolean relevant(Hold h, int f, int result, int requestAccess, int requestShare, boolean onRenameTarget) {
        Set<ShareAccess.Kind> wanted = requestAccess == -1 ? Set.of() : ShareAccess.kinds(requestAccess);
        if (onRenameTarget) {
            return result == NtStatus.ACCESS_DENIED
                    ? h.kind() == Hold.Kind.HANDLE || h.kind() == Hold.Kind.MAPPED_IMAGE || h.kind() == Hold.Kind.DATA_SECTION
                    : h.kind() == Hold.Kind.HANDLE && holds.deletePendingAt(h.pathId(), f);
        }
        return switch (h.kind()) {
            case HANDLE -> result == NtStatus.SHARING_VIOLATION || result == NtStatus.DELETE_PENDING;
            case MAPPED_IMAGE -> result == NtStatus.CANNOT_DELETE || result == NtStatus.USER_MAPPED_FILE
                    || (result == NtStatus.SHARING_VIOLATION && !wanted.isEmpty() && !wanted.equals(Set.of(ShareAccess.Kind.READ)));
            case DATA_SECTION -> result == NtStatus.CANNOT_DELETE || result == NtStatus.USER_MAPPED_FILE
                    || (result == NtStatus.SHARING_VIOLATION && !wanted.isEmpty()
                    && requestShare != -1 && (requestShare & ShareAccess.SHARE_WRITE) == 0 && writable(h));
            case BYTE_RANGE_LOCK -> result == NtStatus.FILE_LOCK_CONFLICT || result == NtStatus.NOT_GRANTED;
            // the handles that keep it pending are the blockers; who set it is in the sequence
            case PENDING_DELETE -> false;
        };
    }

    /** Whether a data section may have writable views (its page protection, when procmon showed it). */
    private boolean writable(Hold section) {
        return !(trace.events().detail(section.startEvent()) instanceof FileMappingDetail m) || m.pageProtection() == -1
                || (m.pageProtection() & WRITABLE_PAGES) != 0;
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
        if (h.kind() != Hold.Kind.HANDLE || result != NtStatus.SHARING_VIOLATION) {
            // a section, lock, pending delete or renamed-over target blocks whatever the share modes
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
        return op == Operation.SET_DISPOSITION_INFORMATION_FILE || op == Operation.SET_DISPOSITION_INFORMATION_EX
                || isRenameOrLink(op);
    }

    private static boolean isRenameOrLink(Operation op) {
        return switch (op) {
            case SET_RENAME_INFORMATION_FILE, SET_RENAME_INFORMATION_EX, SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK,
                    SET_LINK_INFORMATION_FILE -> true;
            default -> false;
        };
    }

    /** Third-party kernel modules in the stack of event {@code i}, by file name, with their frames. */
    private Map<String, FailureFacts.StackDriver> stackDrivers(int i, FailureFacts.Seen seen) {
        Map<String, FailureFacts.StackDriver> found = new LinkedHashMap<>();
        int stack = trace.events().stackId(i);
        if (stack == StackTable.NONE) {
            return found;
        }
        ProcessInfo system = trace.processes().system();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> frames = new LinkedHashMap<>();
        for (StackTable.Frame frame : trace.stacks().frames(stack)) {
            String file = frame.moduleFileName();
            if (!frame.kernel() || file == null || !file.toLowerCase(Locale.ROOT).endsWith(".sys")
                    || attribution.isMicrosoft(file, companyOf(system, frame.module()))) {
                continue;
            }
            String key = file.toLowerCase(Locale.ROOT);
            names.putIfAbsent(key, file);
            frames.computeIfAbsent(key, k -> new ArrayList<>()).add(file + "+0x" + Long.toHexString(frame.offset()));
        }
        names.forEach((key, file) -> found.put(key,
                new FailureFacts.StackDriver(file, attribution.driver(file), seen, i, frames.get(key))));
        return found;
    }

    /**
     * Third-party drivers in the stacks of the failing thread's own I/O in the {@link #NESTED_IO_TICKS}
     * before the failure: a filter's callback issuing I/O from the servicing thread while it handled the
     * request it then failed (lock-semantics.md §5), the nearest first.
     */
    private Collection<FailureFacts.StackDriver> nestedDrivers(int f) {
        EventStore e = trace.events();
        Map<String, FailureFacts.StackDriver> found = new LinkedHashMap<>();
        long from = e.time(f) - NESTED_IO_TICKS;
        for (int j = f - 1; j >= 0 && e.time(j) >= from; j--) {
            if (e.tid(j) == e.tid(f) && e.processKey(j) == e.processKey(f) && e.stackId(j) != StackTable.NONE) {
                stackDrivers(j, FailureFacts.Seen.NESTED_IO).forEach(found::putIfAbsent);
            }
        }
        return found.values();
    }

    /** Third-party drivers in the stacks of any event on a target path (the I/O a filter does itself). */
    private Map<String, FailureFacts.StackDriver> driversOnTargets() {
        Map<String, FailureFacts.StackDriver> found = new LinkedHashMap<>();
        EventStore e = trace.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (e.stackId(i) != StackTable.NONE && targets.isTarget(e.pathId(i))) {
                stackDrivers(i, FailureFacts.Seen.OTHER_IO).forEach(found::putIfAbsent);
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
