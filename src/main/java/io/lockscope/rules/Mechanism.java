package io.lockscope.rules;

/**
 * How a blocker kept the servicing operation from succeeding (lock-semantics.md §1). The id is the
 * JSON contract's {@code verdict.culprits[].mechanism}.
 */
public enum Mechanism {
    /** An open handle whose access or share mode conflicts with the request (MS-FSA 2.1.5.1.2.2). */
    HANDLE("handle"),
    /** A delete disposition kept pending by handles still open (classic, non-POSIX delete). */
    PENDING_DELETE("pending-delete"),
    /** A handle or image mapping on the target of a rename or link with ReplaceIfExists. */
    RENAME_TARGET("rename-target"),
    /** The file mapped as an executable image (a loaded driver or DLL), which outlives its handles. */
    IMAGE_SECTION("image-section"),
    /** A data section (CreateFileMapping), which outlives its handles until the process unmaps it or exits. */
    DATA_SECTION("data-section"),
    /** A byte-range lock held on the file. */
    BYTE_RANGE_LOCK("byte-range-lock"),
    /** A minifilter that failed the I/O itself, holding nothing. */
    FILTER_DENIAL("filter-denial"),
    /** An oplock whose break delayed the servicing I/O: contention, never the failure itself. */
    OPLOCK("oplock");

    private final String id;

    Mechanism(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
