package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.DriverUpdate;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingSource;
import io.lockscope.model.servicing.SetupapiBootSession;
import io.lockscope.model.servicing.SetupapiProblem;
import io.lockscope.model.servicing.SetupapiSection;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * setupapi.dev.log (and setupapi.offline.log): a header, then {@code [Boot Session: …]} markers and
 * sections {@code >>>  [title]} / {@code >>>  Section start …} / body / {@code <<<  Section end …} /
 * {@code <<<  [Exit status: …]} (windows-driver-docs {@code install/format-of-a-text-log-*.md};
 * real 17763 forms in servicing.md §1.3, §2.3). For {@code [Stage|Install Driver Updates]} sections the
 * packages are kept in processing order with whether their active package changed.
 */
public final class SetupapiLogReader extends LineLogReader {
    private static final String STAMP = "(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?";
    private static final Pattern BOOT_SESSION = Pattern.compile("^\\[Boot Session: " + STAMP + "\\]");
    private static final Pattern SECTION_HEADER = Pattern.compile("^>>>\\s+\\[(.*)\\]\\s*$");
    /** {@code >>>  Section start <stamp>} (real logs) or {@code >>>  <stamp>: Section start} (the docs' sample). */
    private static final Pattern SECTION_START = Pattern.compile("^>>>\\s+(?:Section start " + STAMP + "|" + STAMP
            + ": Section start)");
    private static final Pattern SECTION_END = Pattern.compile("^<<<\\s+(?:Section end " + STAMP + "|" + STAMP
            + ": Section end)");
    private static final Pattern EXIT_STATUS = Pattern.compile("^<<<\\s+\\[Exit [Ss]tatus:?\\s*(.*?)\\]\\s*$");
    private static final Pattern BODY = Pattern.compile("^(!!!  |!    |     )\\s*(?:([a-z.]{2,3} ?):\\s)?\\s*(.*)$");
    private static final Pattern PACKAGE_OP = Pattern.compile(
            "^\\{(Stage|Publish) Driver Package: (?!exit\\()(.+?)\\}(?:\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d{3})?\\s*$");
    private static final Pattern PACKAGE_EXIT = Pattern.compile(
            "^\\{(Stage|Publish) Driver Package: exit\\((0x[0-9a-fA-F]{1,8})\\)\\}");
    private static final Pattern TRAILING_TIME = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})\\s*$");
    private static final Pattern CODE = Pattern.compile(
            "(?:\\bError|\\berror|\\bexit|\\bCode)\\s*[=(:]?\\s*(0x[0-9A-Fa-f]{1,8}|\\d+)|\\((0x)?([0-9A-Fa-f]{8})\\)");
    private static final Pattern EXIT_CODE = Pattern.compile("0x([0-9A-Fa-f]{1,8})");

    @Override
    public InputFormat format() {
        return InputFormat.SETUPAPI_LOG;
    }

    @Override
    public String kind() {
        return "setupapi.dev.log";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        for (String line : HeadText.lines(head, length, 40)) {
            if (line.startsWith("[Device Install Log]") || BOOT_SESSION.matcher(line).find()
                    || SECTION_HEADER.matcher(line).matches() || line.startsWith("[SetupAPI Log]")) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser(displayName, report);
    }

    /** The stamp whose year is group {@code first}, or null when its fields do not make a time. */
    private static LocalDateTime stamp(Matcher m, int first) {
        String ms = m.group(first + 6);
        int nanos = ms == null ? 0 : Integer.parseInt((ms + "00").substring(0, 3)) * 1_000_000;
        return LocalTimes.of(Integer.parseInt(m.group(first)), Integer.parseInt(m.group(first + 1)),
                Integer.parseInt(m.group(first + 2)), Integer.parseInt(m.group(first + 3)),
                Integer.parseInt(m.group(first + 4)), Integer.parseInt(m.group(first + 5)), nanos);
    }

    /** The INF file name at the end of a package path ({@code …\oposdrv.inf_x86_…\oposdrv.inf}). */
    static String infName(String path) {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }

    private static final class PackageDraft {
        final String inf;
        final String path;
        final long line;
        final boolean publish;
        boolean changed;
        boolean alreadyImported;
        boolean failed;
        Integer exit;

        PackageDraft(String path, boolean publish, long line) {
            this.inf = infName(path);
            this.path = path;
            this.publish = publish;
            this.line = line;
        }

        DriverUpdate build() {
            boolean activeChanged = publish ? changed : !alreadyImported;
            return new DriverUpdate(inf, path, activeChanged || failed || (exit != null && exit != 0), exit, line);
        }
    }

    private static final class SectionDraft {
        final String title;
        final String instance;
        final long line;
        LocalDateTime start;
        LocalDateTime end;
        String exitStatus;
        Integer exitCode;
        String command;
        final List<SetupapiProblem> problems = new ArrayList<>();
        final List<PackageDraft> packages = new ArrayList<>();
        PackageDraft current;

        SectionDraft(String header, long line) {
            int dash = header.indexOf(" - ");
            this.title = dash < 0 ? header.strip() : header.substring(0, dash).strip();
            this.instance = dash < 0 ? null : header.substring(dash + 3).strip();
            this.line = line;
        }

        boolean driverUpdates() {
            return SetupapiSection.isDriverUpdatesTitle(title);
        }

        SetupapiSection build() {
            List<DriverUpdate> updates = new ArrayList<>(packages.size());
            for (PackageDraft p : packages) {
                updates.add(p.build());
            }
            return new SetupapiSection(title, instance, start, end, exitStatus, exitCode, command, line, problems,
                    updates);
        }
    }

    private static final class Parser implements LineParser {
        private final ReadReport report;
        private final ServicingFacts.Builder facts = new ServicingFacts.Builder();
        private final BoundedEvents events;
        private LocalDateTime bootStart;
        private long bootLine;
        private final List<SetupapiSection> bootSections = new ArrayList<>();
        private SectionDraft section;
        /** Local time of the last stamped line in the current section (body lines carry only a time of day). */
        private LocalDateTime clock;

        Parser(String input, ReadReport report) {
            this.report = report;
            this.events = new BoundedEvents(ServicingSource.SETUPAPI_LOG, input, facts.events);
            facts.servicingLogs.add(input);
        }

        @Override
        public boolean line(String text, long number, boolean cut) {
            if (text.isBlank()) {
                return true;
            }
            Matcher m = BOOT_SESSION.matcher(text);
            if (m.find()) {
                LocalDateTime start = stamp(m, 1);
                if (start == null) {
                    return false;
                }
                closeSection();
                closeBoot();
                bootStart = start;
                bootLine = number;
                event(number, bootStart, text.strip());
                return true;
            }
            m = SECTION_HEADER.matcher(text);
            if (m.matches()) {
                closeSection();
                section = new SectionDraft(m.group(1), number);
                return true;
            }
            if (text.startsWith(">>>")) {
                m = SECTION_START.matcher(text);
                LocalDateTime start = m.find() && section != null ? stamp(m, m.group(1) != null ? 1 : 8) : null;
                if (start != null) {
                    section.start = start;
                    clock = start;
                    if (section.driverUpdates()) {
                        event(section.line, section.start, "[" + section.title + "] started");
                    }
                    return true;
                }
                return false;
            }
            if (text.startsWith("<<<")) {
                return footer(text, number);
            }
            if (text.startsWith("[") || text.startsWith("     ") && section == null) {
                return true; // the log header: [Device Install Log], [BeginLog], OS Version = …
            }
            m = BODY.matcher(text);
            if (!m.matches() || section == null) {
                return false;
            }
            body(m.group(1), m.group(2), m.group(3), number);
            return true;
        }

        private boolean footer(String text, long number) {
            if (section == null) {
                return false;
            }
            Matcher m = SECTION_END.matcher(text);
            if (m.find()) {
                section.end = stamp(m, m.group(1) != null ? 1 : 8);
                return section.end != null;
            }
            m = EXIT_STATUS.matcher(text);
            if (m.find()) {
                String status = m.group(1).strip();
                if (status.startsWith("(")) {
                    status = status.substring(1, status.length() - (status.endsWith(")") ? 1 : 0));
                }
                section.exitStatus = status;
                Matcher code = EXIT_CODE.matcher(status);
                if (code.find()) {
                    section.exitCode = (int) Long.parseLong(code.group(1), 16);
                } else if (status.startsWith("SUCCESS")) {
                    section.exitCode = 0;
                }
                if (section.exitCode != null && section.exitCode != 0) {
                    event(number, section.end, "[" + section.title + "] exit status: " + status);
                }
                closeSection();
                return true;
            }
            return false;
        }

        private void body(String prefix, String category, String message, long number) {
            advanceClock(message);
            String cat = category == null ? null : category.strip();
            if ("cmd".equals(cat)) {
                section.command = message.strip();
                return;
            }
            if (section.driverUpdates()) {
                packageLine(message, number);
            }
            boolean error = prefix.startsWith("!!!");
            if (error || prefix.startsWith("!")) {
                PackageDraft p = section.current;
                if (error && p != null) {
                    p.failed = true;
                }
                section.problems.add(new SetupapiProblem(error, cat, message.strip(), code(message),
                        p == null ? null : p.inf, number));
                if (error) {
                    event(number, clock, text(prefix, cat, message));
                }
            }
        }

        private void packageLine(String message, long number) {
            Matcher m = PACKAGE_OP.matcher(message);
            if (m.find()) {
                section.current = new PackageDraft(m.group(2).strip(), m.group(1).equals("Publish"), number);
                section.packages.add(section.current);
                return;
            }
            PackageDraft p = section.current;
            if (p == null) {
                return;
            }
            m = PACKAGE_EXIT.matcher(message);
            if (m.find()) {
                p.exit = (int) Long.parseLong(m.group(2).substring(2), 16);
                section.current = null;
            } else if (message.startsWith("Changing active driver package from")) {
                p.changed = true;
            } else if (message.startsWith("Driver package already imported")) {
                p.alreadyImported = true;
            }
        }

        /** Body lines may end in {@code hh:mm:ss.sss}; the date is the section's (rolling over midnight). */
        private void advanceClock(String message) {
            Matcher t = TRAILING_TIME.matcher(message);
            if (clock == null || !t.find()) {
                return;
            }
            LocalDateTime next = LocalTimes.of(clock.getYear(), clock.getMonthValue(), clock.getDayOfMonth(),
                    Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)), Integer.parseInt(t.group(3)),
                    Integer.parseInt(t.group(4)) * 1_000_000);
            if (next == null) {
                return;
            }
            clock = next.isBefore(clock.minusHours(1)) ? next.plusDays(1) : next;
        }

        private static Integer code(String message) {
            Matcher m = CODE.matcher(message);
            if (!m.find()) {
                return null;
            }
            try {
                if (m.group(1) != null) {
                    String v = m.group(1);
                    return v.startsWith("0x") ? (int) Long.parseLong(v.substring(2), 16) : Integer.parseInt(v);
                }
                return (int) Long.parseLong(m.group(3), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String text(String prefix, String category, String message) {
            return prefix.strip() + " " + (category == null ? "" : category + ": ") + message.strip();
        }

        private void event(long line, LocalDateTime time, String text) {
            events.add(line, time, text);
        }

        private void closeSection() {
            if (section != null) {
                bootSections.add(section.build());
                section = null;
                clock = null;
            }
        }

        private void closeBoot() {
            if (bootStart != null || !bootSections.isEmpty()) {
                facts.bootSessions.add(new SetupapiBootSession(bootStart, bootLine, bootSections));
                bootSections.clear();
            }
        }

        @Override
        public ServicingFacts finish() {
            closeSection();
            closeBoot();
            events.finish(report);
            return facts.build();
        }
    }
}
