package io.lockscope.cli;

import io.lockscope.analysis.FailureAnalysis;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.analysis.ShareAccess;
import io.lockscope.analysis.Targets;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.report.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "holders", mixinStandardHelpOptions = true, description = {
        "Who had a file open at a moment, or at each failure on it, with share-mode conflicts explained.",
        "",
        "Examples:",
        "  lockscope holders boot_log.pml --path '*\\oposdrv.dll'",
        "  lockscope holders boot_log.pml --path '*\\oposdrv.dll' --at 00:00:41.2"})
final class HoldersCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--path", paramLabel = "GLOB", required = true, description = "File path glob, case-insensitive.")
    String path;

    @Option(names = "--at", paramLabel = "T", converter = TimeArgument.Converter.class, description = "HH:MM:SS[.fffffff], ISO-8601 or +12.5s; default: at each failure.")
    TimeArgument at;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        for (int i = 0; i < loaded.traces().size(); i++) {
            Trace trace = loaded.traces().get(i);
            Targets targets = Targets.select(trace, List.of(path), Targets.Source.USER);
            FailureAnalysis analysis = new FailureAnalysis(trace, i, targets, Knowledge.attribution(), false);
            out.printf("%s%n", trace.source());
            if (at != null) {
                printAt(out, trace, targets, analysis, at.on(trace));
            } else {
                List<FailureFacts> failures = analysis.failures();
                if (failures.isEmpty()) {
                    out.printf("  no failed operation on %s; give --at T to see who had it open then%n", path);
                }
                failures.forEach(f -> printFailure(out, trace, f));
            }
        }
        out.flush();
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }

    private static void printAt(PrintWriter out, Trace trace, Targets targets, FailureAnalysis analysis, long t) {
        EventStore e = trace.events();
        out.printf("  open at %s:%n", TraceTime.format(trace, t));
        Set<Integer> seenPaths = new java.util.TreeSet<>();
        targets.pathIds().stream().map(targets::canonical).forEach(seenPaths::add);
        int shown = 0;
        for (int p : seenPaths) {
            for (Hold h : analysis.holds().onPath(p)) {
                boolean started = e.time(h.startEvent()) <= t;
                boolean ended = h.endEvent() >= 0 && e.time(h.endEvent()) <= t;
                if (started && !ended) {
                    out.printf("    %s%n", describe(trace, h));
                    shown++;
                }
            }
        }
        if (shown == 0) {
            out.println("    nobody");
        }
    }

    private static void printFailure(PrintWriter out, Trace trace, FailureFacts f) {
        EventStore e = trace.events();
        ProcessInfo p = trace.process(f.event());
        out.printf("  %s  %s (pid %d) %s %s -> %s%n", TraceTime.format(trace, e.time(f.event())), p.name(), p.pid(),
                e.operationName(f.event()), e.path(f.event()), NtStatus.name(e.result(f.event())));
        if (f.requestAccess() != -1) {
            out.printf("    asked for %s, sharing %s%n", Spelling.access(f.requestAccess()), Spelling.share(f.requestShare()));
        }
        if (f.blocking().isEmpty()) {
            out.println("    blocking: nobody in this input");
        }
        for (FailureFacts.HolderFinding h : f.blocking()) {
            out.printf("    BLOCKING   %s — %s%n", describe(trace, h.hold()), why(h));
        }
        for (FailureFacts.HolderFinding h : f.ruledOut()) {
            out.printf("    ruled out  %s — %s%n", describe(trace, h.hold()), h.ruledOut().name().toLowerCase().replace('_', ' '));
        }
        for (FailureFacts.StackDriver d : f.drivers()) {
            String where = switch (d.seen()) {
                case FAILING_STACK -> "in the failing stack";
                case NESTED_IO -> "in I/O of the failing thread just before";
                case OTHER_IO -> "in stacks of other I/O on the file";
                case FILTER_CALLBACK -> "its callback failed the I/O";
            };
            out.printf("    filter     %s%s (%s%s)%n", d.module(), d.known() == null ? "" : " altitude " + d.known().altitude(),
                    where, d.frames().isEmpty() ? "" : ": " + String.join(", ", d.frames()));
        }
    }

    private static String describe(Trace trace, Hold h) {
        EventStore e = trace.events();
        ProcessInfo p = trace.processes().get(h.processKey());
        String how = h.kind() == Hold.Kind.HANDLE
                ? "handle " + Spelling.access(h.access()) + ", sharing " + Spelling.share(h.share())
                : h.kind().name().toLowerCase().replace('_', ' ');
        String until = h.endEvent() < 0 ? "still open at the end" : "until " + TraceTime.format(trace, e.time(h.endEvent()));
        return String.format("%s (pid %d) %s on %s since %s, %s%s [events %d..%s]", p.name(), p.pid(), how,
                e.path(h.startEvent()), TraceTime.format(trace, e.time(h.startEvent())), until,
                h.pairingInferred() ? " (pairing inferred)" : "", h.startEvent(), h.endEvent() < 0 ? "" : h.endEvent());
    }

    private static String why(FailureFacts.HolderFinding h) {
        if (h.accessUnknown()) {
            return "open at the failure; its access and share mode are not in this input";
        }
        if (h.conflicts().isEmpty()) {
            return h.hold().kind().name().toLowerCase().replace('_', ' ');
        }
        List<String> parts = new ArrayList<>();
        for (ShareAccess.Reason r : h.conflicts()) {
            String kind = r.kind().name().charAt(0) + r.kind().name().substring(1).toLowerCase();
            parts.add(r.side() == ShareAccess.Side.HOLDER_DOES_NOT_SHARE ? "holder does not share " + kind
                    : "holder has " + kind + " access, which the request does not share");
        }
        return String.join("; ", parts);
    }
}
