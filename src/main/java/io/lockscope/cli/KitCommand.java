package io.lockscope.cli;

import io.lockscope.kit.CaptureKit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "kit", mixinStandardHelpOptions = true, description = {
        "Write the capture kit a customer runs on the failing machine.",
        "The kit: a WPR boot profile, collect.cmd (arm, finish, disarm) and README.txt / README.zh-CN.txt;",
        "'collect.cmd finish' makes the zip that 'lockscope analyze' reads."},
        footer = {
        "",
        "Examples:",
        "  lockscope kit -o kit/ --target oposdrv.inf",
        "  lockscope kit -o kit-zh/ --lang zh-CN --procmon C:\\Tools\\Procmon64.exe"})
final class KitCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write the kit into.")
    Path output;

    @Option(names = "--target", paramLabel = "INF", description = "The driver package the case is about (oposdrv.inf).")
    String target;

    @Option(names = "--lang", defaultValue = "en", description = "Language of collect.cmd's messages: en or zh-CN "
            + "(default: ${DEFAULT-VALUE}). Both READMEs are always written.")
    String lang;

    @Option(names = "--procmon", paramLabel = "PATH", description = "Procmon.exe or Procmon64.exe to ship in the kit: "
            + "with it the kit also records a procmon boot log (PML, with stacks).")
    Path procmon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (procmon != null && !isWindowsExecutable(procmon)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--procmon must name Procmon.exe or Procmon64.exe; " + procmon + " is not a Windows executable");
        }
        CaptureKit.Options options;
        try {
            options = new CaptureKit.Options(target, lang, procmon, BuildVersion.current());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        OutputChecks.folder(spec, output);
        List<Path> written = CaptureKit.write(output, options);
        for (Path p : written) {
            spec.commandLine().getOut().println(p);
        }
        if (procmon == null) {
            spec.commandLine().getErr().println("lockscope: no --procmon: the kit records a WPR boot trace only "
                    + "(a customer may still drop Procmon64.exe next to collect.cmd)");
        }
        return ExitCode.OK.code();
    }

    /** A PE file starts with the DOS header's "MZ". */
    private static boolean isWindowsExecutable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'M' && head[1] == 'Z';
        }
    }
}
