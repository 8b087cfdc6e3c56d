package io.lockscope.analysis;

import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Glob;
import io.lockscope.model.Paths;
import io.lockscope.model.StringPool;
import io.lockscope.model.Trace;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The target of a diagnosis in one trace: the path ids of the driver-package objects selected by
 * the target names, with paths that differ only in case (or NT prefix) folded to one canonical id.
 *
 * <p>A name ending in {@code .inf} selects that package's objects (DriverStore folder, WinSxS
 * component, published INF/PNF, DriverDatabase keys), the driver files named inside its DriverStore
 * folder wherever else they appear (System32\drivers), and the DRIVERS hive files. A name with
 * {@code *} or {@code ?} is a glob over full paths and INF names. Any other name matches files of
 * that name.
 */
public final class Targets {
    /** Where the target names came from (report-json.md target.source). */
    public enum Source {
        USER("user"), TRACE("trace"), CBS_LOG("cbs-log"), SETUPAPI_LOG("setupapi-log");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final List<String> names;
    private final Source source;
    private final BitSet pathIds;
    private final boolean namesMatched;
    private final IntIntHashMap canonical;

    private Targets(List<String> names, Source source, BitSet pathIds, boolean namesMatched, IntIntHashMap canonical) {
        this.names = names;
        this.source = source;
        this.pathIds = pathIds;
        this.namesMatched = namesMatched;
        this.canonical = canonical;
    }

    public List<String> names() {
        return names;
    }

    public Source source() {
        return source;
    }

    public boolean isTarget(int pathId) {
        return pathIds.get(pathId);
    }

    /** Every target path id (all spellings). */
    public BitSet pathIds() {
        return (BitSet) pathIds.clone();
    }

    /**
     * Whether some path matched a name itself. The driver database that every INF name takes along
     * (the DRIVERS hive files, package-independent DriverDatabase keys) does not count: a misspelt
     * INF would otherwise seem to match in every trace that touches the hive.
     */
    public boolean namesMatched() {
        return namesMatched;
    }

    /** One id per distinct path: the first spelling seen of it. */
    public int canonical(int pathId) {
        return canonical.getIfAbsent(pathId, pathId);
    }

    /** Selects the objects of {@code names} in {@code trace}. */
    public static Targets select(Trace trace, List<String> names, Source source) {
        StringPool strings = trace.strings();
        Set<String> infs = new LinkedHashSet<>();
        List<Glob> globs = new ArrayList<>();
        Set<String> fileNames = new LinkedHashSet<>();
        for (String n : names) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (n.contains("*") || n.contains("?")) {
                globs.add(Glob.of(n));
            } else if (lower.endsWith(".inf")) {
                infs.add(lower);
            } else {
                fileNames.add(lower);
            }
        }
        BitSet selected = new BitSet();
        boolean namesMatched = false;
        for (int id = 1, n = strings.size(); id < n; id++) {
            String s = strings.get(id);
            DriverPackagePaths.Match m = DriverPackagePaths.classify(s);
            if (m != null && (m.inf() == null ? !infs.isEmpty() : infs.contains(m.inf()))) {
                selected.set(id);
                namesMatched |= m.inf() != null;
                if (m.kind() == DriverPackagePaths.Kind.DRIVER_STORE) {
                    fileNames.add(Paths.fileName(s).toLowerCase(Locale.ROOT));
                }
            } else if (matchesAny(globs, s, m)) {
                selected.set(id);
                namesMatched = true;
            }
        }
        fileNames.removeIf(f -> !f.contains(".") || f.endsWith(".inf") || f.endsWith(".cat") || f.endsWith(".pnf"));
        if (!fileNames.isEmpty()) {
            for (int id = 1, n = strings.size(); id < n; id++) {
                String s = strings.get(id);
                if (fileNames.contains(Paths.fileName(s).toLowerCase(Locale.ROOT)) && s.contains("\\")) {
                    selected.set(id);
                    namesMatched = true;
                }
            }
        }
        return new Targets(List.copyOf(names), source, selected, namesMatched, canonicalize(strings, selected));
    }

    /**
     * The INF names of driver-package objects on which servicing processes had a failure, in the
     * order of their first failure; empty when servicing failed on none.
     */
    public static List<String> inferFromFailures(Trace trace) {
        EventStore e = trace.events();
        Set<String> infs = new LinkedHashSet<>();
        boolean hiveFailure = false;
        for (int i = 0, n = e.size(); i < n; i++) {
            if (!Failures.isFailure(e.operation(i), e.result(i)) || !ServicingProcesses.isServicing(trace.process(i).name())) {
                continue;
            }
            EventClass cls = e.eventClass(i);
            if (cls != EventClass.FILE_SYSTEM && cls != EventClass.REGISTRY) {
                continue;
            }
            DriverPackagePaths.Match m = DriverPackagePaths.classify(e.path(i));
            if (m == null) {
                continue;
            }
            if (m.inf() != null) {
                infs.add(m.inf());
            } else {
                hiveFailure = true;
            }
        }
        if (infs.isEmpty() && hiveFailure) {
            infs.add("*\\DriverDatabase*");
            infs.add("*\\System32\\config\\DRIVERS*");
        }
        return List.copyOf(infs);
    }

    private static boolean matchesAny(List<Glob> globs, String s, DriverPackagePaths.Match m) {
        for (Glob g : globs) {
            if (g.matches(s) || (m != null && m.inf() != null && g.matches(m.inf()))) {
                return true;
            }
        }
        return false;
    }

    private static IntIntHashMap canonicalize(StringPool strings, BitSet ids) {
        ObjectIntHashMap<String> first = new ObjectIntHashMap<>();
        IntIntHashMap canonical = new IntIntHashMap();
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            String key = Paths.normalize(strings.get(id));
            int c = first.getIfAbsentPut(key, id);
            if (c != id) {
                canonical.put(id, c);
            }
        }
        return canonical;
    }
}
