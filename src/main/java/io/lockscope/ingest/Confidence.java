package io.lockscope.ingest;

/**
 * How sure a reader is when its sniff matches a file's first bytes: the kind of evidence the match
 * rests on, weakest first. {@link Formats} picks the match with the strongest evidence.
 */
public enum Confidence {
    /** The first lines are shaped like the format's records (CBS.log lines, FilterList.log rows). */
    LINE_PATTERN("lines shaped like its records"),
    /** A header line, banner or root element that only this format writes. */
    HEADER("its header"),
    /** Fixed bytes at a fixed offset (PML_, an ETL buffer header, an archive signature). */
    SIGNATURE("its signature bytes");

    private final String evidence;

    Confidence(String evidence) {
        this.evidence = evidence;
    }

    /** The evidence in words, for {@link Formats.Detection#why()}. */
    public String evidence() {
        return evidence;
    }
}
