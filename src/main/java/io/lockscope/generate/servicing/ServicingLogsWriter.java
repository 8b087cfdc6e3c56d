package io.lockscope.generate.servicing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes all servicing logs of a {@link ServicingScenario} into a case folder, named as Windows names them. */
public final class ServicingLogsWriter {
    public static final String CBS_LOG = "CBS.log";
    public static final String SETUPAPI_LOG = "setupapi.dev.log";
    public static final String FLTMC_FILTERS = "fltmc-filters.txt";
    public static final String FILTER_LIST_LOG = "FilterList.log";

    private ServicingLogsWriter() {
    }

    /**
     * Writes CBS.log, setupapi.dev.log and {@code fltmc filters} output (as PowerShell redirects it,
     * UTF-16LE) into {@code folder}, plus CBS's FilterList.log when the update failed (CBS writes it only
     * with a failure report). Returns the files written.
     */
    public static List<Path> write(ServicingScenario scenario, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path cbs = folder.resolve(CBS_LOG);
        Path setupapi = folder.resolve(SETUPAPI_LOG);
        Path fltmc = folder.resolve(FLTMC_FILTERS);
        CbsLogWriter.write(scenario, cbs);
        SetupapiLogWriter.write(scenario, setupapi);
        FltmcOutputWriter.writeFilters(scenario, fltmc, true);
        if (scenario.succeeds()) {
            return List.of(cbs, setupapi, fltmc);
        }
        Path filterList = folder.resolve(FILTER_LIST_LOG);
        FltmcOutputWriter.writeFilterList(scenario, filterList);
        return List.of(cbs, setupapi, fltmc, filterList);
    }
}
