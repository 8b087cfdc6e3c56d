package io.lockscope.analysis;

import io.lockscope.model.vocab.NtStatus;

import java.util.Set;

/**
 * The results that make an operation on a driver-package object a servicing failure (servicing.md
 * §3, §6.5). Informational codes (FILE LOCKED WITH ONLY READERS, FAST IO DISALLOWED, REPARSE) and
 * "not found" answers, which servicing meets routinely while probing, are not failures.
 */
public final class Failures {
    private static final Set<Integer> FAILURES = Set.of(
            NtStatus.SHARING_VIOLATION, NtStatus.ACCESS_DENIED, NtStatus.DELETE_PENDING, NtStatus.CANNOT_DELETE,
            NtStatus.FILE_LOCK_CONFLICT, NtStatus.NOT_GRANTED, NtStatus.OPLOCK_NOT_GRANTED, NtStatus.USER_MAPPED_FILE,
            NtStatus.REGISTRY_CORRUPT, NtStatus.REGISTRY_IO_FAILED, NtStatus.TRANSACTIONAL_CONFLICT);

    private Failures() {
    }

    public static boolean isFailure(int ntstatus) {
        return FAILURES.contains(ntstatus);
    }
}
