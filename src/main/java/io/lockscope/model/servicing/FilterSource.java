package io.lockscope.model.servicing;

/** Where an installed filter was listed; {@link #id()} is the JSON report's {@code filters[].source}. */
public enum FilterSource {
    FLTMC_FILTERS("fltmc"),
    FLTMC_INSTANCES("fltmc"),
    FILTER_LIST_LOG("FilterList.log");

    private final String id;

    FilterSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
