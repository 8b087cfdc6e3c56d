package io.lockscope.report.model;

/**
 * @param kind       lock-holder | filter-interference | registry-failure | no-failure | inconclusive
 * @param confidence high | medium | low
 * @param culprit    null for no-failure and for registry-failure without a blocker
 */
public record Verdict(String kind, String summary, String confidence, Culprit culprit, String recommendation) {

    /** Who blocked; vendor and product are null when the knowledge base does not know them. */
    public record Culprit(String process, Integer pid, String imagePath, String company, String vendor, String product,
                          String driver, String altitude) {
    }
}
