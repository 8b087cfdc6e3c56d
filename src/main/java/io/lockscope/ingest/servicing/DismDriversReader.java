package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code dism /online /get-drivers [/all] [/format:table|list]} output (servicing.md §2.4), English
 * labels. The list format is {@code Key : value} blocks; the table format a {@code |}-separated header
 * row, a dash row and one row per package, read by the header's column names.
 */
public final class DismDriversReader extends LineLogReader {
    private static final Pattern DASH_ROW = Pattern.compile("^[-\\s|]+$");

    @Override
    public InputFormat format() {
        return InputFormat.DRIVER_LIST;
    }

    @Override
    public String kind() {
        return "dism /get-drivers";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        boolean dism = false;
        for (String line : HeadText.lines(head, length, 40)) {
            if (line.startsWith("Deployment Image Servicing and Management tool")) {
                dism = true;
            }
            if (line.startsWith("Original File Name") || line.startsWith("Published Name") && line.contains("|")
                    || dism && line.startsWith("Driver packages listing")) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser();
    }

    private static final class Parser implements LineParser {
        private final DriverListParser drivers = new DriverListParser();
        private String[] tableColumns;

        @Override
        public boolean line(String text, long number, boolean cut) {
            if (text.contains("|")) {
                return tableLine(text);
            }
            if (text.startsWith("Deployment Image Servicing") || text.startsWith("Obtaining list of")
                    || text.startsWith("Driver packages listing") || text.startsWith("The operation completed")) {
                return true;
            }
            return drivers.line(text);
        }

        private boolean tableLine(String text) {
            String[] cells = text.split("\\|", -1);
            if (tableColumns == null) {
                if (!cells[0].strip().equalsIgnoreCase("Published Name")) {
                    return false;
                }
                tableColumns = new String[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    tableColumns[i] = cells[i].strip().toLowerCase(Locale.ROOT);
                }
                return true;
            }
            if (DASH_ROW.matcher(text).matches()) {
                return true;
            }
            if (cells.length != tableColumns.length) {
                return false;
            }
            for (int i = 0; i < cells.length; i++) {
                drivers.field(tableColumns[i], cells[i].strip());
            }
            drivers.close();
            return true;
        }

        @Override
        public ServicingFacts finish() {
            return drivers.finish();
        }
    }
}
