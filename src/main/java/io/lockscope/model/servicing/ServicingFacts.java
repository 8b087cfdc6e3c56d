package io.lockscope.model.servicing;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a case's servicing logs and filter/driver listings say, read-only. One reader fills one of
 * these per file; {@link #merge} joins a case's files. The JSON report (report-json.md) is filled
 * directly from it:
 * <table>
 * <caption>report field ← accessor</caption>
 * <tr><td>{@code servicing} present</td><td>{@link #hasServicingLog()}</td></tr>
 * <tr><td>{@code failingInf}</td><td>{@link #failingInf()}</td></tr>
 * <tr><td>{@code hresult} / {@code hresultName}</td><td>{@link #hresultText()} / {@link #hresultName()}</td></tr>
 * <tr><td>{@code phase}</td><td>{@link #phase()}{@code .label()}</td></tr>
 * <tr><td>{@code rollback} / {@code failureSource}</td><td>{@link #rollback()} / {@link #failureSource()}</td></tr>
 * <tr><td>{@code packages}</td><td>{@link #kbNumbers()}</td></tr>
 * <tr><td>{@code driverUpdateOrder} / {@code failingInfIsFirstChanged}</td>
 *     <td>{@link #driverUpdateOrder()} / {@link #failingInfIsFirstChanged()}</td></tr>
 * <tr><td>{@code events[]} (t, source, input, line, text)</td><td>{@link #events()}: time, source().id(),
 *     input (a name; the report maps it to its index in {@code inputs}), line, text</td></tr>
 * <tr><td>{@code filters[]} (name, altitude, instances, source)</td><td>{@link #filters()}; group, vendor
 *     and thirdParty from {@code io.lockscope.analysis.kb.KnowledgeBase#filterForInstalled}</td></tr>
 * </table>
 * Verdict {@code no-failure} when {@link #succeeded()} is true.
 *
 * @param servicingLogs the CBS and setupapi logs (as the user named them) these facts come from
 * @param packages      CBS package identities in order of first mention ({@code Package_for_RollupFix~…})
 * @param kbNumbers     {@code KB5016623}-style numbers in order of first mention
 * @param failures      the first failure of each failing CBS processing block, in log order
 * @param outcomes      how processing blocks ended, in log order
 * @param cbsUtcOffset  CBS writes local time; its offset from UTC when the log reveals it, else null
 * @param bootSessions  setupapi.dev.log boot sessions in log order
 */
public record ServicingFacts(List<String> servicingLogs, List<CbsSession> cbsSessions, List<String> packages,
                             List<String> kbNumbers,
                             List<ExecuteStateChange> executeStates, List<DriverOperationResult> driverOperations,
                             List<ServicingFailure> failures, List<ProcessingOutcome> outcomes,
                             ZoneOffset cbsUtcOffset, List<ServicingEvent> events,
                             List<SetupapiBootSession> bootSessions, List<InstalledFilter> filters,
                             List<ServiceConfig> services, List<DriverPackage> drivers) {

    public static final ServicingFacts EMPTY = new Builder().build();

    private static final Comparator<LocalDateTime> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    public ServicingFacts {
        servicingLogs = List.copyOf(servicingLogs);
        cbsSessions = List.copyOf(cbsSessions);
        packages = List.copyOf(packages);
        kbNumbers = List.copyOf(kbNumbers);
        executeStates = List.copyOf(executeStates);
        driverOperations = List.copyOf(driverOperations);
        failures = List.copyOf(failures);
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
        bootSessions = List.copyOf(bootSessions);
        filters = List.copyOf(filters);
        services = List.copyOf(services);
        drivers = List.copyOf(drivers);
    }

    /** Whether a CBS log or setupapi log was read (the report's {@code servicing} section is then present). */
    public boolean hasServicingLog() {
        return !servicingLogs.isEmpty();
    }

    /** The first failure of the last processing block that failed, or null when the logs show none. */
    public ServicingFailure failure() {
        return failures.isEmpty() ? null : failures.get(failures.size() - 1);
    }

    /**
     * The INF CBS's driver queue failed on; when CBS does not name one, the package setupapi's last
     * driver-update section failed on; else null.
     */
    public String failingInf() {
        ServicingFailure f = failure();
        if (f != null && f.failingInf() != null) {
            return f.failingInf();
        }
        DriverUpdate u = setupapiFailedUpdate();
        return u != null ? u.inf() : null;
    }

    /** The failure's HRESULT; else setupapi's failing Win32 exit code as an HRESULT; else null. */
    public Integer hresult() {
        ServicingFailure f = failure();
        if (f != null) {
            return f.hresult();
        }
        SetupapiSection s = lastDriverUpdateSection();
        return s != null && s.failed() ? HResults.fromWin32(s.exitCode()) : null;
    }

    /** {@link #hresult()} spelled {@code 0x800703f1}, or null. */
    public String hresultText() {
        Integer h = hresult();
        return h == null ? null : HResults.format(h);
    }

    public String hresultName() {
        ServicingFailure f = failure();
        if (f != null && f.hresultName() != null) {
            return f.hresultName();
        }
        Integer h = hresult();
        return h == null ? null : HResults.name(h);
    }

    /** {@code 0x800703f1 ERROR_BADDB}, or the code alone when its name is not known; null without a code. */
    public String hresultWithName() {
        String name = hresultName();
        return hresultText() == null || name == null ? hresultText() : hresultText() + " " + name;
    }

    public ServicingPhase phase() {
        ServicingFailure f = failure();
        return f == null ? null : f.phase();
    }

    /**
     * Whether the logs record a failure that is still the last word: an HRESULT of a failure and no
     * later success. Such a case never gets the verdict no-failure.
     */
    public boolean recordsFailure() {
        return hresult() != null && HResults.isFailure(hresult()) && !Boolean.TRUE.equals(succeeded());
    }

    /** The queue whose processing failed, or null. */
    public ServicingQueue queue() {
        ServicingFailure f = failure();
        return f == null ? null : f.queue();
    }

    /** Whether CBS rolled the failed update back; null when no failure is known. */
    public Boolean rollback() {
        ServicingFailure f = failure();
        return f == null ? null : f.rollback();
    }

    public String failureSource() {
        ServicingFailure f = failure();
        return f == null ? null : f.failureSource();
    }

    /**
     * True when the last processing block ended in success after the last failure, false when a failure
     * is the last word, null when the logs say neither. A rolled-back failure is the last word whatever
     * follows: the blocks after it run the rollback, and their {@code Processing complete … S_OK} says
     * that the undoing worked, not the update.
     */
    public Boolean succeeded() {
        ServicingFailure f = failure();
        ProcessingOutcome last = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
        if (f == null) {
            if (last != null) {
                return last.succeeded();
            }
            SetupapiSection s = lastDriverUpdateSection();
            return s == null || s.exitCode() == null ? null : !s.failed();
        }
        return !f.rollback() && last != null && last.succeeded() && NULLS_LAST.compare(f.time(), last.time()) < 0;
    }

    /** The last {@code [Stage|Install Driver Updates]} section that processed packages, or null. */
    public SetupapiSection lastDriverUpdateSection() {
        for (int i = bootSessions.size() - 1; i >= 0; i--) {
            List<SetupapiSection> sections = bootSessions.get(i).sections();
            for (int j = sections.size() - 1; j >= 0; j--) {
                SetupapiSection s = sections.get(j);
                if (s.isDriverUpdates() && !s.driverUpdates().isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * INF names, each once, in the order of the last pass of the last driver-update section; empty when
     * none was read.
     */
    public List<String> driverUpdateOrder() {
        return lastPass().stream().map(DriverUpdate::inf).toList();
    }

    /**
     * The packages of the last driver-update section, each once, in the order of its last pass: a
     * section may go over its packages more than once (a 17763 {@code [Install Driver Updates]} lists
     * each of its 297 packages twice), and the last pass is the one whose order decides which INF
     * fails first. A package counts as changed or failed when any pass changed or failed it.
     */
    private List<DriverUpdate> lastPass() {
        SetupapiSection s = lastDriverUpdateSection();
        if (s == null) {
            return List.of();
        }
        Map<String, DriverUpdate> byInf = new LinkedHashMap<>();
        for (DriverUpdate u : s.driverUpdates()) {
            DriverUpdate before = byInf.remove(u.inf().toLowerCase(Locale.ROOT));
            byInf.put(u.inf().toLowerCase(Locale.ROOT), before == null ? u : new DriverUpdate(u.inf(), u.path(),
                    u.activePackageChanged() || before.activePackageChanged(),
                    u.failed() || !before.failed() ? u.exitCode() : before.exitCode(), u.line()));
        }
        return List.copyOf(byInf.values());
    }

    /**
     * Whether the failing INF is the first package whose active package changes in the last driver-update
     * section: then it is probably incidental (servicing.md §0 item 1). Null when either is unknown.
     */
    public Boolean failingInfIsFirstChanged() {
        String inf = failingInf();
        SetupapiSection s = lastDriverUpdateSection();
        if (inf == null || s == null) {
            return null;
        }
        for (DriverUpdate u : lastPass()) {
            if (u.activePackageChanged()) {
                return u.inf().equalsIgnoreCase(inf);
            }
        }
        return null;
    }

    private DriverUpdate setupapiFailedUpdate() {
        SetupapiSection s = lastDriverUpdateSection();
        if (s == null) {
            return null;
        }
        for (DriverUpdate u : s.driverUpdates()) {
            if (u.failed()) {
                return u;
            }
        }
        SetupapiProblem p = s.firstError();
        if (p != null && p.inf() != null) {
            for (DriverUpdate u : s.driverUpdates()) {
                if (u.inf().equalsIgnoreCase(p.inf())) {
                    return u;
                }
            }
        }
        return null;
    }

    /**
     * One case's facts from several files: lists are joined (failures, events and boot sessions in time
     * order, so a CbsPersist log and the current CBS.log interleave correctly), filters seen by several
     * listings are joined into one per name, services and drivers kept once per name.
     */
    public static ServicingFacts merge(List<ServicingFacts> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Builder b = new Builder();
        Set<String> packages = new LinkedHashSet<>();
        Set<String> kbs = new LinkedHashSet<>();
        Map<String, InstalledFilter> filters = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        Map<String, DriverPackage> drivers = new LinkedHashMap<>();
        for (ServicingFacts p : parts) {
            b.servicingLogs.addAll(p.servicingLogs);
            b.cbsSessions.addAll(p.cbsSessions);
            packages.addAll(p.packages);
            kbs.addAll(p.kbNumbers);
            b.executeStates.addAll(p.executeStates);
            b.driverOperations.addAll(p.driverOperations);
            b.failures.addAll(p.failures);
            b.outcomes.addAll(p.outcomes);
            if (b.cbsUtcOffset == null) {
                b.cbsUtcOffset = p.cbsUtcOffset;
            }
            b.events.addAll(p.events);
            b.bootSessions.addAll(p.bootSessions);
            for (InstalledFilter f : p.filters) {
                filters.merge(f.name().toLowerCase(Locale.ROOT), f, ServicingFacts::joinFilter);
            }
            for (ServiceConfig s : p.services) {
                services.merge(s.name().toLowerCase(Locale.ROOT), s, ServicingFacts::joinService);
            }
            for (DriverPackage d : p.drivers) {
                drivers.putIfAbsent(d.publishedName().toLowerCase(Locale.ROOT), d);
            }
        }
        b.packages.addAll(packages);
        b.kbNumbers.addAll(kbs);
        b.failures.sort(Comparator.comparing(ServicingFailure::time, NULLS_LAST));
        b.outcomes.sort(Comparator.comparing(ProcessingOutcome::time, NULLS_LAST));
        b.events.sort(Comparator.comparing(ServicingEvent::time, NULLS_LAST));
        b.executeStates.sort(Comparator.comparing(ExecuteStateChange::time, NULLS_LAST));
        b.driverOperations.sort(Comparator.comparing(DriverOperationResult::time, NULLS_LAST));
        b.bootSessions.sort(Comparator.comparing(SetupapiBootSession::start, NULLS_LAST));
        b.filters.addAll(filters.values());
        b.services.addAll(services.values());
        b.drivers.addAll(drivers.values());
        return b.build();
    }

    /** {@code fltmc filters} gives altitude, frame and count; {@code fltmc instances} the volumes. */
    private static InstalledFilter joinFilter(InstalledFilter a, InstalledFilter b) {
        List<String> volumes = new ArrayList<>(a.volumes());
        for (String v : b.volumes()) {
            if (!volumes.contains(v)) {
                volumes.add(v);
            }
        }
        return new InstalledFilter(a.name(),
                a.altitude() != null ? a.altitude() : b.altitude(),
                a.frame() != null ? a.frame() : b.frame(),
                a.legacy() || b.legacy(),
                a.instances() != null ? a.instances() : b.instances(),
                volumes,
                a.altitude() != null || b.altitude() == null ? a.source() : b.source());
    }

    /** {@code sc query} gives the state, {@code sc qc} the configuration: keep both. */
    private static ServiceConfig joinService(ServiceConfig a, ServiceConfig b) {
        return new ServiceConfig(a.name(), first(a.type(), b.type()), first(a.typeName(), b.typeName()),
                first(a.state(), b.state()), first(a.startType(), b.startType()),
                first(a.binaryPath(), b.binaryPath()), first(a.loadOrderGroup(), b.loadOrderGroup()),
                first(a.displayName(), b.displayName()), first(a.dependencies(), b.dependencies()));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    /** Collects one file's facts while it is read. */
    public static final class Builder {
        public final List<String> servicingLogs = new ArrayList<>();
        public final List<CbsSession> cbsSessions = new ArrayList<>();
        public final List<String> packages = new ArrayList<>();
        public final List<String> kbNumbers = new ArrayList<>();
        public final List<ExecuteStateChange> executeStates = new ArrayList<>();
        public final List<DriverOperationResult> driverOperations = new ArrayList<>();
        public final List<ServicingFailure> failures = new ArrayList<>();
        public final List<ProcessingOutcome> outcomes = new ArrayList<>();
        public ZoneOffset cbsUtcOffset;
        public final List<ServicingEvent> events = new ArrayList<>();
        public final List<SetupapiBootSession> bootSessions = new ArrayList<>();
        public final List<InstalledFilter> filters = new ArrayList<>();
        public final List<ServiceConfig> services = new ArrayList<>();
        public final List<DriverPackage> drivers = new ArrayList<>();

        public ServicingFacts build() {
            return new ServicingFacts(servicingLogs, cbsSessions, packages, kbNumbers, executeStates, driverOperations,
                    failures, outcomes, cbsUtcOffset, events, bootSessions, filters, services, drivers);
        }
    }
}
