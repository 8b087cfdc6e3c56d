package io.lockscope.generate;

import io.lockscope.export.EventWriter;
import io.lockscope.export.ExportOptions;
import io.lockscope.export.xml.ProcmonXmlWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code boot_log.xml}: the case's procmon boot log as procmon's "Save as XML" with stacks writes it. */
public final class ProcmonXmlFormat implements CaseFormat {
    public static final String FILE_NAME = "boot_log.xml";

    @Override
    public String id() {
        return "xml";
    }

    @Override
    public EventWriter open(Path directory, CaseContext context) throws IOException {
        GenerateOptions o = context.options();
        ExportOptions export = new ExportOptions(o.columns(), o.locale(), o.zone(), true);
        return new ProcmonXmlWriter(new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE_NAME))),
                export, context.timeBase(), context.processes());
    }
}
