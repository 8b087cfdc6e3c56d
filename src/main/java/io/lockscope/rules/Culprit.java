package io.lockscope.rules;

/**
 * One process or driver that blocked the update, resolved for the report: who it is, what is known of
 * its product, the filter driver that goes with it, how it blocked and what to do about it. Fields
 * are null when the inputs and the knowledge base do not say — never a guess.
 *
 * @param blame     the finding's blame it comes from (the failure, the hold or driver, the confidence)
 * @param process   image name, null for a driver that holds nothing (filter denial)
 * @param vendor    normalised vendor ("Trend Micro"), null when the knowledge base does not know it
 * @param driver    the filter driver seen on the file, or the vendor's loaded filter; null when none
 * @param vendorAdvice what the vendor's own articles add for a security product or filter; null when nothing
 */
public record Culprit(Blame blame, String process, Integer pid, String imagePath, String company, String vendor,
                      String product, String driver, String altitude, Advice advice, VendorAdvice vendorAdvice) {

    public Mechanism mechanism() {
        return blame.mechanism();
    }

    public Confidence confidence() {
        return blame.confidence();
    }
}
