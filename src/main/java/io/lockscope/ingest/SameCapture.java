package io.lockscope.ingest;

import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds procmon exports of one capture among a case's traces: a PML saved again as XML or CSV holds
 * the same events — the same processes doing the same operations on the same paths with the same
 * results, the same time apart (each format's clock may differ by a time zone). Reading both would
 * count every failure twice, so only the richest copy is kept: PML (stacks, modules, exact times) over
 * XML with stacks over XML over CSV.
 */
public final class SameCapture {
    /** Events compared, spread evenly over the capture: enough to tell two boots apart, cheap on millions. */
    static final int SAMPLES = 1024;
    /** Exports round times to the 100 ns tick; allow a tick of rounding on each side. */
    private static final long TICK_TOLERANCE = 2;

    /**
     * @param skipped the copy not read
     * @param used    the copy of the same capture that was read instead
     */
    public record Copy(String skipped, String used) {
    }

    /** The traces to read, in input order, with every export of a capture but its richest left out. */
    public record Result(List<Trace> kept, List<Copy> copies) {
    }

    private SameCapture() {
    }

    public static Result keepRichest(List<Trace> traces) {
        List<Trace> kept = new ArrayList<>(traces);
        List<Copy> copies = new ArrayList<>();
        List<Trace> byRichness = new ArrayList<>(traces);
        byRichness.sort(Comparator.comparingInt(SameCapture::richness).reversed());
        for (int i = 0; i < byRichness.size(); i++) {
            Trace richer = byRichness.get(i);
            if (!kept.contains(richer)) {
                continue;
            }
            for (int j = i + 1; j < byRichness.size(); j++) {
                Trace poorer = byRichness.get(j);
                if (kept.contains(poorer) && same(richer, poorer)) {
                    kept.remove(poorer);
                    copies.add(new Copy(poorer.source(), richer.source()));
                }
            }
        }
        return new Result(List.copyOf(kept), List.copyOf(copies));
    }

    /** PML 3, XML with stacks 2, XML 1, CSV 0; other formats (ETW) are never copies of a procmon capture. */
    static int richness(Trace t) {
        return switch (t.format()) {
            case "procmon-pml" -> 3;
            case "procmon-xml" -> t.stacks().size() > 0 ? 2 : 1;
            case "procmon-csv" -> 0;
            default -> -1;
        };
    }

    /** Whether two procmon traces hold the same events. */
    static boolean same(Trace a, Trace b) {
        if (richness(a) < 0 || richness(b) < 0 || a.size() != b.size() || a.size() == 0) {
            return false;
        }
        EventStore x = a.events();
        EventStore y = b.events();
        int n = x.size();
        int step = Math.max(1, n / SAMPLES);
        for (int i = 0; i < n; i += step) {
            if (a.process(i).pid() != b.process(i).pid() || x.operation(i) != y.operation(i)
                    || x.result(i) != y.result(i) || !x.path(i).equalsIgnoreCase(y.path(i))
                    || Math.abs((x.time(i) - x.time(0)) - (y.time(i) - y.time(0))) > TICK_TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
