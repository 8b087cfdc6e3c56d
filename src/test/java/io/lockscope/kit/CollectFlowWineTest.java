package io.lockscope.kit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs collect.cmd's arm, finish and disarm under Debian's wine, with stub wpr, procmon, fltmc, sc,
 * dism, wevtutil and tar that record their arguments. Skipped, with a message, where wine is absent.
 *
 * <p>The stubs are batch files: wine starts Linux programs without waiting for them (their exit code
 * is lost too), so a Linux stub could not show the order of the calls. The wine prefix lives in
 * target/ and is made once (wine takes seconds to set one up); each test gets fresh folders in it.
 */
class CollectFlowWineTest {
    private static final Path PREFIX = Path.of("target/wine-kit").toAbsolutePath();
    private static final Path DRIVE_C = PREFIX.resolve("drive_c");
    private static final long WINE_SECONDS = 300;

    private Path kit;
    private Path stubs;
    private Path calls;
    private Path work;

    @BeforeAll
    static void wineIsThere() throws Exception {
        boolean wine = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "wine")));
        Assumptions.assumeTrue(wine, "wine is not installed: collect.cmd's flow is not run (apt-get install wine)");
        if (!Files.isDirectory(DRIVE_C)) {
            // a Windows 10 version: collect.cmd reads the build from the registry and needs 10240 or later
            assertEquals(0, wine(List.of("winecfg", "-v", "win10")), "wine prefix set up");
        }
    }

    @BeforeEach
    void freshKitAndStubs() throws IOException {
        Path root = DRIVE_C.resolve("kit-test");
        deleteTree(root);
        deleteTree(DRIVE_C.resolve("lockscope-capture"));
        kit = root.resolve("kit");
        stubs = root.resolve("stubs");
        calls = root.resolve("calls.txt");
        work = DRIVE_C.resolve("lockscope-capture");
        CaptureKit.write(kit, new CaptureKit.Options("oposdrv.inf", "en", null, "test"));
        Files.createDirectories(stubs);
        String record = ">>C:\\kit-test\\calls.txt echo %~n0 %*\r\n";
        stub("wpr", record + "if \"%2\"==\"-stopboot\" echo etl>%3\r\n");
        stub("procmon", record + "if \"%2\"==\"/ConvertBootLog\" echo pml>%3\r\n");
        stub("fltmc", record + "if \"%1\"==\"\" if exist C:\\kit-test\\not-admin exit /b 5\r\n"
                + "if \"%1\"==\"filters\" (\r\necho.\r\n"
                + "echo Filter Name                     Num Instances    Altitude    Frame\r\n"
                + "echo ------------------------------  -------------  ------------  -----\r\n"
                + "echo WdFilter                                5       328010         0\r\n"
                + "echo oposflt                                 3       370010         0\r\n)\r\n");
        stub("sc", record + "echo SERVICE_NAME: %~2\r\n");
        stub("dism", record);
        stub("wevtutil", record);
        stub("tar", record + "echo zip>%4\r\n"); // %4 is the archive after -a -c -f
        Files.createDirectories(DRIVE_C.resolve("windows/Logs/CBS"));
        Files.writeString(DRIVE_C.resolve("windows/Logs/CBS/CBS.log"), "cbs\r\n");
        Files.writeString(DRIVE_C.resolve("windows/Logs/CBS/CbsPersist_20261201093000.cab"), "MSCF");
        Files.createDirectories(DRIVE_C.resolve("windows/INF"));
        Files.writeString(DRIVE_C.resolve("windows/INF/setupapi.dev.log"), "dev\r\n");
    }

    @Test
    void armThenFinishRecordsTheBootAndGathersTheUpload() throws Exception {
        Run arm = collect("arm");
        assertEquals(0, arm.exit(), arm.output());
        assertTrue(arm.output().contains("Ready. Now:"), arm.output());
        assertEquals(List.of(
                "fltmc",
                "procmon /AcceptEula /EnableBootLogging",
                "wpr -boottrace -addboot \"C:\\kit-test\\kit\\lockscope-boot.wprp!LockscopeBoot.Verbose\" -filemode"
                        + " -recordtempto \"C:\\lockscope-capture\\wpr\""), calls());

        Files.delete(calls);
        Run finish = collect("finish");
        assertEquals(0, finish.exit(), finish.output());
        List<String> made = calls();
        String zip = made.get(made.size() - 1);
        assertEquals(List.of(
                "fltmc",
                "wpr -boottrace -stopboot \"C:\\lockscope-capture\\upload\\boot.etl\"",
                "procmon /AcceptEula /ConvertBootLog \"C:\\lockscope-capture\\upload\\procmon-boot.pml\" /Quiet",
                "fltmc filters",
                "fltmc instances",
                "fltmc filters",
                "sc qc \"WdFilter\"",
                "sc qc \"oposflt\"",
                "dism /online /get-drivers /all /format:table",
                "dism /online /get-packages /format:table",
                "wevtutil qe System \"/q:*[System[Provider[@Name='Microsoft-Windows-WindowsUpdateClient']]]\" /f:text",
                zip), made);
        assertTrue(zip.matches("tar -a -c -f \"C:\\\\lockscope-capture\\\\lockscope-[^\"]+\\.zip\" -C "
                + "\"C:\\\\lockscope-capture\\\\upload\" \\."), zip);
        try (var zips = Files.list(work)) {
            assertEquals(1, zips.filter(f -> f.getFileName().toString().endsWith(".zip")).count(), "tar wrote the zip");
        }
        Path upload = work.resolve("upload");
        for (String name : List.of(UploadLayout.TRACE, UploadLayout.PROCMON_LOG, UploadLayout.SETUPAPI_DEV,
                UploadLayout.FILTERS, UploadLayout.INSTANCES, UploadLayout.SERVICES, UploadLayout.DRIVERS,
                UploadLayout.PACKAGES, UploadLayout.UPDATE_HISTORY, UploadLayout.COLLECT_LOG, UploadLayout.MANIFEST,
                UploadLayout.CBS_FOLDER + "/CBS.log", UploadLayout.CBS_FOLDER + "/CbsPersist_20261201093000.cab")) {
            assertTrue(Files.isRegularFile(upload.resolve(name)), "the upload holds " + name);
        }
        assertTrue(Files.readString(upload.resolve(UploadLayout.FILTERS)).contains("oposflt"));
        assertTrue(Files.readString(upload.resolve(UploadLayout.SERVICES)).contains("SERVICE_NAME: oposflt"));
        String manifest = Files.readString(upload.resolve(UploadLayout.MANIFEST));
        assertTrue(manifest.contains("target=oposdrv.inf") && manifest.contains("lockscope-kit=test"), manifest);
        assertTrue(finish.output().contains("Please upload this file"), finish.output());
        assertFalse(Files.exists(work.resolve("armed-wpr.txt")), "finish leaves nothing armed");
    }

    @Test
    void disarmUndoesArm() throws Exception {
        assertEquals(0, collect("arm").exit());
        Files.delete(calls);
        Run disarm = collect("disarm");
        assertEquals(0, disarm.exit(), disarm.output());
        assertEquals(List.of("fltmc", "wpr -boottrace -cancelboot"), calls());
        assertFalse(Files.exists(work.resolve("armed-wpr.txt")));
        assertFalse(Files.exists(work.resolve("armed-procmon.txt")));
        assertTrue(disarm.output().contains("nothing is armed"), disarm.output());
    }

    @Test
    void withoutAdministratorRightsArmStopsBeforeChangingAnything() throws Exception {
        Files.writeString(DRIVE_C.resolve("kit-test/not-admin"), "");
        Run arm = collect("arm");
        assertEquals(1, arm.exit(), arm.output());
        assertTrue(arm.output().contains("must run as administrator"), arm.output());
        assertEquals(List.of("fltmc"), calls(), "nothing but the check ran");
    }

    @Test
    void aFailingWprStopsFinishWithItsMessage() throws Exception {
        assertEquals(0, collect("arm").exit());
        stub("wpr", ">>C:\\kit-test\\calls.txt echo %~n0 %*\r\nexit /b 5\r\n");
        Run finish = collect("finish");
        // wine's call hands a batch's exit /b code back as 1; Windows hands back 5 itself
        assertTrue(finish.exit() != 0, finish.output());
        assertTrue(finish.output().contains("WPR could not save the boot trace"), finish.output());
        assertTrue(Files.readString(work.resolve("collect.log")).contains("step wpr-stop failed with exit code"));
        assertFalse(calls().contains("fltmc filters"), "nothing runs after the failed step");
    }

    private record Run(int exit, String output) {
    }

    /** Runs collect.cmd VERB through a driver batch that puts the stubs first on the PATH and prints the exit code. */
    private Run collect(String verb) throws Exception {
        Path driver = DRIVE_C.resolve("kit-test/run.cmd");
        Files.writeString(driver, "@echo off\r\nset \"PATH=C:\\kit-test\\stubs;%PATH%\"\r\n"
                + "set \"LOCKSCOPE_PROCMON=C:\\kit-test\\stubs\\procmon.cmd\"\r\n"
                + "call C:\\kit-test\\kit\\collect.cmd " + verb + "\r\necho exit=%errorlevel%\r\n");
        Path output = DRIVE_C.resolve("kit-test/output.txt");
        wine(List.of("cmd", "/c", "C:\\kit-test\\run.cmd"), output);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("exit=");
        assertTrue(at >= 0, text);
        return new Run(Integer.parseInt(text.substring(at + 5).strip()), text.substring(0, at));
    }

    private List<String> calls() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            lines.add(line.strip());
        }
        return lines;
    }

    private void stub(String name, String body) throws IOException {
        Files.writeString(stubs.resolve(name + ".cmd"), "@echo off\r\n" + body);
    }

    private static int wine(List<String> args) throws Exception {
        return wine(args, Path.of("target/wine-kit-setup.txt").toAbsolutePath());
    }

    private static int wine(List<String> args, Path output) throws Exception {
        List<String> command = new ArrayList<>(List.of("wine"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.put("WINEPREFIX", PREFIX.toString());
        env.put("WINEDEBUG", "-all");
        env.put("DISPLAY", "");
        Files.createDirectories(PREFIX);
        Process p = pb.start();
        // a guard against a hung wine, not a timing: a run takes seconds
        if (!p.waitFor(WINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wine did not finish in " + WINE_SECONDS + " s: " + command);
        }
        return p.exitValue();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
