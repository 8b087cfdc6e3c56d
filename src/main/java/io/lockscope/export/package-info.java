/**
 * Streaming writers of what procmon's "Save…" writes: {@link io.lockscope.export.csv.ProcmonCsvWriter}
 * and {@link io.lockscope.export.xml.ProcmonXmlWriter}, row at a time from {@link io.lockscope.export.EventRow}s
 * or a whole {@link io.lockscope.model.Trace} ({@code lockscope convert --to csv|xml}). Columns, regional
 * style and time zone are chosen with {@link io.lockscope.export.ExportOptions}; cell texts come from
 * {@link io.lockscope.export.ProcmonCells}, Detail from {@link io.lockscope.model.vocab.DetailFormat}.
 */
package io.lockscope.export;
