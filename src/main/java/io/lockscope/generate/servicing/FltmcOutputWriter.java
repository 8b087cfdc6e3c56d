package io.lockscope.generate.servicing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes what the filter listings of a {@link ServicingScenario} look like: {@code fltmc filters}
 * output (columns as in the real captures quoted in servicing.md §6.4, legacy filters without an
 * instance count and with {@code <Legacy>} as frame) and CBS's FilterList.log (servicing.md §2.2: name
 * right-aligned in 40 columns, instance count and frame in 16 each; no altitude, no legacy filters).
 */
public final class FltmcOutputWriter {
    private FltmcOutputWriter() {
    }

    /**
     * Writes {@code fltmc filters} output to {@code file}; {@code powershellRedirect} writes it as
     * PowerShell 5's {@code >} does (UTF-16LE with a BOM), else as cmd.exe's (8-bit).
     */
    public static void writeFilters(ServicingScenario scenario, Path file, boolean powershellRedirect)
            throws IOException {
        try (BufferedWriter w = powershellRedirect ? LogFiles.open(file, StandardCharsets.UTF_16LE, true)
                : LogFiles.open(file, StandardCharsets.UTF_8, false)) {
            writeFilters(scenario, w);
        }
    }

    public static void writeFilters(ServicingScenario scenario, Writer out) throws IOException {
        out.write("\r\n");
        out.write("Filter Name                     Num Instances    Altitude    Frame\r\n");
        out.write("------------------------------  -------------  ------------  -----\r\n");
        for (FilterSpec f : scenario.filters()) {
            String instances = f.instances() == null ? "" : f.instances().toString();
            String altitude = f.altitude() == null ? "" : f.altitude();
            out.write(f.isLegacy()
                    ? String.format("%-32s%9s%16s   <Legacy>\r\n", f.name(), instances, altitude)
                    : String.format("%-32s%9s%13s%10d\r\n", f.name(), instances, altitude, f.frame()));
        }
    }

    public static void writeFilterList(ServicingScenario scenario, Path file) throws IOException {
        try (BufferedWriter w = LogFiles.open(file, StandardCharsets.UTF_8, false)) {
            writeFilterList(scenario, w);
        }
    }

    public static void writeFilterList(ServicingScenario scenario, Writer out) throws IOException {
        for (FilterSpec f : scenario.filters()) {
            if (!f.isLegacy()) {
                out.write(String.format("%40s%16d%16d\r\n", f.name(), f.instances(), f.frame()));
            }
        }
    }
}
