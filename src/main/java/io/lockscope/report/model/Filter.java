package io.lockscope.report.model;

/** @param source fltmc | FilterList.log | trace */
public record Filter(String name, String altitude, String group, String vendor, Integer instances,
                     boolean thirdParty, String source) {
}
