package io.lockscope.report.model;

import java.util.List;

/**
 * @param kind             lock-holder | filter-interference | registry-failure | servicing-failure | no-failure |
 *                         inconclusive
 * @param headline         one line: who blocked which file, or why nobody is named; the summary gives the details
 * @param confidence       high | medium | low: the weakest link of the proof
 * @param confidenceReason why the confidence is what it is, worded
 * @param culprits         every process or driver that blocked a failure, strongest proof first; empty
 *                         when the verdict names none
 * @param recommendation   the advice for each culprit, then what to do next
 */
public record Verdict(String kind, String headline, String summary, String confidence, String confidenceReason,
                      List<Culprit> culprits, String recommendation) {

    public Verdict {
        culprits = List.copyOf(culprits);
    }

    /** The first culprit (JSON {@code verdict.culprit}), null when there is none. */
    public Culprit culprit() {
        return culprits.isEmpty() ? null : culprits.get(0);
    }

    /**
     * Who blocked; vendor and product are null when the knowledge base does not know them.
     *
     * @param mechanism  handle | pending-delete | rename-target | image-section | data-section |
     *                   byte-range-lock | filter-denial | oplock
     * @param confidence high | medium | low, for this culprit alone
     * @param advice     what to do about this culprit, worded
     */
    public record Culprit(String process, Integer pid, String imagePath, String company, String vendor, String product,
                          String driver, String altitude, String mechanism, String confidence, String advice) {
    }
}
