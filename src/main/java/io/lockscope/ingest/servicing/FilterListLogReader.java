package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %windir%\Logs\CBS\FilterList.log}, written by CBS when it files a servicing failure report
 * (servicing.md §0 item 4, §2.2): one row per minifilter, the name right-aligned in about 40 columns,
 * then the instance count and the frame right-aligned in 16 columns each. There is no altitude.
 */
public final class FilterListLogReader extends LineLogReader {
    private static final Pattern ROW = Pattern.compile("^\\s+(\\S+)\\s{2,}(\\d+)\\s{2,}(\\d+)\\s*$");

    @Override
    public InputFormat format() {
        return InputFormat.FILTER_LIST;
    }

    @Override
    public String kind() {
        return "FilterList.log";
    }

    /** At least two right-aligned rows, and more than twice as many rows as other non-blank lines. */
    @Override
    public Confidence confidence() {
        return Confidence.LINE_PATTERN;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        int rows = 0;
        int others = 0;
        for (String line : HeadText.lines(head, length, 30)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches() && m.start(1) >= 8) {
                rows++;
            } else {
                others++;
            }
        }
        return rows >= 2 && rows > 2 * others;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser();
    }

    private static final class Parser implements LineParser {
        private final ServicingFacts.Builder facts = new ServicingFacts.Builder();

        @Override
        public boolean line(String text, long number, boolean cut) {
            Matcher m = ROW.matcher(text);
            if (!m.matches()) {
                return false;
            }
            Integer instances = Numbers.intOrNull(m.group(2));
            Integer frame = Numbers.intOrNull(m.group(3));
            if (instances == null || frame == null) {
                return false;
            }
            facts.filters.add(new InstalledFilter(m.group(1), null, frame, false, instances, List.of(),
                    FilterSource.FILTER_LIST_LOG));
            return true;
        }

        @Override
        public ServicingFacts finish() {
            return facts.build();
        }
    }
}
