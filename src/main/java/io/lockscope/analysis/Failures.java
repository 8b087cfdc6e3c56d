package io.lockscope.analysis;

import io.lockscope.model.Operation;
import io.lockscope.model.vocab.NtStatus;

import java.util.Set;

/**
 * The results that make an operation on a driver-package object a servicing failure (servicing.md
 * §3, §6.5). Informational codes (FILE LOCKED WITH ONLY READERS, FAST IO DISALLOWED, REPARSE) and
 * "not found" answers, which servicing meets routinely while probing, are not failures. HIVE UNLOADED
 * is one: a key of the DRIVERS hive used after the hive went away (lock-semantics.md §2.3).
 */
public final class Failures {
    private static final Set<Integer> FAILURES = Set.of(
            NtStatus.SHARING_VIOLATION, NtStatus.ACCESS_DENIED, NtStatus.DELETE_PENDING, NtStatus.CANNOT_DELETE,
            NtStatus.FILE_LOCK_CONFLICT, NtStatus.NOT_GRANTED, NtStatus.USER_MAPPED_FILE,
            NtStatus.REGISTRY_CORRUPT, NtStatus.REGISTRY_IO_FAILED, NtStatus.HIVE_UNLOADED, NtStatus.TRANSACTIONAL_CONFLICT);

    private Failures() {
    }

    /**
     * Whether {@code ntstatus} fails operation {@code op}. NAME COLLISION is routine for a create (servicing
     * creates folders that exist) but fails a rename or link over an existing name. OPLOCK NOT GRANTED
     * answers an oplock request, which is contention, never a failed servicing step (lock-semantics.md §1.7).
     */
    public static boolean isFailure(Operation op, int ntstatus) {
        return FAILURES.contains(ntstatus) || ntstatus == NtStatus.NAME_COLLISION
                && (op == Operation.SET_RENAME_INFORMATION_FILE || op == Operation.SET_RENAME_INFORMATION_EX
                || op == Operation.SET_LINK_INFORMATION_FILE);
    }

    /**
     * Whether the registry itself reported the hive unusable — REGISTRY CORRUPT, IO FAILED, HIVE
     * UNLOADED: what the servicing stack logs as 0x800703f1 ERROR_BADDB (lock-semantics.md §2.3).
     */
    public static boolean isRegistryDamage(int ntstatus) {
        return ntstatus == NtStatus.REGISTRY_CORRUPT || ntstatus == NtStatus.REGISTRY_IO_FAILED
                || ntstatus == NtStatus.HIVE_UNLOADED;
    }
}
