package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.Operation;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.PageProtection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lockscope.rules.TraceFixture.DELETE;
import static io.lockscope.rules.TraceFixture.DLL;
import static io.lockscope.rules.TraceFixture.PKG;
import static io.lockscope.rules.TraceFixture.READ_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per way Windows blocks a servicing operation (lock-semantics.md §1), each on the smallest
 * trace that shows it: who the culprits are, how they blocked, and how sure the verdict is.
 */
class MechanismsTest {
    private static final int SHARE_READ = 1;
    private static final int SHARE_READ_DELETE = 5;
    private static final int SHARE_ALL = 7;
    private static final int READ_ATTRIBUTES = 0x80;
    private static final String WINSXS = "C:\\Windows\\WinSxS\\amd64_dual_oposdrv.inf_31bf3856ad364e35_10.0.17763.3287_none_5c1f8e2a7b9d3e64\\oposdrv.dll";
    private static final String NEW_DLL = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_a8c0e2d5f1b34967\\oposdrv.dll";

    private final TraceFixture f = new TraceFixture();
    private final int ti = f.process(3120, "TiWorker.exe");
    private final int av = f.process(1880, "ntrtscan.exe");

    private Diagnosis diagnose() {
        return Rules.diagnose(CaseFacts.analyse(List.of(f.build()), List.of("oposdrv.inf"), StubAttribution.INSTANCE));
    }

    private static List<String> culprits(Diagnosis d) {
        return d.verdict().culprits().stream().map(c -> c.process() + "/" + c.mechanism().id()).toList();
    }

    /** A read by {@code process} of the DLL: a moment to look at the holds. */
    private int read(int process) {
        return f.event(process, Operation.READ_FILE, DLL, NtStatus.SUCCESS, Detail.None.INSTANCE, StackTable.NONE);
    }

    private static Trace trace(Diagnosis d) {
        return d.facts().trace(0);
    }

    @Test
    void classicDeleteStaysPendingWhileAnyHandleIsOpenWhateverItsSharing() {
        // the case: TiWorker set the delete and closed; the scanner shares Read and Delete and is still open
        f.open(av, DLL, READ_DATA, SHARE_READ_DELETE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.deleteDisposition(ti, DLL, NtStatus.SUCCESS);
        f.close(ti, DLL);
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.DELETE_PENDING);
        Diagnosis d = diagnose();
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind());
        assertEquals(List.of("ntrtscan.exe/pending-delete"), culprits(d));
        assertEquals(Confidence.HIGH, d.verdict().confidence());
        assertEquals(ConfidenceReason.DELETE_STILL_PENDING, d.verdict().reason());
    }

    @Test
    void thePendingDeleteEndsWithTheLastHandleSoALaterOpenIsNotBlamedOnIt() {
        f.open(av, DLL, READ_DATA, SHARE_READ_DELETE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.deleteDisposition(ti, DLL, NtStatus.SUCCESS);
        f.close(ti, DLL);
        f.close(av, DLL);
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.DELETE_PENDING);
        Diagnosis d = diagnose();
        assertEquals(VerdictKind.INCONCLUSIVE, d.verdict().kind(), "nobody keeps it pending any more");
    }

    @Test
    void posixDeleteReleasesTheNameWhenTheDeletingHandleCloses() {
        f.open(av, DLL, READ_DATA, SHARE_READ_DELETE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        int posix = f.event(ti, Operation.SET_DISPOSITION_INFORMATION_EX, DLL, NtStatus.SUCCESS,
                new DispositionDetail(true, DispositionDetail.FLAG_DELETE | DispositionDetail.FLAG_POSIX_SEMANTICS),
                StackTable.NONE);
        int whileOpen = read(av);
        f.close(ti, DLL);
        int afterClose = read(av);
        Diagnosis d = diagnose();
        var holds = new io.lockscope.analysis.FailureAnalysis(trace(d), 0, d.facts().traces().get(0).targets(),
                StubAttribution.INSTANCE, true).holds();
        int file = d.facts().traces().get(0).targets().canonical(trace(d).events().pathId(posix));
        assertTrue(holds.deletePendingAt(file, whileOpen), "pending while the deleting handle is open");
        assertTrue(!holds.deletePendingAt(file, afterClose), "released when it closes, although the scanner is open");
    }

    @Test
    void clearingTheDispositionUndeletes() {
        f.open(av, DLL, READ_DATA, SHARE_READ_DELETE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.deleteDisposition(ti, DLL, NtStatus.SUCCESS);
        int before = read(av);
        int undelete = f.event(ti, Operation.SET_DISPOSITION_INFORMATION_FILE, DLL, NtStatus.SUCCESS,
                new DispositionDetail(false, -1), StackTable.NONE);
        int after = read(av);
        Diagnosis d = diagnose();
        var holds = new io.lockscope.analysis.FailureAnalysis(trace(d), 0, d.facts().traces().get(0).targets(),
                StubAttribution.INSTANCE, true).holds();
        int file = d.facts().traces().get(0).targets().canonical(trace(d).events().pathId(undelete));
        assertTrue(holds.deletePendingAt(file, before));
        assertTrue(!holds.deletePendingAt(file, after), "cleared by the undelete, although both handles are open");
    }

    @Test
    void aReplacingRenameFailsOnAnyHandleOfItsTargetEvenFullyShared() {
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.open(ti, PKG + "oposdrv.inf", DELETE, SHARE_ALL);
        f.event(ti, Operation.SET_RENAME_INFORMATION_FILE, PKG + "oposdrv.inf", NtStatus.ACCESS_DENIED,
                new RenameDetail(true, DLL), StackTable.NONE);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/rename-target"), culprits(d));
        assertEquals(ConfidenceReason.TARGET_OPEN, d.verdict().reason());
        assertEquals(DLL, d.verdict().blame().failure().renameTarget());
    }

    @Test
    void aRenameWithoutReplaceOntoADeletePendingNameIsBlamedOnWhoKeepsItPending() {
        f.open(av, DLL, READ_DATA, SHARE_READ_DELETE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.deleteDisposition(ti, DLL, NtStatus.SUCCESS);
        f.close(ti, DLL);
        f.open(ti, PKG + "oposdrv.inf", DELETE, SHARE_ALL);
        f.event(ti, Operation.SET_LINK_INFORMATION_FILE, PKG + "oposdrv.inf", NtStatus.NAME_COLLISION,
                new RenameDetail(false, DLL), StackTable.NONE);
        assertEquals(List.of("ntrtscan.exe/pending-delete"), culprits(diagnose()));
    }

    @Test
    void anImageSectionOutlivesItsHandles() {
        f.event(av, Operation.LOAD_IMAGE, DLL, NtStatus.SUCCESS, Detail.None.INSTANCE, StackTable.NONE);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.event(ti, Operation.SET_DISPOSITION_INFORMATION_FILE, DLL, NtStatus.CANNOT_DELETE,
                new DispositionDetail(true, -1), StackTable.NONE);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/image-section"), culprits(d));
        assertEquals(Confidence.MEDIUM, d.verdict().confidence(), "procmon does not show the unmap");
        assertEquals(ConfidenceReason.UNMAP_NOT_SHOWN, d.verdict().reason());
    }

    @Test
    void aDataSectionOutlivesTheHandleItWasCreatedThrough() {
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.event(av, Operation.CREATE_FILE_MAPPING, DLL, NtStatus.FILE_LOCKED_WITH_ONLY_READERS,
                new FileMappingDetail(1, PageProtection.PAGE_READONLY), StackTable.NONE);
        f.close(av, DLL);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.event(ti, Operation.SET_DISPOSITION_INFORMATION_FILE, DLL, NtStatus.CANNOT_DELETE,
                new DispositionDetail(true, -1), StackTable.NONE);
        assertEquals(List.of("ntrtscan.exe/data-section"), culprits(diagnose()));
    }

    @Test
    void aDataSectionEndsWhenItsOnlyViewIsUnmapped() {
        // ETW: MapFile is typed as CreateFileMapping, and its UnmapFile ends the view
        mapViewsThenUnmapOne(1);
        assertTrue(diagnose().verdict().culprits().isEmpty(), "the view was gone before the delete");
    }

    @Test
    void aDataSectionLastsWhileAnyOfItsViewsIsMapped() {
        mapViewsThenUnmapOne(2);
        assertEquals(List.of("ntrtscan.exe/data-section"), culprits(diagnose()));
    }

    /**
     * The scanner maps {@code views} views of the DLL as ETW shows them (MapFile typed as CreateFileMapping),
     * closes its handle and unmaps one view; then TrustedInstaller's delete of the DLL fails.
     */
    private void mapViewsThenUnmapOne(int views) {
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        for (int view = 0; view < views; view++) {
            f.event(av, Operation.CREATE_FILE_MAPPING, DLL, NtStatus.SUCCESS,
                    new FileMappingDetail(FileMappingDetail.SYNC_TYPE_CREATE_SECTION, -1), StackTable.NONE);
        }
        f.close(av, DLL);
        f.other(av, "FileIO/UnmapFile", DLL);
        f.open(ti, DLL, DELETE, SHARE_READ);
        f.deleteDisposition(ti, DLL, NtStatus.CANNOT_DELETE);
    }

    @Test
    void aReadOnlyDataSectionDoesNotFailAnOpenThatDoesNotShareWrite() {
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.event(av, Operation.CREATE_FILE_MAPPING, DLL, NtStatus.SUCCESS,
                new FileMappingDetail(1, PageProtection.PAGE_READONLY), StackTable.NONE);
        f.close(av, DLL);
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        assertTrue(diagnose().verdict().culprits().isEmpty());
    }

    @Test
    void aWritableDataSectionFailsAnOpenThatDoesNotShareWrite() {
        f.open(av, DLL, READ_DATA | 0x2, SHARE_ALL);
        f.event(av, Operation.CREATE_FILE_MAPPING, DLL, NtStatus.SUCCESS,
                new FileMappingDetail(1, PageProtection.PAGE_READWRITE), StackTable.NONE);
        f.close(av, DLL);
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        assertEquals(List.of("ntrtscan.exe/data-section"), culprits(diagnose()));
    }

    @Test
    void aHandleOpenedThroughAnotherHardLinkOfTheFileBlocks() {
        // TiWorker projects the component's file into the DriverStore; the scanner opens it by its WinSxS name
        f.open(ti, WINSXS, READ_ATTRIBUTES, SHARE_ALL);
        f.event(ti, Operation.SET_LINK_INFORMATION_FILE, WINSXS, NtStatus.SUCCESS, new RenameDetail(false, NEW_DLL),
                StackTable.NONE);
        f.close(ti, WINSXS);
        f.open(av, WINSXS, READ_DATA, SHARE_READ);
        f.failOpen(ti, NEW_DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/handle"), culprits(d));
        assertEquals(Confidence.HIGH, d.verdict().confidence());
    }

    @Test
    void twoNamesWithOneIndexNumberAreOneFile() {
        // the scanner keys its scan cache by file ID: it queries it under both names
        f.open(av, NEW_DLL, READ_ATTRIBUTES, SHARE_ALL);
        f.event(av, Operation.QUERY_FILE_INTERNAL_INFORMATION_FILE, NEW_DLL, NtStatus.SUCCESS,
                new Detail.Text("IndexNumber: 0x1000000012a4f"), StackTable.NONE);
        f.close(av, NEW_DLL);
        f.open(av, WINSXS, READ_DATA, SHARE_READ);
        f.event(av, Operation.QUERY_ALL_INFORMATION_FILE, WINSXS, NtStatus.SUCCESS,
                new Detail.Text("CreationTime: 9/15/2018 9:28:48 AM, NumberOfLinks: 2, IndexNumber: 0x1000000012A4F, "
                        + "EaSize: 0"), StackTable.NONE);
        f.failOpen(ti, NEW_DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/handle"), culprits(d));
        assertEquals(Confidence.HIGH, d.verdict().confidence());
    }

    @Test
    void anIndexNumberIsOneFileOnItsVolumeOnly() {
        String otherVolume = "D:" + NEW_DLL.substring(2);
        f.event(av, Operation.QUERY_FILE_INTERNAL_INFORMATION_FILE, otherVolume, NtStatus.SUCCESS,
                new Detail.Text("IndexNumber: 0x1000000012a4f"), StackTable.NONE);
        f.open(av, WINSXS, READ_DATA, SHARE_READ);
        f.event(av, Operation.QUERY_FILE_INTERNAL_INFORMATION_FILE, WINSXS, NtStatus.SUCCESS,
                new Detail.Text("IndexNumber: 0x1000000012a4f"), StackTable.NONE);
        f.failOpen(ti, otherVolume, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        assertTrue(diagnose().verdict().culprits().isEmpty(), "same number on two volumes: two files");
    }

    @Test
    void theOnlyProjectionsOfOnePackageFileArePresumedLinksAtLowConfidence() {
        f.open(av, WINSXS, READ_DATA, SHARE_READ);
        f.failOpen(ti, NEW_DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/handle"), culprits(d), "nothing proven: the projection is the lead");
        assertEquals(Confidence.LOW, d.verdict().confidence());
        assertEquals(ConfidenceReason.LINK_PRESUMED, d.verdict().reason());
        String summary = io.lockscope.report.ReportBuilder.build(d, "en", "test").verdict().summary();
        assertTrue(summary.contains(WINSXS + ", where servicing projects the same package file: presumed a hard link"),
                summary);
        String zh = io.lockscope.report.ReportBuilder.build(d, "zh-CN", "test").verdict().summary();
        assertTrue(zh.contains("推定它是该文件的硬链接"), zh);
    }

    @Test
    void twoDriverStoreFoldersOfThePackageLeaveTheProjectionUnpaired() {
        // the superseded package's folder has a DLL of the same name: which one is the WinSxS file's link is unknown
        f.open(ti, DLL, READ_ATTRIBUTES, SHARE_ALL);
        f.close(ti, DLL);
        f.open(av, WINSXS, READ_DATA, SHARE_READ);
        f.failOpen(ti, NEW_DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        assertTrue(diagnose().verdict().culprits().isEmpty(), "no pairing presumed");
    }

    @Test
    void aPresumedLinkIsOnlyALeadWhenNothingOnTheFailingNameExplainsIt() {
        int wmi = f.process(2604, "WmiPrvSE.exe");
        f.open(wmi, WINSXS, READ_DATA, SHARE_READ);
        f.open(av, NEW_DLL, READ_DATA, SHARE_READ);
        f.failOpen(ti, NEW_DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/handle"), culprits(d));
        assertEquals(Confidence.HIGH, d.verdict().confidence());
    }

    @Test
    void oplockResultsAreContentionNotFailures() {
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.event(av, Operation.FILE_SYSTEM_CONTROL, DLL, NtStatus.SUCCESS,
                new Detail.Text("Control: FSCTL_REQUEST_FILTER_OPLOCK"), StackTable.NONE);
        int other = f.process(2212, "MsMpEng.exe");
        f.open(other, DLL, READ_DATA, SHARE_ALL);
        f.event(other, Operation.FILE_SYSTEM_CONTROL, DLL, NtStatus.OPLOCK_NOT_GRANTED,
                new Detail.Text("Control: FSCTL_REQUEST_FILTER_OPLOCK"), StackTable.NONE);
        f.event(ti, Operation.CREATE_FILE, DLL, NtStatus.OPLOCK_BREAK_IN_PROGRESS,
                new io.lockscope.model.detail.CreateFileDetail(DELETE, 1, 0x140, 0, SHARE_READ, -1, 1, null),
                StackTable.NONE);
        Diagnosis d = diagnose();
        assertTrue(d.facts().allFailures().isEmpty(), "neither result is a servicing failure");
        assertEquals(VerdictKind.NO_FAILURE, d.verdict().kind());
        List<Finding> delays = d.findings().stream().filter(x -> x.rule().equals("oplock-delay")).toList();
        assertEquals(List.of("finding.oplock-delay", "finding.oplock-not-granted"), delays.stream().map(Finding::key).toList());
        assertEquals("ntrtscan.exe", delays.get(0).args().get(6), "the delay names the oplock holder");
        assertTrue(delays.stream().allMatch(x -> x.blame() == null), "a delay blames nobody");
    }

    @Test
    void aFilterSeenOnlyInNestedIoOfTheFailingThreadIsSuspectedNotProven() {
        int filter = f.stack("C:\\Windows\\System32\\drivers\\FLTMGR.SYS", "C:\\Windows\\System32\\drivers\\tmevtmgr.sys");
        f.event(ti, Operation.CREATE_FILE, DLL, NtStatus.SUCCESS,
                new io.lockscope.model.detail.CreateFileDetail(READ_DATA, 1, 0x60, 0, SHARE_ALL, -1, 1, null), filter);
        f.event(ti, Operation.CLOSE_FILE, DLL, NtStatus.SUCCESS, Detail.None.INSTANCE, filter);
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.ACCESS_DENIED);
        Diagnosis d = diagnose();
        assertEquals(VerdictKind.FILTER_INTERFERENCE, d.verdict().kind());
        assertEquals(List.of("null/filter-denial"), culprits(d));
        assertEquals("tmevtmgr.sys", d.verdict().culprits().get(0).driver());
        assertEquals(Confidence.MEDIUM, d.verdict().confidence());
        assertEquals(ConfidenceReason.FILTER_SUSPECTED, d.verdict().reason());
        assertEquals(List.of("tmevtmgr.sys+0x10"), d.verdict().blame().driver().frames());
    }

    @Test
    void twoHoldersAreBothCulpritsAndTheConfidenceIsTheWeakerProof() {
        f.open(av, DLL, READ_DATA, SHARE_READ);
        int wmi = f.process(2544, "WmiPrvSE.exe");
        f.open(wmi, DLL, 0x2000000, SHARE_READ); // Maximum Allowed: its granted rights are not known
        f.failOpen(ti, DLL, DELETE, SHARE_READ, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose();
        assertEquals(List.of("ntrtscan.exe/handle", "WmiPrvSE.exe/handle"), culprits(d));
        assertEquals(Confidence.MEDIUM, d.verdict().confidence());
        assertEquals(ConfidenceReason.GRANTED_ACCESS_ASSUMED, d.verdict().reason());
        assertEquals(Advice.WMI_PROVIDER, d.verdict().culprits().get(1).advice());
        // the security product gets its vendor's own advice too; WMI's provider host gets none
        assertEquals(Advice.SECURITY_PRODUCT, d.verdict().culprits().get(0).advice());
        assertEquals(VendorAdvice.TREND_MICRO, d.verdict().culprits().get(0).vendorAdvice());
        assertEquals(null, d.verdict().culprits().get(1).vendorAdvice());
    }
}
