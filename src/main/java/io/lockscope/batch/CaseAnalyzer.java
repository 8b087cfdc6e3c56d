package io.lockscope.batch;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.CaseFacts;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.SameCapture;
import io.lockscope.ingest.archive.ArchiveLimits;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.kit.KitInventory;
import io.lockscope.model.TraceTime;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.report.ReportBuilder;
import io.lockscope.report.model.Report;
import io.lockscope.rules.Diagnosis;
import io.lockscope.rules.Rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One case from inputs to report: read every input, analyse, run the rules, word the report. What
 * {@code analyze} does for one case and {@code batch} does for each.
 */
public final class CaseAnalyzer {
    /**
     * @param loaded    what was read (unrecognised files and per-file errors included)
     * @param diagnosis the rules' outcome and verdict
     * @param report    the worded report
     */
    public record Result(CaseInputs.Loaded loaded, Diagnosis diagnosis, Report report) {
    }

    private final ReadOptions readOptions;
    private final List<String> targets;
    private final Attribution attribution;
    private final String lang;
    private final String toolVersion;
    private final ArchiveLimits archiveLimits;

    public CaseAnalyzer(ReadOptions readOptions, List<String> targets, Attribution attribution, String lang,
                        String toolVersion) {
        this(readOptions, targets, attribution, lang, toolVersion, ArchiveLimits.DEFAULT);
    }

    /** @param archiveLimits the limits uploaded archives are expanded under */
    public CaseAnalyzer(ReadOptions readOptions, List<String> targets, Attribution attribution, String lang,
                        String toolVersion, ArchiveLimits archiveLimits) {
        this.readOptions = readOptions;
        this.targets = List.copyOf(targets);
        this.attribution = attribution;
        this.lang = lang;
        this.toolVersion = toolVersion;
        this.archiveLimits = archiveLimits;
    }

    public Result analyze(List<Path> inputs) throws BadInputException, IOException {
        return analyze(CaseInputs.load(inputs, readOptions, archiveLimits));
    }

    /** The version of lockscope named in the reports. */
    public String toolVersion() {
        return toolVersion;
    }

    /** The language of the reports: en or zh-CN. */
    public String lang() {
        return lang;
    }

    public Result analyze(CaseInputs.Loaded loaded) {
        ServicingFacts servicing = ServicingFacts.merge(loaded.servicingLogs().stream().map(ServicingLog::facts).toList());
        CaseFacts facts = CaseFacts.analyse(loaded.traces(), servicing, targets, attribution);
        Diagnosis diagnosis = Rules.diagnose(facts);
        List<Report.Input> logs = loaded.servicingLogs().stream()
                .map(l -> new Report.Input(l.input(), l.format().id(), l.recognised(), l.report().skippedTotal(),
                        l.report().warnings(), clock(l, servicing)))
                .toList();
        return new Result(loaded, diagnosis, withReadNotes(ReportBuilder.build(diagnosis, logs, lang, toolVersion), loaded));
    }

    /**
     * CBS.log and setupapi.dev.log write the machine's local time; its offset is the one CBS.log reveals
     * (the logs of a case come from one machine). Filter and driver listings carry no times: null.
     */
    private static String clock(ServicingLog log, ServicingFacts servicing) {
        return log.format() == InputFormat.CBS_LOG || log.format() == InputFormat.SETUPAPI_LOG
                ? TraceTime.localClock(servicing.cbsUtcOffset()) : null;
    }

    /**
     * What was not read of the case (archive entries refused by a limit, broken files, exports of a
     * capture read in a richer form) is said in the report, and for an upload made by the capture kit,
     * which of its files were there and what each missing one costs.
     */
    private Report withReadNotes(Report report, CaseInputs.Loaded loaded) {
        List<String> notes = new ArrayList<>(report.notes());
        for (SameCapture.Copy copy : loaded.copies()) {
            notes.add(ReportBuilder.sameCaptureNote(lang, copy.skipped(), copy.used()));
        }
        notes.addAll(loaded.refused());
        notes.addAll(loaded.errors());
        KitInventory kit = KitInventory.of(fileNames(loaded));
        if (kit != null) {
            notes.addAll(kit.notes(lang));
        }
        if (notes.size() == report.notes().size()) {
            return report;
        }
        return new Report(report.schemaVersion(), report.tool(), report.lang(), report.inputs(), report.target(),
                report.verdict(), report.failures(), report.findings(), report.sequences(), report.servicing(),
                report.filters(), report.picture(), List.copyOf(notes));
    }

    private static List<String> fileNames(CaseInputs.Loaded loaded) {
        List<String> names = new ArrayList<>(loaded.unrecognised());
        loaded.traces().forEach(t -> names.add(t.source()));
        loaded.servicingLogs().forEach(l -> names.add(l.input()));
        return names;
    }
}
