package io.lockscope.rules;

/** The kinds of verdict (report-json.md verdict.kind), strongest explanation first. */
public enum VerdictKind {
    LOCK_HOLDER("lock-holder"),
    FILTER_INTERFERENCE("filter-interference"),
    REGISTRY_FAILURE("registry-failure"),
    /** The servicing logs record a failure that no trace in the inputs shows (or no trace was given). */
    SERVICING_FAILURE("servicing-failure"),
    INCONCLUSIVE("inconclusive"),
    NO_FAILURE("no-failure");

    private final String id;

    VerdictKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
