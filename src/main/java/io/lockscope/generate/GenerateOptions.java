package io.lockscope.generate;

import io.lockscope.export.ProcmonLocale;
import io.lockscope.model.vocab.ProcmonColumn;

import java.time.ZoneOffset;
import java.util.List;

/**
 * How to generate a case.
 *
 * @param seed    same seed (and same other options) → byte-identical files
 * @param events  exact number of events in every trace written
 * @param formats the output formats, each written once into the case directory
 * @param locale  regional style of the procmon exports
 * @param zone    the capturing machine's UTC offset (exports show local time)
 * @param columns the columns of the procmon exports
 */
public record GenerateOptions(long seed, long events, List<CaseFormat> formats, ProcmonLocale locale, ZoneOffset zone,
                              List<ProcmonColumn> columns) {
    public static final long DEFAULT_EVENTS = 100_000;
    /** The banks of the real cases are in China (UTC+8). */
    public static final ZoneOffset DEFAULT_ZONE = ZoneOffset.ofHours(8);

    public GenerateOptions {
        if (events < 0) {
            throw new IllegalArgumentException("event count must not be negative: " + events);
        }
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        if (locale == null || zone == null || columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("locale, zone and columns are required");
        }
        formats = List.copyOf(formats);
        columns = List.copyOf(columns);
    }

    /** Seed 1, 100,000 events, CSV and XML, en-US, UTC+8, all 27 columns. */
    public static GenerateOptions defaults() {
        return new GenerateOptions(1, DEFAULT_EVENTS, CaseFormats.parse("csv,xml"), ProcmonLocale.EN_US,
                DEFAULT_ZONE, ProcmonColumn.ALL);
    }

    public GenerateOptions withSeed(long newSeed) {
        return new GenerateOptions(newSeed, events, formats, locale, zone, columns);
    }

    public GenerateOptions withEvents(long newEvents) {
        return new GenerateOptions(seed, newEvents, formats, locale, zone, columns);
    }

    public GenerateOptions withFormats(List<CaseFormat> newFormats) {
        return new GenerateOptions(seed, events, newFormats, locale, zone, columns);
    }

    public GenerateOptions withLocale(ProcmonLocale newLocale) {
        return new GenerateOptions(seed, events, formats, newLocale, zone, columns);
    }

    public GenerateOptions withZone(ZoneOffset newZone) {
        return new GenerateOptions(seed, events, formats, locale, newZone, columns);
    }

    public GenerateOptions withColumns(List<ProcmonColumn> newColumns) {
        return new GenerateOptions(seed, events, formats, locale, zone, newColumns);
    }
}
