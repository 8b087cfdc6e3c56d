package io.lockscope.model.servicing;

import java.util.List;

/**
 * A driver-update order short enough to read: a real LCU processes about 300 packages, of which a
 * reader needs the first few (the order of servicing), the failing one with its position, and how
 * many there are ({@code dc1-controller.inf → … → oposdrv.inf (#3) → … (297)}).
 */
public final class PackageOrder {
    /** How many leading packages are shown. */
    public static final int HEAD = 10;

    private PackageOrder() {
    }

    /**
     * {@code order} joined with arrows when it has at most {@link #HEAD} + 2 names; else its first
     * {@link #HEAD}, then {@code failing} with its 1-based position when it comes later, then the count.
     *
     * @param failing the failing INF, or null
     */
    public static String shortened(List<String> order, String failing) {
        if (order.size() <= HEAD + 2) {
            return String.join(" → ", order);
        }
        StringBuilder text = new StringBuilder(String.join(" → ", order.subList(0, HEAD)));
        int at = failing == null ? -1 : indexOfIgnoreCase(order, failing);
        if (at >= HEAD) {
            text.append(" → … → ").append(order.get(at)).append(" (#").append(at + 1).append(')');
        }
        if (at < order.size() - 1) {
            text.append(" → …");
        }
        return text.append(" (").append(order.size()).append(')').toString();
    }

    private static int indexOfIgnoreCase(List<String> order, String name) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
