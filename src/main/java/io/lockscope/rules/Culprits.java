package io.lockscope.rules;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.ServicingProcesses;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.servicing.InstalledFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves blames into culprits: one per blocker (a process of a trace, or a driver that holds
 * nothing), the strongest blame of each kept, named with what the knowledge base knows, and given the
 * advice that fits what it is.
 */
final class Culprits {
    private static final Set<String> DEFENDER = Set.of("msmpeng.exe", "mpdefendercoreservice.exe", "nissrv.exe");
    private static final Set<String> SEARCH = Set.of("searchindexer.exe", "searchprotocolhost.exe",
            "searchfilterhost.exe");
    private static final String WMI_PROVIDER_HOST = "wmiprvse.exe";
    private static final String MICROSOFT = "Microsoft";

    private Culprits() {
    }

    /** @param blames strongest first; those naming no blocker are skipped */
    static List<Culprit> of(CaseFacts facts, List<Blame> blames) {
        Map<String, Culprit> byBlocker = new LinkedHashMap<>();
        for (Blame b : blames) {
            if (b.namesBlocker()) {
                byBlocker.putIfAbsent(blockerKey(b), resolve(facts, b));
            }
        }
        return List.copyOf(byBlocker.values());
    }

    private static String blockerKey(Blame b) {
        return b.holder() != null ? b.failure().input() + "/" + b.holder().processKey()
                : b.driver().module().toLowerCase(Locale.ROOT);
    }

    private static Culprit resolve(CaseFacts facts, Blame b) {
        Attribution a = facts.attribution();
        String driver = b.driver() == null ? null : b.driver().module();
        Attribution.Driver known = b.driver() == null ? null : b.driver().known();
        String altitude = known == null ? null : known.altitude();
        if (b.holder() == null) {
            String vendor = known == null ? null : known.vendor();
            return new Culprit(b, null, null, null, known == null ? null : known.company(), vendor, null, driver,
                    altitude, Advice.FILTER_VENDOR, VendorAdvice.of(vendor));
        }
        ProcessInfo p = facts.trace(b.failure().input()).processes().get(b.holder().processKey());
        Attribution.Vendor v = a.vendorOf(p);
        InstalledFilter loaded = driver == null && v != null ? loadedFilterOf(facts, v.vendor()) : null;
        if (loaded != null) {
            driver = loaded.name();
            altitude = loaded.altitude();
        }
        Advice advice = advice(b, p, v);
        return new Culprit(b, p.name(), p.pid(), p.imagePath(), p.company(), v == null ? null : v.vendor(),
                v == null ? null : v.product(), driver, altitude, advice,
                advice == Advice.SECURITY_PRODUCT ? VendorAdvice.of(v.vendor()) : null);
    }

    /**
     * What to advise about a holding process: Windows components by what makes them open files, a known
     * security product by its exclusions, a mapping process by stopping it, anyone else by identifying
     * the product.
     */
    private static Advice advice(Blame b, ProcessInfo p, Attribution.Vendor v) {
        String name = p.name() == null ? "" : p.name().toLowerCase(Locale.ROOT);
        if (DEFENDER.contains(name)) {
            return Advice.DEFENDER;
        }
        if (name.equals(WMI_PROVIDER_HOST)) {
            return Advice.WMI_PROVIDER;
        }
        if (SEARCH.contains(name)) {
            return Advice.SEARCH_INDEXER;
        }
        if (ServicingProcesses.isServicing(name) && !name.equals("system")) {
            return Advice.SERVICING_STACK;
        }
        boolean microsoft = v != null ? MICROSOFT.equals(v.vendor())
                : p.company() != null && p.company().startsWith("Microsoft");
        if (v != null && !microsoft) {
            return Advice.SECURITY_PRODUCT;
        }
        if (b.mechanism() == Mechanism.IMAGE_SECTION || b.mechanism() == Mechanism.DATA_SECTION) {
            return Advice.STOP_MAPPING_PROCESS;
        }
        return microsoft || name.equals("system") ? Advice.WINDOWS_COMPONENT : Advice.UNKNOWN_THIRD_PARTY;
    }

    /**
     * The vendor's first third-party filter in the case's filter list (fltmc lists filters by
     * altitude, highest first); null when none is listed.
     */
    private static InstalledFilter loadedFilterOf(CaseFacts facts, String vendor) {
        return facts.servicing().filters().stream()
                .filter(f -> {
                    Attribution.FilterFacts known = facts.attribution().describe(f);
                    return vendor.equals(known.vendor()) && Boolean.TRUE.equals(known.thirdParty());
                })
                .findFirst().orElse(null);
    }
}
