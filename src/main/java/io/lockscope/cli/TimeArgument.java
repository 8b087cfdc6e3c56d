package io.lockscope.cli;

import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time given on the command line: {@code HH:MM:SS[.fffffff]} (time of day, on the capture's
 * first day), ISO-8601 ({@code 2022-08-10T01:18:10.5}, with or without offset), or {@code +12.5s} after
 * the first event. Read when the options are (a typo is a usage error before any input is read), placed
 * on a trace's clock by {@link #on}.
 */
final class TimeArgument {
    private enum Form { TIME_OF_DAY, DATE_TIME, AFTER_START }

    private final String text;
    private final Form form;
    private final LocalTime timeOfDay;
    private final LocalDateTime dateTime;
    private final ZoneOffset offset;
    private final long afterStart;

    private TimeArgument(String text, Form form, LocalTime timeOfDay, LocalDateTime dateTime, ZoneOffset offset,
                         long afterStart) {
        this.text = text;
        this.form = form;
        this.timeOfDay = timeOfDay;
        this.dateTime = dateTime;
        this.offset = offset;
        this.afterStart = afterStart;
    }

    /** Reads {@code text}; throws {@link IllegalArgumentException} saying which forms are accepted. */
    static TimeArgument parse(String text) {
        String s = text.trim();
        try {
            if (s.startsWith("+")) {
                String n = s.endsWith("s") ? s.substring(1, s.length() - 1) : s.substring(1);
                double seconds = Double.parseDouble(n);
                if (!Double.isFinite(seconds) || seconds > Long.MAX_VALUE / (double) TraceTime.TICKS_PER_SECOND) {
                    throw new NumberFormatException(n);
                }
                return new TimeArgument(text, Form.AFTER_START, null, null, null,
                        Math.round(seconds * TraceTime.TICKS_PER_SECOND));
            }
            if (s.contains("T")) {
                if (s.endsWith("Z")) {
                    return new TimeArgument(text, Form.DATE_TIME, null,
                            LocalDateTime.parse(s.substring(0, s.length() - 1)), ZoneOffset.UTC, 0);
                }
                try {
                    OffsetDateTime odt = OffsetDateTime.parse(s);
                    return new TimeArgument(text, Form.DATE_TIME, null, odt.toLocalDateTime(), odt.getOffset(), 0);
                } catch (DateTimeParseException e) {
                    return new TimeArgument(text, Form.DATE_TIME, null, LocalDateTime.parse(s), null, 0);
                }
            }
            return new TimeArgument(text, Form.TIME_OF_DAY, LocalTime.parse(s), null, null, 0);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a time: use HH:MM:SS[.fffffff], ISO-8601 (2022-08-10T01:18:10.5) or +12.5s");
        }
    }

    /**
     * Whether {@code this} is certainly later than {@code other} whatever the trace: both written in the
     * same form, so that they compare without one. Mixed forms are compared once placed on a trace.
     */
    boolean certainlyAfter(TimeArgument other) {
        if (form != other.form) {
            return false;
        }
        return switch (form) {
            case AFTER_START -> afterStart > other.afterStart;
            case TIME_OF_DAY -> timeOfDay.isAfter(other.timeOfDay);
            case DATE_TIME -> (offset == null) == (other.offset == null) && (offset == null
                    ? dateTime.isAfter(other.dateTime)
                    : dateTime.toInstant(offset).isAfter(other.dateTime.toInstant(other.offset)));
        };
    }

    /** This time on {@code trace}'s clock, in its ticks. */
    long on(Trace trace) {
        long first = trace.size() == 0 ? 0 : trace.events().time(0);
        return switch (form) {
            case AFTER_START -> first + afterStart;
            case TIME_OF_DAY -> {
                long ofDay = timeOfDay.toNanoOfDay() / 100;
                long dayStart = first - Math.floorMod(first, TraceTime.TICKS_PER_DAY);
                if (trace.timeBase() == TimeBase.UTC && trace.zone() != null) {
                    ofDay -= trace.zone().getTotalSeconds() * TraceTime.TICKS_PER_SECOND;
                }
                yield dayStart + ofDay;
            }
            case DATE_TIME -> {
                if (trace.timeBase() == TimeBase.TIME_OF_DAY) {
                    yield dateTime.toLocalTime().toNanoOfDay() / 100;
                }
                if (trace.timeBase() == TimeBase.UTC) {
                    ZoneOffset z = offset != null ? offset : (trace.zone() != null ? trace.zone() : ZoneOffset.UTC);
                    yield TraceTime.fromInstant(dateTime.toInstant(z));
                }
                yield TraceTime.fromInstant(dateTime.toInstant(ZoneOffset.UTC));
            }
        };
    }

    @Override
    public String toString() {
        return text;
    }

    /** Lets picocli read {@code --at}, {@code --from} and {@code --to}, so that a bad time is a usage error. */
    static final class Converter implements CommandLine.ITypeConverter<TimeArgument> {
        @Override
        public TimeArgument convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
