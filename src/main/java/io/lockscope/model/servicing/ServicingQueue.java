package io.lockscope.model.servicing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CBS queue whose processing failed, as its {@code Shtd:}/{@code Startup:} failure line names it
 * (lock-semantics.md §2.1, servicing.md §1.2): {@code Failed executing critical driver operations queue},
 * {@code Failed while processing non-critical driver operations queue.}, {@code … non-critical primitive
 * operations queue.}, {@code Failed to process advanced operation queue}. Critical operations run first;
 * a failed critical queue always rolls the update back.
 */
public enum ServicingQueue {
    CRITICAL_DRIVERS("critical-drivers"),
    NON_CRITICAL_DRIVERS("non-critical-drivers"),
    CRITICAL_PRIMITIVES("critical-primitives"),
    NON_CRITICAL_PRIMITIVES("non-critical-primitives"),
    ADVANCED_OPERATIONS("advanced-operations");

    private static final Pattern FAILED_QUEUE = Pattern.compile(
            "Failed (?:executing|while processing|to process) (critical |non-critical )?(driver|primitive|advanced) operations? queue");

    private final String id;

    ServicingQueue(String id) {
        this.id = id;
    }

    /** The spelling of the JSON report's {@code servicing.queue}. */
    public String id() {
        return id;
    }

    /** The queue a CBS failure message names, or null when it names none. */
    public static ServicingQueue ofFailure(String message) {
        if (!message.contains(" queue")) {
            return null;
        }
        Matcher m = FAILED_QUEUE.matcher(message);
        if (!m.find()) {
            return null;
        }
        boolean critical = m.group(1) != null && m.group(1).toLowerCase(Locale.ROOT).startsWith("critical");
        return switch (m.group(2)) {
            case "driver" -> critical ? CRITICAL_DRIVERS : NON_CRITICAL_DRIVERS;
            case "primitive" -> critical ? CRITICAL_PRIMITIVES : NON_CRITICAL_PRIMITIVES;
            default -> ADVANCED_OPERATIONS;
        };
    }
}
