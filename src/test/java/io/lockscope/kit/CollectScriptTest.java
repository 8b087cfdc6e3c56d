package io.lockscope.kit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * collect.cmd checked statically: every external command it runs has one of the command lines
 * Microsoft documents for it (cited per pattern), each documented form is used, and every jump lands
 * on a label.
 */
class CollectScriptTest {
    /** Documented command lines, by tool. */
    private static final Map<String, List<Pattern>> DOCUMENTED = new LinkedHashMap<>();

    static {
        // WPR command-line options (learn.microsoft.com/windows-hardware/test/wpt/wpr-command-line-options):
        // -boottrace -addboot <profile> [-filemode] [-recordtempto <path>]; -boottrace -stopboot <file>; -boottrace -cancelboot.
        // Profiles in a file are named file.wprp!Profile.DetailLevel (devblogs "Setting up an autologger with WPR", 2021).
        DOCUMENTED.put("wpr", List.of(
                Pattern.compile("wpr -boottrace -addboot \"[^\"]+![A-Za-z]+\\.(Verbose|Light)\" -filemode -recordtempto \"[^\"]+\""),
                Pattern.compile("wpr -boottrace -stopboot \"[^\"]+\\.etl\""),
                Pattern.compile("wpr -boottrace -cancelboot")));
        // Process Monitor help: /AcceptEula, /EnableBootLogging, /ConvertBootLog <pml> with /Quiet.
        DOCUMENTED.put("\"%LS_PROCMON%\"", List.of(
                Pattern.compile("\"%LS_PROCMON%\" /AcceptEula /EnableBootLogging"),
                Pattern.compile("\"%LS_PROCMON%\" /AcceptEula /ConvertBootLog \"[^\"]+\\.pml\" /Quiet")));
        // fltmc (learn.microsoft.com/windows-hardware/drivers/ifs/development-and-testing-tools): fltmc [filters | instances].
        DOCUMENTED.put("fltmc", List.of(Pattern.compile("fltmc"), Pattern.compile("fltmc filters"),
                Pattern.compile("fltmc instances")));
        // sc.exe qc (learn.microsoft.com/windows-server/administration/windows-commands/sc-qc): sc [<servername>] qc [<service name>].
        DOCUMENTED.put("sc", List.of(Pattern.compile("sc qc %1")));
        // DISM driver servicing (/Get-Drivers [/All] [/Format:Table]) and package servicing (/Get-Packages [/Format:Table]).
        DOCUMENTED.put("dism", List.of(Pattern.compile("dism /online /get-drivers /all /format:table"),
                Pattern.compile("dism /online /get-packages /format:table")));
        // wevtutil (windows-commands/wevtutil): qe <path> [/q:<query>] [/f:<format>].
        DOCUMENTED.put("wevtutil", List.of(
                Pattern.compile("wevtutil qe System \"/q:\\*\\[System\\[Provider\\[@Name='[A-Za-z-]+'\\]\\]\\]\" /f:text")));
        // tar (windows-commands/tar, bsdtar): -a (format from suffix) -c -f <archive> -C <dir> <files>.
        DOCUMENTED.put("tar", List.of(Pattern.compile("tar -a -c -f \"[^\"]+\" -C \"[^\"]+\" \\.")));
        // reg query <key> [/v <value> | /k /f <data>]; reg add <key> /v <value> /t REG_DWORD /d <data> /f (windows-commands/reg-query, reg-add).
        DOCUMENTED.put("reg", List.of(
                Pattern.compile("reg query \"HKLM\\\\SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion\" /v CurrentBuildNumber"),
                Pattern.compile("reg query \"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\" /k /f PROCMON"),
                Pattern.compile("reg add %1 /v Start /t REG_DWORD /d 3 /f")));
        // xcopy <source> [<destination>] [/i] [/y] [/q] [/c] [/h] (windows-commands/xcopy).
        DOCUMENTED.put("xcopy", List.of(Pattern.compile("xcopy \"[^\"]+\\\\\\*\" \"[^\"]+\\\\\" /i /y /q /c /h")));
    }

    /** A tool at the start of a command: after call, if …, or for's do, or a quoted command in for /f. */
    private static final Pattern INVOCATION = Pattern.compile(
            "(?:^|call |do |\\('(?:call )?|\\) )(wpr|fltmc|sc|dism|wevtutil|tar|reg|xcopy|\"%LS_PROCMON%\")( [^>|]*)?");

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyToolIsRunWithADocumentedCommandLineAndEveryDocumentedFormIsUsed(String lang) {
        String script = CaptureKit.render("collect.cmd.peb", new CaptureKit.Options("oposdrv.inf", lang, null, "test"));
        Set<String> used = new TreeSet<>();
        List<String> undocumented = new ArrayList<>();
        for (String line : commandLines(script)) {
            Matcher m = INVOCATION.matcher(line.replaceFirst("^if (not )?exist \"[^\"]*\" ", ""));
            while (m.find()) {
                String command = (m.group(1) + (m.group(2) == null ? "" : m.group(2))).replaceFirst("'\\).*$", "").strip();
                List<Pattern> forms = DOCUMENTED.get(m.group(1));
                Pattern form = forms.stream().filter(p -> p.matcher(command).matches()).findFirst().orElse(null);
                if (form == null) {
                    undocumented.add(command);
                } else {
                    used.add(form.pattern());
                }
            }
        }
        assertTrue(undocumented.isEmpty(), () -> "command lines not in the documented forms: " + undocumented);
        Set<String> unused = new TreeSet<>();
        DOCUMENTED.values().forEach(forms -> forms.forEach(p -> unused.add(p.pattern())));
        unused.removeAll(used);
        assertTrue(unused.isEmpty(), () -> "documented forms the script no longer runs (stale test?): " + unused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyJumpLandsOnALabelAndEveryStepHasItsMessage(String lang) {
        String script = CaptureKit.render("collect.cmd.peb", new CaptureKit.Options(null, lang, null, "test"));
        Set<String> labels = new TreeSet<>();
        Matcher label = Pattern.compile("(?m)^:([A-Za-z_-]+)\\s*$").matcher(script);
        while (label.find()) {
            labels.add(label.group(1).toLowerCase());
        }
        Matcher jump = Pattern.compile("(?:goto|call) :([A-Za-z_-]+)(?![%A-Za-z_-])").matcher(script);
        while (jump.find()) {
            String target = jump.group(1).toLowerCase();
            if (!target.equals("eof")) {
                assertTrue(labels.contains(target), "no label :" + target);
            }
        }
        // goto :why_%LS_STEP%: each step a failure can happen in has its message
        Matcher step = Pattern.compile("set \"LS_STEP=([a-z-]+)\"").matcher(script);
        int steps = 0;
        while (step.find()) {
            steps++;
            assertTrue(labels.contains("why_" + step.group(1)), "no :why_" + step.group(1));
        }
        assertTrue(steps >= 10, "the script names its steps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyFailingCommandStopsTheScript(String lang) {
        String script = CaptureKit.render("collect.cmd.peb", new CaptureKit.Options(null, lang, null, "test"));
        String[] lines = script.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            boolean checkedTool = line.matches("call (wpr|fltmc|dism|wevtutil|tar|\"%LS_PROCMON%\") .*") && !line.contains(">nul");
            if (checkedTool) {
                assertEquals("if %errorlevel% neq 0 goto :failed", lines[i + 1].strip(),
                        "after: " + line + " (if errorlevel 1 would miss the negative HRESULTs wpr returns)");
            }
        }
        assertFalse(script.contains("||"), "|| is not used: wine's cmd mishandles it, so the flow test could not run it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void zhCnSwitchesTheConsoleToUtf8AndBack(String lang) {
        String script = CaptureKit.render("collect.cmd.peb", new CaptureKit.Options(null, lang, null, "test"));
        assertEquals(lang.equals("zh-CN"), script.contains("chcp 65001 >nul"));
        assertEquals(lang.equals("zh-CN"), script.contains("chcp %LS_CODEPAGE% >nul"));
    }

    /** The script's lines that run something: no comments, labels or blank lines. */
    private static List<String> commandLines(String script) {
        List<String> lines = new ArrayList<>();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("rem ") && !l.startsWith(":") && !l.startsWith("(echo")
                    && !l.startsWith("(>>")) {
                lines.add(l);
            }
        }
        return lines;
    }
}
