package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fltmc instances} output (servicing.md §6.4): one row per filter instance, columns
 * {@code Filter, Volume Name, Altitude, Instance Name, Frame[, SprtFtrs, VlStatus]} varying by build.
 * The volume may be blank and instance names contain spaces, so a row is split on the altitude
 * token (the first number after the filter name) rather than on whitespace. Rows are folded into one
 * {@link InstalledFilter} per filter with its volumes.
 */
public final class FltmcInstancesReader extends LineLogReader {
    private static final Pattern HEADER = Pattern.compile("^\\s*Filter\\s+Volume Name\\s+Altitude\\s+Instance Name.*$");
    private static final Pattern DASHES = Pattern.compile("^\\s*-+(\\s+-+)+\\s*$");
    /** filter, volume (may be empty), altitude, instance name, frame, the rest (SprtFtrs, VlStatus). */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(.*?)\\s*(?<!\\S)(\\d+(?:\\.\\d+)?)\\s+(.*?)\\s+(\\d+|<Legacy>)(?:\\s+(.*))?$");

    @Override
    public InputFormat format() {
        return InputFormat.FILTER_LIST;
    }

    @Override
    public String kind() {
        return "fltmc instances";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        for (String line : HeadText.lines(head, length, 10)) {
            if (HEADER.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser();
    }

    private static final class Row {
        final String altitude;
        final Integer frame;
        final boolean legacy;
        final List<String> volumes = new ArrayList<>();
        int instances;

        Row(String altitude, Integer frame, boolean legacy) {
            this.altitude = altitude;
            this.frame = frame;
            this.legacy = legacy;
        }
    }

    private static final class Parser implements LineParser {
        private final Map<String, Row> filters = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private boolean header;

        @Override
        public boolean line(String text, long number, boolean cut) {
            if (HEADER.matcher(text).matches()) {
                header = true;
                return true;
            }
            if (!header || text.isBlank()) {
                return false;
            }
            if (DASHES.matcher(text).matches()) {
                return true;
            }
            Matcher m = ROW.matcher(text.stripTrailing());
            if (!m.matches()) {
                return false;
            }
            String name = m.group(1);
            boolean legacy = m.group(5).equals(FltmcFiltersReader.LEGACY);
            Integer frame = legacy ? null : Numbers.intOrNull(m.group(5));
            if (!legacy && frame == null) {
                return false;
            }
            String key = name.toLowerCase(Locale.ROOT);
            Row row = filters.computeIfAbsent(key, k -> new Row(m.group(3), frame, legacy));
            names.putIfAbsent(key, name);
            row.instances++;
            String volume = m.group(2).strip();
            if (!volume.isEmpty() && !row.volumes.contains(volume)) {
                row.volumes.add(volume);
            }
            return true;
        }

        @Override
        public ServicingFacts finish() {
            ServicingFacts.Builder facts = new ServicingFacts.Builder();
            for (Map.Entry<String, Row> e : filters.entrySet()) {
                Row r = e.getValue();
                facts.filters.add(new InstalledFilter(names.get(e.getKey()), r.altitude, r.frame, r.legacy,
                        r.instances, r.volumes, FilterSource.FLTMC_INSTANCES));
            }
            return facts.build();
        }
    }
}
