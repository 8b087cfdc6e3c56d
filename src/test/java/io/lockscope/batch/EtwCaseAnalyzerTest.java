package io.lockscope.batch;

import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.generate.etw.EtlCaseGenerator.Scenario;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario verdicts of the diagnosis on native ETL (issue 6, "Must show"): generated kernel
 * traces with FileIo Create/Cleanup/Close/OpEnd, ObTrace handle events and FltIo failures, amid
 * background FileIo and Registry traffic, analysed end to end.
 */
class EtwCaseAnalyzerTest {
    @TempDir
    Path tmp;

    private Report analyze(Scenario scenario, boolean compressed) throws Exception {
        Path etl = tmp.resolve(scenario.name().toLowerCase() + (compressed ? "-x" : "") + ".etl");
        EtlCaseGenerator.write(etl, scenario, 400_000, compressed, 7);
        CaseAnalyzer.Result r = new CaseAnalyzer(ReadOptions.DEFAULT, List.of("oposdrv.dll"),
                KnowledgeAttribution.standard(), "en", "test").analyze(List.of(etl));
        Report report = r.report();
        assertEquals(1, report.inputs().size());
        assertEquals("etl", report.inputs().get(0).format());
        assertTrue(report.inputs().get(0).events() > 2_000, report.inputs().get(0).toString());
        assertEquals(0, report.inputs().get(0).skipped(), report.inputs().get(0).warnings().toString());
        return report;
    }

    private static Failure onlyFailure(Report report) {
        assertEquals(1, report.failures().size(), report.failures().toString());
        Failure f = report.failures().get(0);
        assertEquals(EtlCaseGenerator.INSTALLER_IMAGE, f.process());
        assertEquals(EtlCaseGenerator.INSTALLER, f.pid());
        return f;
    }

    @Test
    void holderByFileObjectIsTheScannerWithHighConfidence() throws Exception {
        for (boolean compressed : new boolean[]{false, true}) {
            Report report = analyze(Scenario.LOCK_HOLDER, compressed);
            Verdict v = report.verdict();
            assertEquals("lock-holder", v.kind());
            assertEquals("high", v.confidence(), v.summary());
            assertEquals(EtlCaseGenerator.SCANNER_IMAGE, v.culprit().process());
            assertEquals(EtlCaseGenerator.SCANNER, v.culprit().pid());
            assertEquals("handle", v.culprit().mechanism(), "the FILE_OBJECT's holder blocks by its handle");
            assertEquals(List.of(v.culprit()), v.culprits());
            Failure f = onlyFailure(report);
            assertEquals("SHARING VIOLATION", f.result());
            assertEquals(1, f.holders().size());
            Failure.Holder h = f.holders().get(0);
            assertEquals(EtlCaseGenerator.SCANNER_IMAGE, h.process());
            assertFalse(h.pairingInferred(), "paired by FILE_OBJECT");
            assertNotNull(h.closedAt(), "the Cleanup of the same FILE_OBJECT ended it");
            assertTrue(h.conflict().toLowerCase(java.util.Locale.ROOT).contains("does not share delete"), h.conflict());
        }
    }

    @Test
    void handleDuplicatedIntoTheScannerMakesItTheHolderNotTheOpener() throws Exception {
        Report report = analyze(Scenario.DUPLICATED_HANDLE, false);
        Verdict v = report.verdict();
        assertEquals("lock-holder", v.kind());
        assertEquals("high", v.confidence(), v.summary());
        assertEquals(EtlCaseGenerator.SCANNER_IMAGE, v.culprit().process());
        Failure f = onlyFailure(report);
        assertEquals(1, f.holders().size(), f.holders().toString());
        assertEquals(EtlCaseGenerator.SCANNER_IMAGE, f.holders().get(0).process());
        assertFalse(f.holders().get(0).pairingInferred());
        // the System worker that opened the file closed its own handle after duplicating it
        assertTrue(f.ruledOut().stream().anyMatch(h -> h.process().equals("System")), f.ruledOut().toString());
        assertTrue(v.summary().contains(EtlCaseGenerator.SCANNER_IMAGE), v.summary());
    }

    @Test
    void filterOnlyDenialIsNamedByDriverFromTheCallbackAddress() throws Exception {
        for (boolean compressed : new boolean[]{false, true}) {
            Report report = analyze(Scenario.FILTER_DENIAL, compressed);
            Verdict v = report.verdict();
            assertEquals("filter-interference", v.kind(), v.summary());
            assertEquals("high", v.confidence());
            assertEquals(EtlCaseGenerator.DRIVER, v.culprit().driver());
            assertEquals("filter-denial", v.culprit().mechanism());
            assertEquals("high", v.culprit().confidence(), "FltIo shows the callback failing the I/O: proof");
            assertTrue(v.summary().contains("failed that I/O with ACCESS DENIED"), v.summary());
            Failure f = onlyFailure(report);
            assertEquals("ACCESS DENIED", f.result());
            assertTrue(f.holders().isEmpty(), f.holders().toString());
            assertEquals(1, f.filterDrivers().size(), f.filterDrivers().toString());
            assertEquals(EtlCaseGenerator.DRIVER, f.filterDrivers().get(0).driver());
            assertEquals("filter-callback", f.filterDrivers().get(0).evidence());
            assertEquals("Trend Micro", f.filterDrivers().get(0).vendor());
            assertTrue(report.findings().stream().anyMatch(x -> x.rule().equals("filter-failed-io")
                    && x.message().contains(EtlCaseGenerator.DRIVER)), report.findings().toString());
            assertTrue(report.findings().stream().noneMatch(x -> x.rule().equals("unexplained-failure")));
        }
    }

    @Test
    void aHolderOfTheWinSxsLinkBlocksTheDriverStoreNameByTheFileKeyTheyShare() throws Exception {
        Report report = analyze(Scenario.HARD_LINK, true);
        Verdict v = report.verdict();
        assertEquals("lock-holder", v.kind(), v.summary());
        assertEquals(List.of(EtlCaseGenerator.SCANNER_IMAGE + "/handle"), culprits(v));
        assertEquals("high", v.confidence(), "the Read proves the access, the FileKey the file: " + v.summary());
        Failure f = onlyFailure(report);
        assertEquals("SHARING VIOLATION", f.result());
        assertTrue(f.path().contains("\\DriverStore\\"), f.path());
        assertEquals(EtlCaseGenerator.SCANNER_IMAGE, f.holders().get(0).process());
    }

    @Test
    void theScannersHandleKeepsTheInstallersDeletePendingUntilItCloses() throws Exception {
        Report report = analyze(Scenario.DELETE_PENDING, false);
        Verdict v = report.verdict();
        assertEquals(List.of(EtlCaseGenerator.SCANNER_IMAGE + "/pending-delete"), culprits(v));
        assertEquals("DELETE PENDING", onlyFailure(report).result());
        assertEquals("high", v.confidence(), v.summary());
    }

    @Test
    void aLoadedImageFailsTheDeleteWithNoHandleOpen() throws Exception {
        Report report = analyze(Scenario.IMAGE_SECTION, false);
        Verdict v = report.verdict();
        assertEquals(List.of(EtlCaseGenerator.POS_SERVICE_IMAGE + "/image-section"), culprits(v));
        assertEquals(EtlCaseGenerator.POS_SERVICE, v.culprit().pid());
        assertEquals("CANNOT DELETE", onlyFailure(report).result());
    }

    @Test
    void aReplacingRenameIsBlockedByTheHolderOfItsTargetHoweverItShares() throws Exception {
        Report report = analyze(Scenario.RENAME_TARGET, true);
        Verdict v = assertScannerIsTheOnlyHolder(report, "rename-target");
        assertEquals("high", v.confidence(), "MS-FSCC: an open target fails a replacing rename: " + v.summary());
        Failure f = onlyFailure(report);
        assertEquals("ACCESS DENIED", f.result());
        assertTrue(f.path().contains("\\DriverStore\\Temp\\"), "the rename fails on its source: " + f.path());
        assertTrue(f.filterDrivers().stream().noneMatch(d -> "filter-callback".equals(d.evidence())),
                "no FltIo failure: not a filter denial " + f.filterDrivers());
    }

    @Test
    void aViewLeftMappedAfterItsHandleClosedFailsTheDelete() throws Exception {
        Report report = analyze(Scenario.DATA_SECTION, false);
        assertScannerIsTheOnlyHolder(report, "data-section");
        assertTrue(report.findings().stream().anyMatch(x -> x.rule().equals("file-in-use-holder")
                && x.message().startsWith(EtlCaseGenerator.SCANNER_IMAGE) && x.message().contains("(mapped as data section)")),
                report.findings().toString());
        assertEquals("CANNOT DELETE", onlyFailure(report).result());
    }

    @Test
    void anOplockBreakDelaysTheInstallerWithoutFailingIt() throws Exception {
        Report report = analyze(Scenario.OPLOCK_DELAY, false);
        Verdict v = report.verdict();
        assertEquals("no-failure", v.kind(), v.summary());
        assertTrue(v.culprits().isEmpty(), v.culprits().toString());
        assertTrue(report.failures().isEmpty(), report.failures().toString());
        List<String> delays = report.findings().stream().filter(x -> x.rule().equals("oplock-delay"))
                .map(x -> x.message()).toList();
        assertEquals(1, delays.size(), report.findings().toString());
        assertTrue(delays.get(0).startsWith(EtlCaseGenerator.INSTALLER_IMAGE), delays.get(0));
        assertTrue(delays.get(0).contains(EtlCaseGenerator.SCANNER_IMAGE + " (pid " + EtlCaseGenerator.SCANNER + ")")
                && delays.get(0).contains("FSCTL_REQUEST_FILTER_OPLOCK"), delays.get(0));
    }

    /**
     * Checks that the scanner, by {@code mechanism}, is the verdict's only culprit and the only holder
     * of the failure (a handle it closed earlier is none); the verdict.
     */
    private static Verdict assertScannerIsTheOnlyHolder(Report report, String mechanism) {
        Verdict v = report.verdict();
        assertEquals("lock-holder", v.kind(), v.summary());
        assertEquals(List.of(EtlCaseGenerator.SCANNER_IMAGE + "/" + mechanism), culprits(v));
        assertEquals(EtlCaseGenerator.SCANNER, v.culprit().pid());
        List<Failure.Holder> holders = onlyFailure(report).holders();
        assertEquals(1, holders.size(), holders.toString());
        assertEquals(EtlCaseGenerator.SCANNER_IMAGE, holders.get(0).process());
        return v;
    }

    private static List<String> culprits(Verdict v) {
        return v.culprits().stream().map(c -> c.process() + "/" + c.mechanism()).toList();
    }

    @Test
    void filterCallbackVerdictIsWordedInChineseToo() throws Exception {
        Path etl = tmp.resolve("zh.etl");
        EtlCaseGenerator.write(etl, Scenario.FILTER_DENIAL, 200_000, false, 7);
        Report report = new CaseAnalyzer(ReadOptions.DEFAULT, List.of("oposdrv.dll"), KnowledgeAttribution.standard(),
                "zh-CN", "test").analyze(List.of(etl)).report();
        assertTrue(report.verdict().summary().contains("tmevtmgr.sys") && report.verdict().summary().contains("的回调"),
                report.verdict().summary());
        assertTrue(report.findings().stream().anyMatch(x -> x.rule().equals("filter-failed-io")
                && x.message().contains("的回调")), report.findings().toString());
    }

    @Test
    void withoutIoShowingTheHoldersAccessTheConflictIsAssumedAtMediumConfidence() throws Exception {
        // LockScenario: the scanner opens sharing read only but never reads, so its access is unknown
        Path etl = io.lockscope.ingest.etw.testing.LockScenario.etl().write(tmp.resolve("no-read.etl"));
        Report report = new CaseAnalyzer(ReadOptions.DEFAULT, List.of("oposdrv.dll"), KnowledgeAttribution.standard(),
                "en", "test").analyze(List.of(etl)).report();
        assertEquals("lock-holder", report.verdict().kind());
        assertEquals("medium", report.verdict().confidence());
        Failure.Holder h = onlyFailure(report).holders().get(0);
        assertEquals("ntrtscan.exe", h.process());
        assertFalse(h.pairingInferred());
        assertEquals("holder was open at the failure sharing Read (its access is not in this input, so the conflict"
                + " is assumed)", h.conflict());
    }
}
