package io.lockscope.rules;

/**
 * Why a blame is as sure as it is: the weakest link of its proof. The report words it
 * ({@code confidence.reason.*} messages); the JSON contract gives the id as {@code verdict.confidenceReason}.
 */
public enum ConfidenceReason {
    /** Both opens' access and share modes are recorded and the handle's close is paired without doubt. */
    SHARE_CONFLICT_PROVEN(Confidence.HIGH),
    /** The holder's access mask is not recorded (ETW), so the conflict is assumed from its being open. */
    ACCESS_NOT_RECORDED(Confidence.MEDIUM),
    /** The request was "Maximum Allowed" or the holder's granted access is unknown: each right is assumed. */
    GRANTED_ACCESS_ASSUMED(Confidence.MEDIUM),
    /** procmon has no handle ids: the holder's close was paired with its open by inference. */
    PAIRING_INFERRED(Confidence.MEDIUM),
    /** A delete disposition was set and a handle of the file was still open at the failure. */
    DELETE_STILL_PENDING(Confidence.HIGH),
    /**
     * The holder had another name of the package's file open, presumed a hard link of the failing name from
     * where servicing projects the file (WinSxS, DriverStore, System32\drivers); the trace does not prove it.
     */
    LINK_PRESUMED(Confidence.LOW),
    /** An open handle on the rename's target, which fails a replacing rename whatever its sharing. */
    TARGET_OPEN(Confidence.HIGH),
    /** An image mapping: procmon does not show when the last view was unmapped. */
    UNMAP_NOT_SHOWN(Confidence.MEDIUM),
    /** A data section created on the file and not shown released before the failure. */
    SECTION_NOT_RELEASED(Confidence.MEDIUM),
    /** A byte-range lock held at the failure. */
    LOCK_HELD(Confidence.HIGH),
    /** ETW recorded the filter's callback failing the very I/O (FltIo): proof. */
    FILTER_CALLBACK_FAILED(Confidence.HIGH),
    /**
     * A denial with no holder and no section, the filter named from the loaded filters and the vendor
     * frames of the servicing thread's nested I/O: procmon records the create above every anti-virus
     * filter, so it cannot show the denial itself.
     */
    FILTER_SUSPECTED(Confidence.MEDIUM),
    /** The filter is only in the stacks of other I/O on the file: a lead. */
    FILTER_ON_OTHER_IO(Confidence.LOW),
    /** The registry reported the driver database damaged (its own status, no interpretation). */
    REGISTRY_STATUS(Confidence.HIGH),
    /** The traces show the driver update run with no failure. */
    NO_FAILURE_SEEN(Confidence.HIGH),
    /** No trace shows the update; the servicing logs say it succeeded. */
    LOGS_REPORT_SUCCESS(Confidence.MEDIUM),
    /** The servicing logs record the failure themselves; no trace shows the operation that failed. */
    LOGS_RECORD_FAILURE(Confidence.HIGH),
    /** Something failed and nothing in the inputs explains it. */
    NOTHING_EXPLAINS(Confidence.LOW),
    /** No input shows the driver update. */
    UPDATE_NOT_SEEN(Confidence.LOW),
    /** The user's --target names nothing the traces touched: they say nothing about it. */
    TARGET_UNMATCHED(Confidence.LOW);

    private final Confidence confidence;

    ConfidenceReason(Confidence confidence) {
        this.confidence = confidence;
    }

    /** How sure a proof whose weakest link is this reason is. */
    public Confidence confidence() {
        return confidence;
    }

    /** The message key of the reason (report/messages*.properties). */
    public String key() {
        return "confidence.reason." + name();
    }
}
