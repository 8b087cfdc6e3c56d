package io.lockscope.report;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.analysis.ShareAccess;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Paths;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.Truncation;
import io.lockscope.model.TraceTime;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingEvent;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Filter;
import io.lockscope.report.model.Finding;
import io.lockscope.report.model.Picture;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;
import io.lockscope.report.model.Servicing;
import io.lockscope.report.model.Verdict;
import io.lockscope.rules.Blame;
import io.lockscope.rules.Culprit;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Diagnosis;
import io.lockscope.rules.Args;
import io.lockscope.rules.TimeRef;
import io.lockscope.rules.VerdictKind;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a {@link Diagnosis} into the worded {@link Report} in one language. All wording and time
 * formatting happens here; the analysis never formats and the renderers never compute.
 */
public final class ReportBuilder {
    /** Events shown per target path in the sequences; the rest is left to {@code lockscope timeline}. */
    static final int MAX_SEQUENCE_EVENTS = 400;
    /** Lanes in the timeline picture. */
    static final int MAX_LANES = 14;

    private final Diagnosis diagnosis;
    private final CaseFacts facts;
    private final Words words;
    private final HolderWords holderWords;
    private final List<Report.Input> inputs;
    private final List<String> notes = new ArrayList<>();

    private ReportBuilder(Diagnosis diagnosis, List<Report.Input> servicingInputs, String lang) {
        this.diagnosis = diagnosis;
        this.facts = diagnosis.facts();
        this.words = new Words(lang);
        this.holderWords = new HolderWords(words);
        List<Report.Input> all = new ArrayList<>();
        for (TraceFacts tf : facts.traces()) {
            Trace t = tf.trace();
            all.add(new Report.Input(t.source(), t.format(), t.size(), t.report().skippedTotal(), t.report().warnings(),
                    TraceTime.clock(t.timeBase(), t.zone()), truncation(t.report().truncation())));
        }
        all.addAll(servicingInputs);
        this.inputs = List.copyOf(all);
    }

    /** A report of traces only. */
    public static Report build(Diagnosis diagnosis, String lang, String toolVersion) {
        return build(diagnosis, List.of(), lang, toolVersion);
    }

    /**
     * @param servicingInputs the servicing logs of the case, numbered after the traces in the
     *                        report's inputs (trace evidence keeps its input index)
     */
    public static Report build(Diagnosis diagnosis, List<Report.Input> servicingInputs, String lang, String toolVersion) {
        return new ReportBuilder(diagnosis, servicingInputs, lang).build(toolVersion);
    }

    /** The report's note that {@code skipped} was left out as an export of the capture {@code used} holds. */
    public static String sameCaptureNote(String lang, String skipped, String used) {
        return new Words(lang).get("note.same-capture", skipped, used);
    }

    private Report build(String toolVersion) {
        List<Failure> failures = facts.allFailures().stream().map(this::failure).toList();
        return new Report(Report.SCHEMA_VERSION, new Report.Tool("lockscope", toolVersion), words.lang(), inputs,
                target(), caveatForCutTraces(verdict()), failures, findings(), sequences(), servicing(), filters(), picture(),
                List.copyOf(notes));
    }

    // ---- servicing logs and filters

    private Servicing servicing() {
        ServicingFacts s = facts.servicing();
        if (!s.hasServicingLog()) {
            return null;
        }
        List<Servicing.Event> events = new ArrayList<>();
        for (ServicingEvent e : s.events()) {
            events.add(new Servicing.Event(e.time() == null ? null : e.time().toString(), traceOffset(e.time()),
                    e.source().id(), inputIndex(e.input()), e.line(), e.text()));
        }
        return new Servicing(s.failingInf(), s.hresultText(), s.hresultName(), s.phase() == null ? null : s.phase().label(),
                s.queue() == null ? null : s.queue().id(),
                s.rollback(), s.failureSource(), s.kbNumbers(), s.driverUpdateOrder(), s.failingInfIsFirstChanged(),
                events);
    }

    /** Where a servicing log's local time falls on the first trace's time line (seconds), or null. */
    private Double traceOffset(LocalDateTime local) {
        Long ticks = facts.traceTicks(local);
        return ticks == null ? null : offset(facts.trace(0), ticks);
    }

    /** Installed filters (fltmc, FilterList.log) and the known filters among the traces' kernel modules. */
    private List<Filter> filters() {
        List<Filter> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InstalledFilter f : facts.servicing().filters()) {
            Attribution.FilterFacts known = facts.attribution().describe(f);
            out.add(new Filter(f.name(), f.altitude(), known.group(), known.vendor(), f.instances(),
                    Boolean.TRUE.equals(known.thirdParty()), f.source().id()));
            seen.add(filterName(f.name()));
        }
        boolean moduleListRead = false;
        for (TraceFacts tf : facts.traces()) {
            ProcessInfo system = tf.trace().processes().system();
            if (system == null || system.modules().isEmpty()) {
                continue;
            }
            moduleListRead = true;
            for (io.lockscope.model.Module m : system.modules()) {
                Attribution.Driver d = facts.attribution().driver(m.fileName());
                String name = m.fileName();
                // a known driver that is no filter (ntoskrnl.exe) has neither altitude nor load order group
                boolean filter = d != null && (d.altitude() != null || d.group() != null);
                if (!filter || !seen.add(filterName(name))) {
                    continue;
                }
                out.add(new Filter(name, d.altitude(), d.group(), d.vendor(), null,
                        !facts.attribution().isMicrosoft(name, m.company()), "trace"));
            }
        }
        return out.isEmpty() && !moduleListRead && facts.servicing().filters().isEmpty() ? null : out;
    }

    /** fltmc names a filter "tmevtmgr", a trace its module "tmevtmgr.sys": one filter, one row. */
    private static String filterName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".sys") ? lower.substring(0, lower.length() - 4) : lower;
    }

    private int inputIndex(String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).path().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Report.Target target() {
        Set<String> paths = new LinkedHashSet<>();
        for (FailureFacts f : facts.allFailures()) {
            paths.add(facts.trace(f.input()).events().path(f.event()));
        }
        return new Report.Target(facts.targetNames(), facts.targetSource().id(), List.copyOf(paths));
    }

    // ---- verdict

    private Verdict verdict() {
        Diagnosis.Verdict v = diagnosis.verdict();
        String kind = v.kind().id();
        String reason = words.get(v.reason().key());
        if (v.blame() == null) {
            String recommendation = v.kind() == VerdictKind.SERVICING_FAILURE ? servicingRecommendation()
                    : words.get("recommend." + kind);
            return new Verdict(kind, unblamedHeadline(v.kind()), unblamedSummary(v.kind()), v.confidence().id(), reason,
                    List.of(), recommendation);
        }
        List<Verdict.Culprit> culprits = v.culprits().stream().map(this::culprit).toList();
        String summary = blamedSummary(v.blame(), culprits.isEmpty() ? null : culprits.get(0));
        if (culprits.size() > 1) {
            summary += words.get("verdict.also-blocking", String.join(words.get("list.separator"),
                    v.culprits().subList(1, v.culprits().size()).stream().map(this::blocker).toList()));
        }
        String recommendation = v.kind() == VerdictKind.REGISTRY_FAILURE && culprits.isEmpty()
                ? words.get("recommend.registry-failure")
                : words.sentences(Stream.concat(culprits.stream().map(Verdict.Culprit::advice).distinct(),
                Stream.of(words.get("recommend.then-retry"))).toList());
        return new Verdict(kind, blamedHeadline(v.blame(), v.culprits()), summary, v.confidence().id(), reason, culprits,
                recommendation);
    }

    /** "ntrtscan.exe (pid 1880, open handle) blocked oposdrv.dll": who, how, and the file, in one line. */
    private String blamedHeadline(Blame blame, List<Culprit> culprits) {
        if (culprits.isEmpty()) {
            return words.get("headline.registry-failure", resultAndFile(blame.failure()));
        }
        String blocker = blocker(culprits.get(0));
        if (culprits.get(0).process() == null) {
            // "filter driver x" begins the line here (a process name is kept as it is spelled)
            blocker = Character.toUpperCase(blocker.charAt(0)) + blocker.substring(1);
        }
        String headline = words.get("headline.blocked", blocker, resultAndFile(blame.failure())[1]);
        return culprits.size() == 1 ? headline : headline + words.get("headline.more-blockers",
                Integer.toString(culprits.size() - 1));
    }

    private String unblamedHeadline(VerdictKind kind) {
        List<FailureFacts> failures = facts.allFailures();
        return switch (kind) {
            case SERVICING_FAILURE -> words.get(facts.traces().isEmpty() ? "headline.servicing-failure.no-trace"
                    : "headline.servicing-failure.not-in-trace", nz(facts.servicing().hresultWithName()));
            case NO_FAILURE -> words.get("headline.no-failure");
            default -> failures.isEmpty()
                    ? words.get(facts.targetMatchesNothing() ? "headline.target-unmatched" : "headline.no-servicing")
                    : words.get("headline.unexplained", resultAndFile(failures.get(0)));
        };
    }

    /**
     * The failure's result ("ACCESS DENIED") and what it failed on: a file's name, or a registry key's
     * whole path (its last part, a value name such as "Active", would say nothing alone).
     */
    private Object[] resultAndFile(FailureFacts f) {
        EventStore e = facts.trace(f.input()).events();
        String path = e.path(f.event());
        return new Object[] {NtStatus.name(e.result(f.event())),
                e.eventClass(f.event()) == EventClass.REGISTRY ? path : Paths.fileName(path)};
    }

    private Verdict.Culprit culprit(Culprit c) {
        return new Verdict.Culprit(c.process(), c.pid(), c.imagePath(), c.company(), c.vendor(), c.product(),
                c.driver(), c.altitude(), c.mechanism().id(), c.confidence().id(), advice(c));
    }

    /** "WmiPrvSE.exe (pid 2212, handle)", or the driver's name for a filter that holds nothing. */
    private String blocker(Culprit c) {
        String how = words.get("mechanism." + c.mechanism().id());
        return c.process() == null ? words.get("verdict.blocker.driver", c.driver(), how)
                : words.get("verdict.blocker.process", c.process(), Integer.toString(c.pid()), how);
    }

    /**
     * The culprit's advice: {0} who (vendor and product, else the company, else the process or driver),
     * {1} image path, {2} company, {3} the process, or the driver when no process holds the file.
     */
    private String advice(Culprit c) {
        String product = c.product() != null ? (c.vendor() == null ? c.product() : c.vendor() + " " + c.product())
                : c.vendor() != null ? c.vendor() : c.company();
        String who = product != null ? product : c.process() != null ? c.process() : c.driver();
        String advice = words.get(c.advice().key(), who, nz(c.imagePath()), nz(c.company()),
                c.process() == null ? nz(c.driver()) : c.process());
        return c.vendorAdvice() == null ? advice : advice + words.get(c.vendorAdvice().key());
    }

    private String unblamedSummary(VerdictKind kind) {
        if (kind == VerdictKind.SERVICING_FAILURE) {
            return servicingFailureSummary();
        }
        if (kind == VerdictKind.NO_FAILURE) {
            long events = facts.traces().stream().filter(t -> t.window() != null).mapToLong(t -> t.window().events()).sum();
            return words.get("verdict.no-failure", Long.toString(events));
        }
        List<FailureFacts> failures = facts.allFailures();
        if (failures.isEmpty()) {
            return facts.targetMatchesNothing() ? words.get("verdict.inconclusive.target-unmatched", list(facts.targetNames()))
                    : words.get("verdict.inconclusive.no-servicing");
        }
        FailureFacts f = failures.get(0);
        return words.get("verdict.inconclusive.failure", eventArgs(f.input(), f.event()).toArray());
    }

    /**
     * What the servicing logs say failed — where, phase, queue, INF, HRESULT, rollback — and why no
     * trace shows it.
     */
    private String servicingFailureSummary() {
        ServicingFacts s = facts.servicing();
        ServicingFailure f = s.failure();
        String where = f == null ? list(s.servicingLogs()) : words.get("verdict.servicing-failure.line",
                f.input(), Long.toString(f.line()));
        String phase = words.get("phase." + (s.phase() == null ? "unknown" : s.phase().name()));
        String queue = s.queue() == null ? "" : words.get("verdict.servicing-failure.queue",
                words.get("queue." + s.queue().id()));
        String inf = s.failingInf() == null ? "" : words.get("verdict.servicing-failure.inf", s.failingInf());
        String rollback = Boolean.TRUE.equals(s.rollback()) ? words.get("verdict.servicing-failure.rollback") : "";
        String traces = words.get(facts.traces().isEmpty() ? "verdict.servicing-failure.no-trace"
                : "verdict.servicing-failure.not-in-trace");
        return words.get("verdict.servicing-failure", where, phase, queue, inf, s.hresultWithName(), rollback, traces);
    }

    /**
     * What to capture next: a {@code Shtd:} failure happened before the reboot, so only a boot log armed
     * one boot earlier covers it (lock-semantics.md §2.1).
     */
    private String servicingRecommendation() {
        ServicingPhase phase = facts.servicing().phase();
        return words.get(phase == ServicingPhase.SHUTDOWN ? "recommend.servicing-failure.shutdown"
                : "recommend.servicing-failure");
    }

    private String blamedSummary(Blame b, Verdict.Culprit culprit) {
        FailureFacts f = b.failure();
        List<Object> args = eventArgs(f.input(), f.event());
        switch (b.kind()) {
            case LOCK_HOLDER -> {
                Hold h = b.holder();
                Trace t = facts.trace(f.input());
                ProcessInfo holder = t.processes().get(h.processKey());
                FailureFacts.HolderFinding finding = f.blocking().stream().filter(x -> x.hold().equals(h)).findFirst()
                        .orElseThrow();
                args.add(Spelling.access(f.requestAccess()));
                args.add(holder.name());
                args.add(Integer.toString(holder.pid()));
                args.add(Spelling.access(h.access()));
                args.add(Spelling.share(h.share()));
                args.add(time(f.input(), t.events().time(h.startEvent())).text());
                args.add(holderWords.conflict(f, finding));
                args.add(driverClause(culprit, b.driver() != null));
                args.add(f.renameTarget() == null ? "" : f.renameTarget());
                String sentence = words.get("verdict.lock-holder." + b.mechanism().name(), args.toArray());
                String heldAs = t.events().path(h.startEvent());
                String blocked = f.renameTarget() != null ? f.renameTarget() : t.events().path(f.event());
                if (!Paths.normalize(heldAs).equals(Paths.normalize(blocked))
                        && (finding.linkPresumed() || h.kind() == Hold.Kind.HANDLE)) {
                    return sentence + words.get(finding.linkPresumed() ? "verdict.presumed-link" : "verdict.other-link",
                            heldAs);
                }
                return sentence;
            }
            case FILTER_INTERFERENCE -> {
                FailureFacts.StackDriver d = b.driver();
                args.add(d.module());
                args.add(driverDetails(culprit));
                EventStore e = facts.trace(f.input()).events();
                if (d.seen() == FailureFacts.Seen.FILTER_CALLBACK) {
                    args.add(NtStatus.name(e.result(d.event())));
                    return words.get("verdict.filter-interference.callback", args.toArray());
                }
                args.add(list(d.frames()));
                return words.get("verdict.filter-interference." + d.seen().name(), args.toArray());
            }
            default -> {
                return words.get("verdict.registry-failure", args.toArray());
            }
        }
    }

    /** @param seenOnTheFile the driver was seen in I/O on the file (else it is only listed as loaded) */
    private String driverClause(Verdict.Culprit c, boolean seenOnTheFile) {
        if (c == null || c.driver() == null) {
            return "";
        }
        String key = seenOnTheFile ? "verdict.driver-clause" : "verdict.driver-clause.loaded";
        return words.get(key, c.vendor() != null ? c.vendor() : c.process(), c.driver(),
                c.altitude() == null ? "" : words.get("verdict.altitude", c.altitude()));
    }

    private String driverDetails(Verdict.Culprit c) {
        if (c == null || c.altitude() == null) {
            return "";
        }
        return words.get("verdict.driver-details", c.altitude(),
                c.vendor() == null ? "" : words.get("verdict.vendor-details", c.vendor()));
    }

    // ---- failures

    private Failure failure(FailureFacts f) {
        Trace t = facts.trace(f.input());
        EventStore e = t.events();
        ProcessInfo p = t.process(f.event());
        List<Failure.Holder> blocking = f.blocking().stream().map(h -> holder(f, h)).toList();
        List<Failure.Holder> ruledOut = f.ruledOut().stream().map(h -> holder(f, h)).toList();
        if (f.blocking().stream().anyMatch(h -> h.hold().pairingInferred())) {
            addNote(words.get("note.pairing"));
        }
        int result = e.result(f.event());
        return new Failure(time(f.input(), e.time(f.event())), p.name(), p.pid(), e.operationName(f.event()),
                e.path(f.event()), NtStatus.name(result), String.format("0x%08X", result),
                new Failure.Requested(Spelling.access(f.requestAccess()), Spelling.share(f.requestShare())),
                blocking, ruledOut, HolderWords.filterDrivers(f), List.of(new Report.Evidence(f.input(), f.event())));
    }

    private Failure.Holder holder(FailureFacts f, FailureFacts.HolderFinding h) {
        Trace t = facts.trace(f.input());
        Hold hold = h.hold();
        ProcessInfo p = t.processes().get(hold.processKey());
        Report.Time closed = hold.endEvent() < 0 ? null : time(f.input(), t.events().time(hold.endEvent()));
        List<Report.Evidence> evidence = new ArrayList<>();
        evidence.add(new Report.Evidence(f.input(), hold.startEvent()));
        if (hold.endEvent() >= 0) {
            evidence.add(new Report.Evidence(f.input(), hold.endEvent()));
        }
        return new Failure.Holder(p.name(), p.pid(), time(f.input(), t.events().time(hold.startEvent())), closed,
                hold.kind() == Hold.Kind.HANDLE ? Spelling.access(hold.access()) : null,
                hold.kind() == Hold.Kind.HANDLE ? Spelling.share(hold.share()) : null,
                holderWords.why(f, h, closed == null ? null : closed.text()), holderWords.how(hold.kind()),
                hold.pairingInferred(), evidence);
    }

    // ---- findings

    private List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (io.lockscope.rules.Finding f : diagnosis.findings()) {
            Object[] args = f.args().stream().map(this::argText).toArray();
            out.add(new Finding(f.rule(), f.severity().name().toLowerCase(), words.get(f.key(), args),
                    f.evidence().stream().map(x -> new Report.Evidence(x.input(), x.index())).toList()));
        }
        return out;
    }

    private String argText(Object arg) {
        if (arg instanceof TimeRef t) {
            return time(t.input(), t.ticks()).text();
        }
        if (arg instanceof Hold.Kind k) {
            return holderWords.how(k);
        }
        if (arg instanceof Mechanism m) {
            return words.get("mechanism." + m.id());
        }
        if (arg instanceof ShareAccess.Reason r) {
            return holderWords.reason(r);
        }
        if (arg instanceof Args.Described d) {
            return words.get("list.aside", d.name(), list(d.details()));
        }
        if (arg instanceof Args.Names n) {
            return list(n.names());
        }
        if (arg instanceof Collection<?> c) {
            return String.join(words.get("list.separator"), c.stream().map(this::argText).toList());
        }
        return String.valueOf(arg);
    }

    /** Names as a list in the report's language: "a, b", in Chinese "a，b". */
    private String list(List<String> names) {
        return String.join(words.get("list.comma"), names);
    }

    // ---- sequences

    private Sequences sequences() {
        Map<String, List<Sequences.Event>> files = new LinkedHashMap<>();
        Map<String, List<Sequences.Event>> keys = new LinkedHashMap<>();
        for (TraceFacts tf : facts.traces()) {
            if (tf.window() == null || facts.targetNames().isEmpty()) {
                continue;
            }
            Trace t = tf.trace();
            EventStore e = t.events();
            for (int i = tf.window().firstEvent(); i <= tf.window().lastEvent(); i++) {
                if (!tf.targets().isTarget(e.pathId(i))) {
                    continue;
                }
                String path = t.strings().get(tf.targets().canonical(e.pathId(i)));
                Map<String, List<Sequences.Event>> into = e.eventClass(i) == EventClass.REGISTRY ? keys : files;
                List<Sequences.Event> list = into.computeIfAbsent(path, k -> new ArrayList<>());
                if (list.size() == MAX_SEQUENCE_EVENTS) {
                    addNote(words.get("note.sequence-cut", path, Integer.toString(MAX_SEQUENCE_EVENTS)));
                    continue;
                } else if (list.size() > MAX_SEQUENCE_EVENTS) {
                    continue;
                }
                ProcessInfo p = t.process(i);
                list.add(new Sequences.Event(time(tf.input(), e.time(i)), p.name(), p.pid(), e.operationName(i),
                        NtStatus.name(e.result(i)), DetailFormat.render(e.operation(i), e.detail(i), NumberStyle.EN_US),
                        tf.input(), i));
            }
        }
        return new Sequences(pathSequences(files), pathSequences(keys));
    }

    private static List<Sequences.PathSequence> pathSequences(Map<String, List<Sequences.Event>> m) {
        return m.entrySet().stream().map(en -> new Sequences.PathSequence(en.getKey(), List.copyOf(en.getValue())))
                .toList();
    }

    // ---- picture

    private Picture picture() {
        List<FailureFacts> failures = facts.allFailures();
        if (failures.isEmpty()) {
            return null;
        }
        int input = failures.get(0).input();
        TraceFacts tf = facts.traces().get(input);
        Trace t = tf.trace();
        Map<Integer, List<Picture.Bar>> bars = new LinkedHashMap<>();
        Map<Integer, String> roles = new LinkedHashMap<>();
        List<Picture.Mark> marks = new ArrayList<>();
        double axisEnd = offset(t, t.events().time(t.size() - 1));
        for (FailureFacts f : failures) {
            if (f.input() != input) {
                continue;
            }
            int failingKey = t.events().processKey(f.event());
            roles.putIfAbsent(failingKey, "servicing");
            bars.computeIfAbsent(failingKey, k -> new ArrayList<>());
            // every holder that blocks a failure is a culprit, as in the holders table and the verdict's culprits
            for (FailureFacts.HolderFinding h : f.blocking()) {
                addBar(t, bars, roles, h, "culprit", axisEnd);
            }
            for (FailureFacts.HolderFinding h : f.ruledOut()) {
                addBar(t, bars, roles, h, "ruled-out", axisEnd);
            }
        }
        List<Integer> keys = new ArrayList<>(bars.keySet());
        keys.sort((x, y) -> Integer.compare(rank(roles.get(x)), rank(roles.get(y))));
        if (keys.size() > MAX_LANES) {
            keys = keys.subList(0, MAX_LANES);
        }
        List<Picture.Lane> lanes = new ArrayList<>();
        for (int key : keys) {
            ProcessInfo p = t.processes().get(key);
            lanes.add(new Picture.Lane(p.name() + " (" + p.pid() + ")", roles.get(key), List.copyOf(bars.get(key))));
        }
        double from = Double.MAX_VALUE;
        double to = 0;
        for (FailureFacts f : failures) {
            if (f.input() != input) {
                continue;
            }
            double at = offset(t, t.events().time(f.event()));
            int lane = keys.indexOf(t.events().processKey(f.event()));
            marks.add(new Picture.Mark(at, lane, t.events().operationName(f.event()) + " " + NtStatus.name(t.events().result(f.event()))
                    + " — " + t.events().path(f.event())));
            from = Math.min(from, at);
            to = Math.max(to, at);
        }
        for (Picture.Lane lane : lanes) {
            for (Picture.Bar bar : lane.bars()) {
                from = Math.min(from, bar.start());
                to = Math.max(to, bar.openAtEnd() ? to : bar.end());
            }
        }
        double pad = Math.max(0.5, (to - from) * 0.08);
        return new Picture(Math.max(0, from - pad), Math.min(axisEnd, to + pad) > from ? to + pad : axisEnd, lanes, marks,
                time(input, t.events().time(0)).text(), TraceTime.clock(t.timeBase(), t.zone()));
    }

    private void addBar(Trace t, Map<Integer, List<Picture.Bar>> bars, Map<Integer, String> roles,
                        FailureFacts.HolderFinding h, String role, double axisEnd) {
        Hold hold = h.hold();
        roles.merge(hold.processKey(), role, (a, b) -> rank(a) <= rank(b) ? a : b);
        double start = offset(t, t.events().time(hold.startEvent()));
        double end = hold.endEvent() < 0 ? axisEnd : offset(t, t.events().time(hold.endEvent()));
        Picture.Bar bar = new Picture.Bar(start, end, hold.endEvent() < 0, holderWords.how(hold.kind()),
                barLabel(hold));
        List<Picture.Bar> list = bars.computeIfAbsent(hold.processKey(), k -> new ArrayList<>());
        if (!list.contains(bar)) {
            list.add(bar);
        }
    }

    private String barLabel(Hold hold) {
        if (hold.kind() != Hold.Kind.HANDLE) {
            return holderWords.how(hold.kind());
        }
        return Spelling.access(hold.access()) + " / " + Spelling.share(hold.share());
    }

    private static int rank(String role) {
        return switch (role) {
            case "culprit" -> 0;
            case "servicing" -> 1;
            default -> 2;
        };
    }

    // ---- helpers

    /** Process, PID, path, time and result of an event, as message arguments (see {@link Args#event}). */
    private List<Object> eventArgs(int input, int event) {
        List<Object> args = new ArrayList<>();
        Args.event(facts, input, event).forEach(a -> args.add(argText(a)));
        return args;
    }

    private Report.Time time(int input, long ticks) {
        return time(facts.trace(input), ticks);
    }

    /** A moment of {@code t} as the reports give it: its text on the trace's clock and seconds from its start. */
    static Report.Time time(Trace t, long ticks) {
        return new Report.Time(TraceTime.format(t, ticks), offset(t, ticks));
    }

    private static double offset(Trace t, long ticks) {
        long first = t.size() == 0 ? ticks : t.events().time(0);
        return Math.round(TraceTime.seconds(ticks - first) * 1e7) / 1e7;
    }

    private Report.Truncation truncation(Truncation cut) {
        if (cut == null) {
            return null;
        }
        String unit = cut.unit().name().toLowerCase(Locale.ROOT);
        return new Report.Truncation(unit, cut.position(), cut.recordsLost(), cut.lowerBound(),
                words.get(cut.lowerBound() ? "truncated.at-least" : "truncated.estimate",
                        words.get("truncated.unit." + unit, cut.position()), cut.recordsLost()));
    }

    /**
     * The verdict rests on what was read: when a trace was cut short, the failure, or the holder's
     * opening of the file, may lie in the lost part; the verdict says so, naming where each was cut.
     */
    private Verdict caveatForCutTraces(Verdict verdict) {
        List<String> cuts = new ArrayList<>();
        for (TraceFacts tf : facts.traces()) {
            Truncation cut = tf.trace().report().truncation();
            if (cut != null) {
                cuts.add(words.get("truncated.where", tf.trace().source(), words.get("truncated.unit." + cut.unit().name()
                        .toLowerCase(Locale.ROOT), cut.position())));
            }
        }
        if (cuts.isEmpty()) {
            return verdict;
        }
        String caveat = words.get("verdict.truncated", String.join(words.get("list.separator"), cuts));
        return new Verdict(verdict.kind(), verdict.headline(), words.sentences(List.of(verdict.summary(), caveat)), verdict.confidence(),
                verdict.confidenceReason(), verdict.culprits(), verdict.recommendation());
    }

    private void addNote(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }
}
