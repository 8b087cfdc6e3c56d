package io.lockscope.generate;

import io.lockscope.export.EventWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One kind of file a generated case can contain (a procmon CSV, a procmon XML, later a PML, a CBS.log,
 * a setupapi.dev.log, fltmc output). The generator opens every chosen format once, feeds each writer
 * every event in time order, then closes it. A writer that does not need events (a servicing log
 * written from {@link CaseContext#facts()}) ignores them and writes in {@code close()}.
 */
public interface CaseFormat {
    /** The id used by {@code --formats} ("csv"). */
    String id();

    /** Opens the writer of this format's file(s) in {@code directory}. */
    EventWriter open(Path directory, CaseContext context) throws IOException;
}
