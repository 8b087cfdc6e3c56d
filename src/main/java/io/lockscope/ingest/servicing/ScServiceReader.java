package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServiceConfig;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sc qc <svc>}, {@code sc query <svc>} and {@code sc query type= driver state= all} output
 * (servicing.md §4.5, §6.4): blocks that start with {@code SERVICE_NAME:} followed by indented
 * {@code LABEL : value} lines. Labels stay English on localized systems. {@code sc qc} prints further
 * dependencies on lines that hold only {@code : name}.
 */
public final class ScServiceReader extends LineLogReader {
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*:\\s?(.*)$");
    private static final Pattern MORE_DEPENDENCIES = Pattern.compile("^\\s+:\\s*(\\S.*)$");
    /** {@code 2  FILE_SYSTEM_DRIVER}, {@code 4  RUNNING}, {@code 1   SYSTEM_START}: a number, then its name. */
    private static final Pattern CODE_AND_NAME = Pattern.compile("^(\\d+)\\s+(\\S+)");

    @Override
    public InputFormat format() {
        return InputFormat.SERVICE_CONFIG;
    }

    @Override
    public String kind() {
        return "sc qc/query";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        boolean service = false;
        for (String line : HeadText.lines(head, length, 20)) {
            if (line.startsWith("SERVICE_NAME:")) {
                service = true;
            } else if (service && line.strip().startsWith("TYPE ")) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        return new Parser();
    }

    private static final class Draft {
        final String name;
        Integer type;
        String typeName;
        String state;
        String startType;
        String binaryPath;
        String group;
        String displayName;
        String dependencies;

        Draft(String name) {
            this.name = name;
        }

        ServiceConfig build() {
            return new ServiceConfig(name, type, typeName, state, startType, binaryPath, group, displayName,
                    dependencies);
        }
    }

    private static final class Parser implements LineParser {
        private final ServicingFacts.Builder facts = new ServicingFacts.Builder();
        private Draft current;
        private String lastLabel;

        @Override
        public boolean line(String text, long number, boolean cut) {
            if (text.startsWith("[SC]")) {
                return true;
            }
            Matcher m = FIELD.matcher(text);
            if (m.matches()) {
                String label = m.group(1);
                String value = m.group(2).strip();
                if (label.equals("SERVICE_NAME")) {
                    close();
                    current = new Draft(value);
                } else if (current != null) {
                    field(label, value);
                } else {
                    return false;
                }
                lastLabel = label;
                return true;
            }
            if (current == null) {
                return false;
            }
            m = MORE_DEPENDENCIES.matcher(text);
            if (m.matches() && "DEPENDENCIES".equals(lastLabel)) {
                String dep = m.group(1).strip();
                current.dependencies = current.dependencies == null ? dep : current.dependencies + ", " + dep;
                return true;
            }
            // the state flags line under STATE: (STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)
            return text.strip().startsWith("(") && "STATE".equals(lastLabel);
        }

        private void field(String label, String value) {
            Draft d = current;
            String v = value.isEmpty() ? null : value;
            switch (label) {
                case "TYPE" -> {
                    Matcher c = CODE_AND_NAME.matcher(value);
                    if (c.find()) {
                        d.type = Numbers.intOrNull(c.group(1));
                        d.typeName = c.group(2);
                    }
                }
                case "STATE" -> d.state = nameAfterCode(value);
                case "START_TYPE" -> d.startType = nameAfterCode(value);
                case "BINARY_PATH_NAME" -> d.binaryPath = v;
                case "LOAD_ORDER_GROUP" -> d.group = v;
                case "DISPLAY_NAME" -> d.displayName = v;
                case "DEPENDENCIES" -> d.dependencies = v;
                default -> {
                    // WIN32_EXIT_CODE, CHECKPOINT, TAG … carry nothing lockscope uses
                }
            }
        }

        private static String nameAfterCode(String value) {
            Matcher c = CODE_AND_NAME.matcher(value);
            return c.find() ? c.group(2) : value.isEmpty() ? null : value;
        }

        private void close() {
            if (current != null) {
                facts.services.add(current.build());
                current = null;
            }
        }

        @Override
        public ServicingFacts finish() {
            close();
            return facts.build();
        }
    }
}
