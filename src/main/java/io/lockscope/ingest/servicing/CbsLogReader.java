package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.CbsSession;
import io.lockscope.model.servicing.DriverOperationResult;
import io.lockscope.model.servicing.ExecuteStateChange;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ProcessingOutcome;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingQueue;
import io.lockscope.model.servicing.ServicingSource;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CBS.log and its rotated copies CbsPersist_*.log (servicing.md §1.2, §2.1). A record is
 * {@code YYYY-MM-DD HH:MM:SS, <level> <component> <message>} in local time; lines without the
 * timestamp continue the previous record (long CSI messages, and HRESULTs that wrap). The reader
 * follows CBS through its processing blocks (online, {@code Shtd:}, {@code Startup:}) and keeps the
 * first failure of each failing block with what CBS says about it afterwards.
 */
public final class CbsLogReader extends LineLogReader {
    /** A line that starts like a record but is not one: damaged, not a continuation. */
    private static final Pattern BROKEN_RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} ");
    private static final Pattern HRESULT = Pattern.compile(
            "\\[HRESULT = (0x[0-9a-fA-F]{8})(?: - ([A-Za-z0-9_]+))?\\]");
    private static final Pattern DOQE_RESULT = Pattern.compile(
            "Doqe: Recording result: (0x[0-9a-fA-F]{1,8}), for Inf: (\\S+?)\\.?$");
    private static final Pattern INSTALL_INDEX = Pattern.compile(
            "(?:INSTALL|UNINSTALL|STAGE|UNSTAGE) index: (\\d+), phase: (\\d+), result (\\d+), inf: (\\S+)");
    private static final Pattern EXECUTE_STATE = Pattern.compile("Setting ExecuteState key to: (.+)$");
    private static final Pattern ORIGINAL_STATUS = Pattern.compile(
            "(?:Setting|Retrieved) original failure status: (0x[0-9a-fA-F]{8})");
    private static final Pattern WER = Pattern.compile(
            "WER: Generating failure report for package: ([^,\\s]+), status: (0x[0-9a-fA-F]+), failure source: (\\w+)");
    private static final Pattern SESSION_INIT = Pattern.compile(
            "Session: (\\S+) initialized by client (\\S+?)[,.]?(?:\\s|$)");
    private static final Pattern SESSION_FINAL = Pattern.compile(
            "Session: (\\S+) finalized\\. Reboot required: (yes|no)");
    private static final Pattern INSTALLING_PACKAGE = Pattern.compile(
            "Exec: (?:Installing|Uninstalling|Staging) Package: ([^,\\s]+)(?:, Update: ([^,\\s]+))?");
    /** {@code KB5016623} anywhere, {@code Package_for_KB…~}, or an {@code Update:} value starting with the number. */
    private static final Pattern KB = Pattern.compile(
            "(?i)\\bKB(\\d{6,8})\\b|Package_for_KB(\\d{6,8})~|^(\\d{6,8})(?:\\D|$)");
    private static final Pattern CSI_UTC = Pattern.compile(
            "^[0-9a-f]{8}@(\\d{4})/(\\d{1,2})/(\\d{1,2}):(\\d{2}):(\\d{2}):(\\d{2})\\.\\d{3} ");
    private static final Pattern UNIVERSAL_TIME = Pattern.compile(
            "Universal Time is:?\\s*(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})[ T:](\\d{1,2}):(\\d{2}):(\\d{2})");
    private static final int MAX_RECORD_CHARS = 16 * 1024;
    /** {@code YYYY-MM-DD HH:MM:SS}. */
    private static final int STAMP_CHARS = 19;

    @Override
    public InputFormat format() {
        return InputFormat.CBS_LOG;
    }

    @Override
    public String kind() {
        return "CBS.log";
    }

    /** Most of the first non-blank lines are CBS records (a line pasted in by hand is tolerated). */
    @Override
    public Confidence confidence() {
        return Confidence.LINE_PATTERN;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        int records = 0;
        int others = 0;
        for (String line : HeadText.lines(head, length, 20)) {
            if (line.isBlank()) {
                continue;
            }
            if (RecordLine.parse(line) != null) {
                records++;
            } else {
                others++;
            }
        }
        return records > 0 && records >= others;
    }

    /**
     * The fixed columns of a record line, {@code YYYY-MM-DD HH:MM:SS, <level> <component> <message>}
     * (servicing.md §2.1), split by hand: this runs on every line of logs of hundreds of MB.
     *
     * @param messageStart index of the message in the line
     */
    record RecordLine(String level, String component, int messageStart) {
        private static final String STAMP_SHAPE = "dddd-dd-dd dd:dd:dd, ";

        /** The record on {@code line}, or null when the line does not have the shape (dates are not checked). */
        static RecordLine parse(String line) {
            int n = STAMP_SHAPE.length();
            if (line.length() <= n) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                char shape = STAMP_SHAPE.charAt(i);
                char c = line.charAt(i);
                if (shape == 'd' ? c < '0' || c > '9' : c != shape) {
                    return null;
                }
            }
            int levelEnd = line.indexOf(' ', n);
            String level = levelEnd < 0 ? null : line.substring(n, levelEnd);
            if (level == null || !level.equals("Info") && !level.equals("Error") && !level.equals("Warning")) {
                return null;
            }
            int componentStart = skipSpaces(line, levelEnd);
            int componentEnd = line.indexOf(' ', componentStart);
            if (componentEnd < 0) {
                componentEnd = line.length();
            }
            if (componentStart == componentEnd) {
                return null;
            }
            return new RecordLine(level, line.substring(componentStart, componentEnd), skipSpaces(line, componentEnd));
        }

        private static int skipSpaces(String line, int from) {
            int i = from;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        /** The local time of the record, or null when its digits are not a valid time. */
        static LocalDateTime time(String line) {
            return LocalTimes.of(digits(line, 0, 4), digits(line, 5, 2), digits(line, 8, 2), digits(line, 11, 2),
                    digits(line, 14, 2), digits(line, 17, 2), 0);
        }

        private static int digits(String line, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                v = v * 10 + line.charAt(i) - '0';
            }
            return v;
        }
    }

    @Override
    String unknownLineReason() {
        return "line that is neither a CBS record nor the continuation of one";
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser(displayName, report);
    }

    /** A failure being completed by the lines after it. */
    private static final class Draft {
        ServicingPhase phase;
        ServicingQueue queue;
        String inf;
        final int hresult;
        String hresultName;
        boolean rollback;
        Integer originalStatus;
        String source;
        String pkg;
        final long line;
        final LocalDateTime time;
        final String text;

        Draft(ServicingPhase phase, String inf, int hresult, String hresultName, long line, LocalDateTime time,
              String text) {
            this.phase = phase;
            this.inf = inf;
            this.hresult = hresult;
            this.hresultName = hresultName;
            this.line = line;
            this.time = time;
            this.text = text;
        }
    }

    private static final class Parser implements LineParser {
        private final String input;
        private final ReadReport report;
        private final ServicingFacts.Builder facts = new ServicingFacts.Builder();
        private final List<Draft> drafts = new ArrayList<>();
        private final Set<String> packages = new LinkedHashSet<>();
        private final Set<String> kbs = new LinkedHashSet<>();
        private ServicingPhase phase = ServicingPhase.ONLINE;
        /** The failure of the block being read, null until the block fails. */
        private Draft blockFailure;
        private boolean universalTimeSeen;
        private final BoundedEvents events;

        // the record being assembled from its first line and continuation lines
        private final StringBuilder pending = new StringBuilder();
        private long pendingLine = -1;
        private LocalDateTime pendingTime;
        private String pendingLevel;
        private String pendingComponent;
        /** Consecutive records mostly share their second: parse each distinct stamp once. */
        private String lastStamp;
        private LocalDateTime lastTime;

        Parser(String input, ReadReport report) {
            this.input = input;
            this.report = report;
            this.events = new BoundedEvents(ServicingSource.CBS_LOG, input, facts.events);
            facts.servicingLogs.add(input);
        }

        @Override
        public boolean line(String text, long number, boolean cut) {
            RecordLine record = RecordLine.parse(text);
            if (record != null) {
                if (lastStamp == null || !text.regionMatches(0, lastStamp, 0, STAMP_CHARS)) {
                    LocalDateTime time = RecordLine.time(text);
                    if (time == null) {
                        return false; // a damaged timestamp: neither a record nor a continuation
                    }
                    lastStamp = text.substring(0, STAMP_CHARS);
                    lastTime = time;
                }
                flush();
                pendingLine = number;
                pendingTime = lastTime;
                pendingLevel = record.level();
                pendingComponent = record.component();
                pending.append(text, record.messageStart(), text.length());
                return true;
            }
            if (pendingLine < 0 || BROKEN_RECORD.matcher(text).lookingAt()) {
                return false;
            }
            // a wrapped line: CBS breaks long messages, sometimes right before the [HRESULT = …] suffix
            if (pending.length() + text.length() < MAX_RECORD_CHARS) {
                pending.append(' ').append(text.strip());
            }
            return true;
        }

        private void flush() {
            if (pendingLine < 0) {
                return;
            }
            String message = pending.toString();
            pending.setLength(0);
            if (pendingComponent.equals("CSI")) {
                csi(message);
            } else {
                cbs(message);
            }
            pendingLine = -1;
        }

        private void csi(String message) {
            if (!universalTimeSeen && facts.cbsUtcOffset == null) {
                Matcher m = CSI_UTC.matcher(message);
                if (m.find()) {
                    facts.cbsUtcOffset = offset(m);
                }
            }
            if (pendingLevel.equals("Error")) {
                event(message);
            }
        }

        /** Local minus UTC, rounded to the quarter hour (time zones are whole quarters). */
        private ZoneOffset offset(Matcher utc) {
            LocalDateTime u = LocalTimes.of(Integer.parseInt(utc.group(1)), Integer.parseInt(utc.group(2)),
                    Integer.parseInt(utc.group(3)), Integer.parseInt(utc.group(4)), Integer.parseInt(utc.group(5)),
                    Integer.parseInt(utc.group(6)), 0);
            if (u == null) {
                report.warn(BadInputException.line(pendingLine) + ": damaged UTC stamp; UTC offset not taken");
                return facts.cbsUtcOffset;
            }
            long minutes = Duration.between(u, pendingTime).toMinutes();
            long quarters = Math.round(minutes / 15.0);
            if (Math.abs(quarters) > 18 * 4) {
                report.warn(BadInputException.line(pendingLine) + ": UTC stamp " + u + " is not within 18 h of "
                        + "the local time " + pendingTime + "; UTC offset not taken");
                return facts.cbsUtcOffset;
            }
            return ZoneOffset.ofTotalSeconds((int) quarters * 15 * 60);
        }

        private void cbs(String message) {
            boolean notable = pendingLevel.equals("Error") || pendingLevel.equals("Warning");
            ServicingPhase linePhase = prefixPhase(message);
            if (linePhase != null && linePhase != phase) {
                startBlock(linePhase);
            }
            if (message.startsWith("TI: --- Initializing Trusted Installer")) {
                startBlock(ServicingPhase.ONLINE);
                notable = true;
            }
            // cheap text checks first: most of a large log is CSI and online chatter no pattern matches
            if (message.contains("Universal Time is")) {
                Matcher m = UNIVERSAL_TIME.matcher(message);
                if (m.find()) {
                    facts.cbsUtcOffset = offset(m);
                    universalTimeSeen = true;
                }
            }
            Integer hresult = null;
            String hresultName = null;
            if (message.contains("[HRESULT = ")) {
                Matcher hr = HRESULT.matcher(message);
                if (hr.find()) {
                    hresult = (int) Long.parseLong(hr.group(1).substring(2), 16);
                    hresultName = hr.group(2);
                }
            }
            notable |= driverQueue(message);
            if (hresult != null && HResults.isFailure(hresult) && pendingLevel.equals("Error")) {
                fail(null, hresult, hresultName, message);
            }
            ServicingQueue queue = blockFailure == null ? null : ServicingQueue.ofFailure(message);
            if (queue != null && blockFailure.queue == null) {
                blockFailure.queue = queue;
            }
            if (blockFailure != null && hresult != null && blockFailure.hresultName == null
                    && blockFailure.hresult == hresult) {
                blockFailure.hresultName = hresultName;
            }
            notable |= aftermath(message);
            notable |= executeState(message);
            notable |= sessionsAndPackages(message, hresult);
            if (message.startsWith("Startup: Processing complete")
                    || message.startsWith("Shtd: Shutdown processing complete")) {
                if (hresult != null && HResults.isFailure(hresult)) {
                    // the block's own verdict, even when no Error line came before it
                    fail(null, hresult, hresultName, message);
                }
                facts.outcomes.add(new ProcessingOutcome(phase, hresult == null ? HResults.S_OK : hresult,
                        pendingLine, pendingTime));
                event(message);
                startBlock(ServicingPhase.ONLINE);
                return;
            }
            if (notable || linePhase != null) {
                event(message);
            }
        }

        private static ServicingPhase prefixPhase(String message) {
            if (message.startsWith("Startup:")) {
                return ServicingPhase.STARTUP;
            }
            if (message.startsWith("Shtd:")) {
                return ServicingPhase.SHUTDOWN;
            }
            return null;
        }

        private void startBlock(ServicingPhase next) {
            // The driver queue runs only at shutdown or startup (servicing.md §1.2): a queue failure logged
            // before the block's first Startup:/Shtd: line belongs to that block.
            boolean adopt = phase == ServicingPhase.ONLINE && next != ServicingPhase.ONLINE
                    && blockFailure != null && blockFailure.inf != null;
            phase = next;
            if (adopt) {
                blockFailure.phase = next;
            } else {
                blockFailure = null;
            }
        }

        /** {@code INSTALL index: …, result N, inf: …} and {@code Doqe: Recording result: 0x…, for Inf: …}. */
        private boolean driverQueue(String message) {
            if (!message.contains(" index: ") && !message.contains("Doqe:") && !message.startsWith("DriverUpdate")) {
                return false;
            }
            Matcher m = INSTALL_INDEX.matcher(message);
            if (m.find() && parseIntOr(m.group(3), null) != null) {
                int win32 = parseIntOr(m.group(3), null);
                String inf = m.group(4);
                facts.driverOperations.add(DriverOperationResult.ofWin32(inf, win32, parseIntOr(m.group(1), null),
                        parseIntOr(m.group(2), null), phase, pendingLine, pendingTime));
                if (win32 != 0) {
                    fail(inf, HResults.fromWin32(win32), null, message);
                }
                return win32 != 0;
            }
            m = DOQE_RESULT.matcher(message);
            if (m.find()) {
                int hresult = (int) Long.parseLong(m.group(1).substring(2), 16);
                String inf = m.group(2);
                if (!alreadyRecorded(inf, hresult)) {
                    facts.driverOperations.add(DriverOperationResult.ofHresult(inf, hresult, phase, pendingLine,
                            pendingTime));
                }
                if (HResults.isFailure(hresult)) {
                    fail(inf, hresult, null, message);
                }
                return HResults.isFailure(hresult);
            }
            return message.startsWith("Doqe:") || message.startsWith("Perf: Doqe:")
                    || message.startsWith("DriverUpdate");
        }

        private boolean alreadyRecorded(String inf, int hresult) {
            if (facts.driverOperations.isEmpty()) {
                return false;
            }
            DriverOperationResult last = facts.driverOperations.get(facts.driverOperations.size() - 1);
            return last.inf().equalsIgnoreCase(inf) && last.hresult() == hresult;
        }

        private void fail(String inf, int hresult, String hresultName, String message) {
            if (blockFailure == null) {
                String name = hresultName != null ? hresultName : HResults.name(hresult);
                blockFailure = new Draft(phase, inf, hresult, name,
                        pendingLine, pendingTime, BoundedEvents.clip(message));
                drafts.add(blockFailure);
            } else if (blockFailure.inf == null && inf != null) {
                blockFailure.inf = inf;
            }
        }

        /** The failure of this block, else the last one before it (its rollback may come a boot later), else null. */
        private Draft failureToComplete() {
            if (blockFailure != null) {
                return blockFailure;
            }
            return drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
        }

        /** Lines that complete the last failure: rollback, original status, the WER report. */
        private boolean aftermath(String message) {
            Draft target = failureToComplete();
            if (message.contains("Rolling back KTM") || message.contains("A rollback transaction will be created")) {
                if (target != null) {
                    target.rollback = true;
                }
                return true;
            }
            Matcher m = message.contains("original failure status") ? ORIGINAL_STATUS.matcher(message) : null;
            if (m != null && m.find()) {
                if (target != null && target.originalStatus == null) {
                    target.originalStatus = (int) Long.parseLong(m.group(1).substring(2), 16);
                }
                return true;
            }
            m = message.startsWith("WER:") ? WER.matcher(message) : null;
            if (m != null && m.find()) {
                addPackage(m.group(1), null);
                if (target != null && target.source == null) {
                    target.source = m.group(3);
                    target.pkg = m.group(1);
                }
                return true;
            }
            return false;
        }

        private boolean executeState(String message) {
            if (!message.contains("ExecuteState key to")) {
                return false;
            }
            Matcher m = EXECUTE_STATE.matcher(message);
            if (!m.find()) {
                return false;
            }
            String[] parts = m.group(1).split("\\|");
            List<String> flags = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                flags.add(parts[i].strip());
            }
            ExecuteStateChange change = new ExecuteStateChange(pendingTime, pendingLine, phase, parts[0].strip(),
                    flags);
            facts.executeStates.add(change);
            if (change.isRollback()) {
                Draft target = failureToComplete();
                if (target != null) {
                    target.rollback = true;
                }
            }
            return true;
        }

        private boolean sessionsAndPackages(String message, Integer hresult) {
            if (!message.startsWith("Session:") && !message.startsWith("Exec:")) {
                return false;
            }
            Matcher m = SESSION_INIT.matcher(message);
            if (m.find()) {
                facts.cbsSessions.add(new CbsSession(m.group(1), m.group(2), pendingTime, pendingLine, null, null));
                return true;
            }
            m = SESSION_FINAL.matcher(message);
            if (m.find()) {
                String id = m.group(1);
                for (int i = facts.cbsSessions.size() - 1; i >= 0; i--) {
                    CbsSession s = facts.cbsSessions.get(i);
                    if (s.id().equals(id)) {
                        facts.cbsSessions.set(i, new CbsSession(s.id(), s.client(), s.initialized(), s.line(),
                                m.group(2).equals("yes"), hresult));
                        break;
                    }
                }
                return true;
            }
            m = INSTALLING_PACKAGE.matcher(message);
            if (m.find()) {
                addPackage(m.group(1), m.group(2));
                return true;
            }
            return false;
        }

        private void addPackage(String identity, String update) {
            packages.add(identity);
            addKb(identity);
            if (update != null) {
                addKb(update);
            }
        }

        private void addKb(String text) {
            Matcher m = KB.matcher(text);
            if (m.find()) {
                String digits = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                kbs.add("KB" + digits);
            }
        }

        private void event(String message) {
            events.add(pendingLine, pendingTime, message);
        }

        private static Integer parseIntOr(String s, Integer otherwise) {
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }

        @Override
        public ServicingFacts finish() {
            flush();
            for (Draft d : drafts) {
                facts.failures.add(new ServicingFailure(d.phase, d.queue, d.inf, d.hresult, d.hresultName, d.rollback,
                        d.originalStatus, d.source, d.pkg, input, d.line, d.time, d.text));
            }
            facts.packages.addAll(packages);
            facts.kbNumbers.addAll(kbs);
            events.finish(report);
            return facts.build();
        }
    }
}
