package io.lockscope.model;

/**
 * What the {@code time} column of a trace means. All times are 100 ns ticks.
 *
 * <p>PML and ETL carry FILETIMEs (UTC). A procmon CSV carries the exporting machine's local time of
 * day, and a date only when the "Date &amp; Time" column was exported; a CSV whose time zone is not
 * given by the user is therefore local time, and one without a date is a time of day.
 */
public enum TimeBase {
    /** Ticks since 1601-01-01 UTC (a FILETIME). */
    UTC,
    /** Ticks since 1601-01-01 in the capturing machine's unknown local time zone. */
    LOCAL,
    /** Ticks since midnight of the first capture day, local time; days roll over past 24 h. */
    TIME_OF_DAY
}
