package io.lockscope.rules;

/** A moment of an input's time line, formatted by the report (absolute or time of day, offset from start). */
public record TimeRef(int input, long ticks) {
}
