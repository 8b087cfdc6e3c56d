package io.lockscope.model.servicing;

/** Which log a servicing event came from; {@link #id()} is the JSON report's {@code source} spelling. */
public enum ServicingSource {
    CBS_LOG("cbs-log"),
    SETUPAPI_LOG("setupapi-log");

    private final String id;

    ServicingSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
