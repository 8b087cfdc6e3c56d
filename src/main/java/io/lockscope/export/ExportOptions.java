package io.lockscope.export;

import io.lockscope.model.vocab.ProcmonColumn;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What a procmon export looks like: which columns, in which regional style, in which time zone.
 *
 * @param columns the exported columns in order (procmon exports what its column map shows)
 * @param locale  number and time style
 * @param zone    the zone UTC times are shown in (procmon renders in the exporting machine's zone); local
 *                and time-of-day traces are written as they are
 * @param stacks  whether the XML export carries {@code <stack>} elements (procmon's {@code /SaveAs1});
 *                CSV never does
 * @param version the procmon release whose rendering is reproduced where releases differ
 */
public record ExportOptions(List<ProcmonColumn> columns, ProcmonLocale locale, ZoneId zone, boolean stacks,
                            ProcmonVersion version) {
    public static final ExportOptions DEFAULT =
            new ExportOptions(ProcmonColumn.DEFAULT, ProcmonLocale.EN_US, ZoneOffset.UTC, false);

    public ExportOptions {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("at least one column is needed");
        }
        if (locale == null || zone == null || version == null) {
            throw new IllegalArgumentException("locale, zone and version are required");
        }
        columns = List.copyOf(columns);
    }

    /** An export as the newest procmon writes it. */
    public ExportOptions(List<ProcmonColumn> columns, ProcmonLocale locale, ZoneId zone, boolean stacks) {
        this(columns, locale, zone, stacks, ProcmonVersion.LATEST);
    }

    public ExportOptions withColumns(List<ProcmonColumn> newColumns) {
        return new ExportOptions(newColumns, locale, zone, stacks, version);
    }

    public ExportOptions withLocale(ProcmonLocale newLocale) {
        return new ExportOptions(columns, newLocale, zone, stacks, version);
    }

    public ExportOptions withZone(ZoneId newZone) {
        return new ExportOptions(columns, locale, newZone, stacks, version);
    }

    public ExportOptions withStacks(boolean withStacks) {
        return new ExportOptions(columns, locale, zone, withStacks, version);
    }

    public ExportOptions withVersion(ProcmonVersion newVersion) {
        return new ExportOptions(columns, locale, zone, stacks, newVersion);
    }
}
