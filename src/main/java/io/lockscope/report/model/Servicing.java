package io.lockscope.report.model;

import java.util.List;

/** What CBS.log and setupapi.dev.log say; fields null when the logs do not say. */
public record Servicing(String failingInf, String hresult, String hresultName, String phase, Boolean rollback,
                        String failureSource, List<String> packages, List<String> driverUpdateOrder,
                        Boolean failingInfIsFirstChanged, List<Event> events) {

    /** @param source cbs-log | setupapi-log */
    public record Event(String t, String source, int input, long line, String text) {
    }
}
