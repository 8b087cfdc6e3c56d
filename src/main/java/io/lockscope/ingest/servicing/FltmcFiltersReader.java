package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code fltmc filters} (or plain {@code fltmc}) output (servicing.md §6.4):
 * <pre>
 * Filter Name                     Num Instances    Altitude    Frame
 * ------------------------------  -------------  ------------  -----
 * WdFilter                                5       328010         0
 * AVLegacy                                        389998.99   &lt;Legacy&gt;
 * </pre>
 * Columns are fixed but right-aligned, and a legacy filter has no instance count, so a number is
 * assigned to the column whose dash run it ends under, not by its position among the tokens.
 */
public final class FltmcFiltersReader extends LineLogReader {
    static final String LEGACY = "<Legacy>";
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*Filter Name\\s+Num Instances\\s+Altitude\\s+Frame\\s*$");
    private static final Pattern DASHES = Pattern.compile("^\\s*-+(\\s+-+)+\\s*$");
    private static final Pattern ALTITUDE = Pattern.compile("\\d+(\\.\\d+)?");
    private static final String FAILED = "Filter listing failed with error";

    @Override
    public InputFormat format() {
        return InputFormat.FILTER_LIST;
    }

    @Override
    public String kind() {
        return "fltmc filters";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        for (String line : HeadText.lines(head, length, 10)) {
            if (HEADER.matcher(line).matches() || line.startsWith(FAILED)) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser(displayName);
    }

    /** Where each dash run of the underline starts and ends: the column boundaries. */
    static int[][] columns(String dashes) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < dashes.length()) {
            if (dashes.charAt(i) == '-') {
                int start = i;
                while (i < dashes.length() && dashes.charAt(i) == '-') {
                    i++;
                }
                spans.add(new int[]{start, i});
            } else {
                i++;
            }
        }
        return spans.toArray(new int[0][]);
    }

    /** The column a token ending at {@code end} (exclusive) belongs to: the nearest dash run. */
    static int columnOf(int[][] columns, int start, int end) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int c = 0; c < columns.length; c++) {
            int distance = end <= columns[c][0] ? columns[c][0] - end + 1
                    : start >= columns[c][1] ? start - columns[c][1] + 1 : 0;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    private static final class Parser implements LineParser {
        private final String input;
        private final ServicingFacts.Builder facts = new ServicingFacts.Builder();
        private int[][] columns;
        private boolean header;

        Parser(String input) {
            this.input = input;
        }

        @Override
        public boolean line(String text, long number, boolean cut) throws BadInputException {
            if (text.startsWith(FAILED)) {
                throw new BadInputException.Unsupported(input, BadInputException.line(number),
                        "fltmc could not list filters when this was captured (" + text.strip()
                                + "); run it from an elevated prompt");
            }
            if (HEADER.matcher(text).matches()) {
                // the header's words stand over their columns too; the dash line, when present, is exact
                columns = columns(text.replaceAll("\\S", "-").replace("- -", "---"));
                header = true;
                return true;
            }
            if (header && DASHES.matcher(text).matches()) {
                columns = columns(text);
                return true;
            }
            if (columns == null || columns.length < 4 || text.isBlank()) {
                return false;
            }
            return row(text);
        }

        private boolean row(String text) {
            String name = null;
            Integer instances = null;
            String altitude = null;
            Integer frame = null;
            boolean legacy = false;
            int i = 0;
            while (i < text.length()) {
                if (text.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < text.length() && text.charAt(i) != ' ') {
                    i++;
                }
                String token = text.substring(start, i);
                if (name == null) {
                    name = token;
                    continue;
                }
                if (token.equals(LEGACY)) {
                    legacy = true;
                    continue;
                }
                if (!ALTITUDE.matcher(token).matches()) {
                    return false;
                }
                int column = columnOf(columns, start, i);
                if (column == 1) {
                    instances = Numbers.intOrNull(token);
                } else if (column == 2) {
                    altitude = token;
                } else if (column == 3) {
                    frame = Numbers.intOrNull(token);
                }
                if (column == 0 || column > 3 || column == 1 && instances == null || column == 3 && frame == null) {
                    return false;
                }
            }
            if (name == null || altitude == null && !legacy) {
                return false;
            }
            facts.filters.add(new InstalledFilter(name, altitude, frame, legacy, instances, List.of(),
                    FilterSource.FLTMC_FILTERS));
            return true;
        }

        @Override
        public ServicingFacts finish() {
            return facts.build();
        }
    }
}
