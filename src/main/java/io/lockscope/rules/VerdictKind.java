package io.lockscope.rules;

/** The kinds of verdict (report-json.md verdict.kind), strongest explanation first. */
public enum VerdictKind {
    LOCK_HOLDER("lock-holder"),
    FILTER_INTERFERENCE("filter-interference"),
    REGISTRY_FAILURE("registry-failure"),
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
