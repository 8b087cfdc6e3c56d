package io.lockscope.ingest;

/** Every input format lockscope recognises, with the id used in reports ("format" fields). */
public enum InputFormat {
    PROCMON_PML("procmon-pml"),
    PROCMON_CSV("procmon-csv"),
    PROCMON_XML("procmon-xml"),
    ETL("etl"),
    TRACERPT_CSV("tracerpt-csv"),
    TRACERPT_XML("tracerpt-xml"),
    XPERF_DUMPER("xperf-dumper"),
    WPA_CSV("wpa-csv"),
    CBS_LOG("cbs-log"),
    SETUPAPI_LOG("setupapi-log"),
    FILTER_LIST("filter-list"),
    DRIVER_LIST("driver-list"),
    SERVICE_CONFIG("service-config");

    private final String id;

    InputFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
