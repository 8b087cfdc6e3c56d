package io.lockscope.report.render;

import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Filter;
import io.lockscope.report.model.Finding;
import io.lockscope.report.model.Picture;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;
import io.lockscope.report.model.Servicing;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reports built by hand, shaped like the oposdrv case of DESIGN.md: a lock-holder case with two
 * failures, a ruled-out holder, a filter driver, servicing facts and filters; a case without failure;
 * a case worded in Simplified Chinese; and the lock-holder case with hostile names in it.
 */
final class ReportFixtures {
    static final String DLL = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll";
    static final String INF = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.inf";
    static final String PACKAGE_KEY = "HKLM\\DRIVERS\\DriverDatabase\\DriverPackages\\oposdrv.inf_amd64_313106b94d0b5742";
    static final String HOSTILE_PATH = "C:\\x\\<script>alert(1)</script>.dll";
    static final String HOSTILE_PROCESS = "evil<script>alert(2)</script>|x.exe";

    private static final Report.Tool TOOL = new Report.Tool("lockscope", "0.3.0");

    private ReportFixtures() {
    }

    static Report lockHolder() {
        return lockHolder("ntrtscan.exe", DLL);
    }

    /** The lock-holder case with a hostile culprit process name and a hostile path of the first failure. */
    static Report hostile() {
        return lockHolder(HOSTILE_PROCESS, HOSTILE_PATH);
    }

    /** The lock-holder case with {@code holderProcess} as the culprit and {@code dllPath} as the first failure's path. */
    static Report lockHolder(String holderProcess, String dllPath) {
        List<Report.Input> inputs = List.of(
                new Report.Input("case-upload.zip!boot_log.pml", "procmon-pml", 2_841_233, 2,
                        List.of("record 1803344: skipped: truncated detail", "record 2100007: skipped: unknown operation 0x7F"), "utc"),
                new Report.Input("case-upload.zip!CBS.log", "cbs-log", 41_266, 0, List.of(), "local+08:00"),
                new Report.Input("case-upload.zip!setupapi.dev.log", "setupapi-log", 9_120, 0, List.of(), "local+08:00"));
        Report.Target target = new Report.Target(List.of("oposdrv.inf"), "cbs-log", List.of(dllPath, INF));
        Verdict verdict = new Verdict("lock-holder",
                "TiWorker.exe failed to open oposdrv.dll for Delete at 00:00:41.2 (SHARING VIOLATION): "
                        + holderProcess + " (Trend Micro Apex One, pid 1880) had it open for Read without "
                        + "FILE_SHARE_DELETE since 00:00:40.9; tmevtmgr.sys (altitude 328510) is in the stack.",
                "high", "both opens' access and share modes are recorded and conflict",
                List.of(new Verdict.Culprit(holderProcess, 1880,
                        "C:\\Program Files (x86)\\Trend Micro\\Security Agent\\NTRtScan.exe", "Trend Micro Inc.",
                        "Trend Micro", "Apex One", "tmevtmgr.sys", "328510", "handle", "high",
                        "Exclude the DriverStore and WinSxS paths from Apex One's real-time scanning.")),
                "Exclude the DriverStore and WinSxS paths from real-time scanning (or uninstall the agent), then retry the update.");

        Failure.Holder culpritOnDll = new Failure.Holder(holderProcess, 1880, time("00:00:40.9000000", 40.9), null,
                "Read Data", "Read, Write", "holder does not share Delete", "handle", false,
                List.of(new Report.Evidence(0, 120_431)));
        Failure.Holder closedBefore = new Failure.Holder("MsMpEng.exe", 2412, time("00:00:39.5000000", 39.5),
                time("00:00:39.8000000", 39.8), "Read Attributes", "Read, Write, Delete", "closed before the failure",
                "handle", true, List.of(new Report.Evidence(0, 119_002), new Report.Evidence(0, 119_540)));
        Failure.FilterDriver tmevtmgr = new Failure.FilterDriver("tmevtmgr.sys", "328510", "FSFilter Anti-Virus",
                "Trend Micro", "stack-other", List.of("tmevtmgr.sys+0x1a2f0", "tmevtmgr.sys+0x3c41"));
        Failure first = new Failure(time("00:00:41.2000000", 41.2), "TiWorker.exe", 3120, "CreateFile", dllPath,
                "SHARING VIOLATION", "0xC0000043", new Failure.Requested("Delete", "Read"), List.of(culpritOnDll),
                List.of(closedBefore), List.of(tmevtmgr), List.of(new Report.Evidence(0, 120_502)));
        Failure.Holder culpritOnInf = new Failure.Holder(holderProcess, 1880, time("00:00:40.9100000", 40.91), null,
                "Read Data", "Read", "holder does not share Write", "handle", false,
                List.of(new Report.Evidence(0, 120_440)));
        Failure second = new Failure(time("00:00:41.3500000", 41.35), "TiWorker.exe", 3120, "CreateFile", INF,
                "SHARING VIOLATION", "0xC0000043", new Failure.Requested("Generic Write", "Read, Write"),
                List.of(culpritOnInf), List.of(), List.of(tmevtmgr), List.of(new Report.Evidence(0, 120_518)));

        List<Finding> findings = List.of(
                new Finding("sharing-violation-holder", "error",
                        holderProcess + " holds oposdrv.dll open without sharing Delete when TiWorker.exe deletes it.",
                        List.of(new Report.Evidence(0, 120_431), new Report.Evidence(0, 120_502))),
                new Finding("third-party-filter-in-stack", "warning",
                        "tmevtmgr.sys (Trend Micro, altitude 328510) is in the stack of the failing operation.",
                        List.of(new Report.Evidence(0, 120_502))));

        Sequences sequences = new Sequences(
                List.of(new Sequences.PathSequence(dllPath, List.of(
                                event("00:00:39.5000000", 39.5, "MsMpEng.exe", 2412, "CreateFile", "SUCCESS",
                                        "Desired Access: Read Attributes, Share Mode: Read, Write, Delete", 119_002),
                                event("00:00:39.8000000", 39.8, "MsMpEng.exe", 2412, "CloseFile", "SUCCESS", "", 119_540),
                                event("00:00:40.9000000", 40.9, holderProcess, 1880, "CreateFile", "SUCCESS",
                                        "Desired Access: Read Data, Share Mode: Read, Write", 120_431),
                                event("00:00:41.2000000", 41.2, "TiWorker.exe", 3120, "CreateFile", "SHARING VIOLATION",
                                        "Desired Access: Delete, Share Mode: Read", 120_502))),
                        new Sequences.PathSequence(INF, List.of(
                                event("00:00:40.9100000", 40.91, holderProcess, 1880, "CreateFile", "SUCCESS",
                                        "Desired Access: Read Data, Share Mode: Read", 120_440),
                                event("00:00:41.3500000", 41.35, "TiWorker.exe", 3120, "CreateFile", "SHARING VIOLATION",
                                        "Desired Access: Generic Write, Share Mode: Read, Write", 120_518)))),
                List.of(new Sequences.PathSequence(PACKAGE_KEY, List.of(
                        event("00:00:41.4000000", 41.4, "TiWorker.exe", 3120, "RegSetValue", "SUCCESS",
                                "Type: REG_DWORD, Length: 4, Data: 0", 120_530)))));

        Servicing servicing = new Servicing("oposdrv.inf", "0x800703f1", "ERROR_BADDB", "Startup", "critical-drivers", true, "DOQ",
                List.of("KB5016623"), List.of("dc1-controller.inf", "miradisp.inf", "oposdrv.inf", "usbxhci.inf"), true,
                List.of(new Servicing.Event("2022-08-17 02:14:41", null, "cbs-log", 1, 8227,
                                "DOQ: Failed to install driver update oposdrv.inf [HRESULT = 0x800703f1 - ERROR_BADDB]"),
                        new Servicing.Event("2022-08-17 02:14:41.312", null, "setupapi-log", 2, 5120,
                                "!!!  sto: Failed to import driver package into Driver Store. Error = 0x000003F1")));

        List<Filter> filters = List.of(
                new Filter("TmXPFlt", "328500", "FSFilter Anti-Virus", "Trend Micro", 4, true, "fltmc"),
                new Filter("WdFilter", "328010", "FSFilter Anti-Virus", "Microsoft", 4, false, "fltmc"),
                new Filter("FileInfo", "40500", "FSFilter Bottom", "Microsoft", 4, false, "fltmc"));

        Picture picture = new Picture(38, 42, List.of(
                new Picture.Lane("TiWorker.exe (3120)", "servicing", List.of(
                        new Picture.Bar(41.2, 41.21, false, "handle", "oposdrv.dll"))),
                new Picture.Lane(holderProcess + " (1880)", "culprit", List.of(
                        new Picture.Bar(40.9, 42, true, "handle", "oposdrv.dll"),
                        new Picture.Bar(40.91, 42, true, "handle", "oposdrv.inf"))),
                new Picture.Lane("MsMpEng.exe (2412)", "ruled-out", List.of(
                        new Picture.Bar(39.5, 39.8, false, "handle", "oposdrv.dll")))),
                List.of(new Picture.Mark(41.2, 0, "SHARING VIOLATION: " + dllPath),
                        new Picture.Mark(41.35, 0, "SHARING VIOLATION: " + INF)), "2026-01-22T10:47:02.1000000Z", "utc");

        return new Report(Report.SCHEMA_VERSION, TOOL, "en", inputs, target, verdict, List.of(first, second), findings,
                sequences, servicing, filters, picture,
                List.of("The failing INF is often incidental: blame the blocker, not the INF."));
    }

    /** A case whose servicing went through: no culprit, no servicing log, no filter list, no picture. */
    static Report noFailure() {
        Verdict verdict = new Verdict("no-failure", "No operation on oposdrv.inf failed in the capture.", "medium",
                "the traces show the driver update run without a failure", List.of(), "Nothing to do for this driver package.");
        return new Report(Report.SCHEMA_VERSION, TOOL, "en",
                List.of(new Report.Input("boot_log.csv", "procmon-csv", 1200, 0, List.of(), "local")),
                new Report.Target(List.of("oposdrv.inf"), "user", List.of()), verdict, List.of(),
                List.of(new Finding("no-failure", "info", "Every access to the target succeeded.", List.of())),
                new Sequences(List.of(), List.of()), null, null, null, List.of());
    }

    /** The lock-holder case worded in Simplified Chinese (times and codes stay as they are). */
    static Report simplifiedChinese() {
        Report en = lockHolder();
        Verdict verdict = new Verdict("lock-holder",
                "TiWorker.exe 于 00:00:41.2 以删除权限打开 oposdrv.dll 失败（共享冲突）：ntrtscan.exe（趋势科技 Apex One，PID 1880）"
                        + "自 00:00:40.9 起以读取方式打开该文件且未共享删除；tmevtmgr.sys（高度 328510）在调用栈中。",
                "high", "双方打开时的访问权限和共享模式均有记录且相互冲突", en.verdict().culprits(),
                "请将 DriverStore 和 WinSxS 路径排除在实时扫描之外（或卸载该代理），然后重试更新。");
        Sequences sequences = new Sequences(List.of(new Sequences.PathSequence(DLL, List.of(
                event("00:00:40.9000000", 40.9, "扫描服务.exe", 1880, "CreateFile", "SUCCESS", "读取", 120_431),
                event("00:00:41.2000000", 41.2, "TiWorker.exe", 3120, "CreateFile", "SHARING VIOLATION", "删除", 120_502)))),
                List.of());
        return new Report(Report.SCHEMA_VERSION, en.tool(), "zh-CN", en.inputs(), en.target(), verdict, en.failures(),
                en.findings(), sequences, en.servicing(), en.filters(), en.picture(),
                List.of("失败的 INF 往往只是巧合：应归咎于阻止者，而不是 INF。"));
    }

    /** What {@code renderer} writes for {@code report}. */
    static String render(ReportRenderer renderer, Report report) {
        StringWriter out = new StringWriter();
        try {
            renderer.render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Report.Time time(String text, double offsetSeconds) {
        return new Report.Time(text, offsetSeconds);
    }

    private static Sequences.Event event(String t, double offset, String process, int pid, String operation,
                                         String result, String detail, long index) {
        return new Sequences.Event(time(t, offset), process, pid, operation, result, detail, 0, index);
    }
}
