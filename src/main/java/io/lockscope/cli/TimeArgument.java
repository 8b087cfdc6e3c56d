package io.lockscope.cli;

import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time given on the command line, resolved against one trace: {@code HH:MM:SS[.fffffff]}
 * (time of day, on the capture's first day), ISO-8601 ({@code 2022-08-10T01:18:10.5}, with or
 * without offset), or {@code +12.5s} after the first event.
 */
final class TimeArgument {
    private TimeArgument() {
    }

    static long resolve(String text, Trace trace) {
        String s = text.trim();
        long first = trace.size() == 0 ? 0 : trace.events().time(0);
        try {
            if (s.startsWith("+")) {
                String n = s.endsWith("s") ? s.substring(1, s.length() - 1) : s.substring(1);
                return first + Math.round(Double.parseDouble(n) * TraceTime.TICKS_PER_SECOND);
            }
            if (s.contains("T")) {
                return absolute(s, trace);
            }
            LocalTime t = LocalTime.parse(s);
            long ofDay = t.toNanoOfDay() / 100;
            long dayStart = first - Math.floorMod(first, TraceTime.TICKS_PER_DAY);
            if (trace.timeBase() == TimeBase.UTC && trace.zone() != null) {
                ofDay -= trace.zone().getTotalSeconds() * TraceTime.TICKS_PER_SECOND;
            }
            return dayStart + ofDay;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read time '" + text
                    + "': use HH:MM:SS[.fffffff], ISO-8601 (2022-08-10T01:18:10.5) or +12.5s");
        }
    }

    private static long absolute(String s, Trace trace) {
        LocalDateTime local;
        ZoneOffset offset = null;
        try {
            OffsetDateTime odt = OffsetDateTime.parse(s);
            local = odt.toLocalDateTime();
            offset = odt.getOffset();
        } catch (DateTimeParseException e) {
            local = LocalDateTime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
            if (s.endsWith("Z")) {
                offset = ZoneOffset.UTC;
            }
        }
        if (trace.timeBase() == TimeBase.TIME_OF_DAY) {
            return local.toLocalTime().toNanoOfDay() / 100;
        }
        if (trace.timeBase() == TimeBase.UTC) {
            ZoneOffset z = offset != null ? offset : (trace.zone() != null ? trace.zone() : ZoneOffset.UTC);
            return TraceTime.fromInstant(local.toInstant(z));
        }
        return TraceTime.fromInstant(local.toInstant(ZoneOffset.UTC));
    }
}
