package io.lockscope.generate;

import io.lockscope.export.EventWriter;
import io.lockscope.export.ExportOptions;
import io.lockscope.export.csv.ProcmonCsvWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code boot_log.csv}: the case's procmon boot log as procmon's "Save as CSV" writes it. */
public final class ProcmonCsvFormat implements CaseFormat {
    public static final String FILE_NAME = "boot_log.csv";

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public EventWriter open(Path directory, CaseContext context) throws IOException {
        GenerateOptions o = context.options();
        ExportOptions export = new ExportOptions(o.columns(), o.locale(), o.zone(), false);
        return new ProcmonCsvWriter(new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE_NAME))),
                export, context.timeBase());
    }
}
