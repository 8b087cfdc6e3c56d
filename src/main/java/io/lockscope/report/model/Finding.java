package io.lockscope.report.model;

import java.util.List;

/** @param severity error | warning | info */
public record Finding(String rule, String severity, String message, List<Report.Evidence> evidence) {
}
