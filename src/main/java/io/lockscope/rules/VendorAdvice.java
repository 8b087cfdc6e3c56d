package io.lockscope.rules;

/**
 * What a security vendor's own documentation says about servicing being blocked by its product, for the
 * vendors whose public knowledge-base articles say something specific (lock-semantics.md §3): advice
 * added to the general exclusion advice when the culprit is theirs.
 */
public enum VendorAdvice {
    /** Real-time scan locks; write-triggered scans queued since Deep Security Agent 20.0.0-3771 (KA-0015527). */
    TREND_MICRO("Trend Micro"),
    /** ENS Access Protection and Self Protection block file operations (KB88482, KB73080). */
    MCAFEE("McAfee"),
    /** Traps / Cortex XDR protecting poqexec.exe breaks Windows Update (knowledge article 159084). */
    PALO_ALTO_NETWORKS("Palo Alto Networks");

    private final String vendor;

    VendorAdvice(String vendor) {
        this.vendor = vendor;
    }

    /** The vendor's advice, or null when there is none beyond the general advice. */
    public static VendorAdvice of(String vendor) {
        for (VendorAdvice a : values()) {
            if (a.vendor.equals(vendor)) {
                return a;
            }
        }
        return null;
    }

    /** The message key of the advice (report/messages*.properties). */
    public String key() {
        return "advice.vendor." + name();
    }
}
