package io.lockscope.kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Which of the files {@code collect.cmd finish} gathers an upload holds, and what each missing one
 * costs the diagnosis. An upload is taken for a kit's when it holds the kit's {@code kit.txt}; any
 * other case gets no inventory.
 */
public final class KitInventory {
    /** The kit's files whose absence weakens the diagnosis, in the order they are reported. */
    private static final List<String> WEIGHED = List.of(UploadLayout.TRACE, UploadLayout.PROCMON_LOG,
            UploadLayout.CBS_FOLDER + "/", UploadLayout.SETUPAPI_DEV, UploadLayout.FILTERS, UploadLayout.INSTANCES,
            UploadLayout.SERVICES, UploadLayout.DRIVERS);

    private final List<String> present;
    private final List<String> missing;

    private KitInventory(List<String> present, List<String> missing) {
        this.present = List.copyOf(present);
        this.missing = List.copyOf(missing);
    }

    /**
     * The inventory of a case whose files are named {@code names} (as reports name them:
     * {@code upload.zip!/CBS/CBS.log}), or null when the case is not a kit's upload.
     */
    public static KitInventory of(Collection<String> names) {
        List<String> normalised = names.stream().map(n -> "/" + n.replace('\\', '/').replace("!/", "/")).toList();
        if (normalised.stream().noneMatch(n -> n.endsWith("/" + UploadLayout.MANIFEST))) {
            return null;
        }
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : WEIGHED) {
            boolean found = file.endsWith("/")
                    ? normalised.stream().anyMatch(n -> n.contains("/" + file))
                    : normalised.stream().anyMatch(n -> n.endsWith("/" + file) || isLaterPart(n, file));
            (found ? present : missing).add(file);
        }
        return new KitInventory(present, missing);
    }

    /** procmon splits a large log: procmon-boot-1.pml follows procmon-boot.pml. */
    private static boolean isLaterPart(String name, String file) {
        int dot = file.lastIndexOf('.');
        String stem = "/" + file.substring(0, dot) + "-";
        int at = name.lastIndexOf(stem);
        return dot > 0 && at >= 0 && name.endsWith(file.substring(dot))
                && name.substring(at + stem.length(), name.length() - (file.length() - dot)).matches("\\d+");
    }

    public List<String> present() {
        return present;
    }

    public List<String> missing() {
        return missing;
    }

    /** One line saying what was present, then one line per missing file with what its absence costs, in {@code lang}. */
    public List<String> notes(String lang) {
        ResourceBundle words = ResourceBundle.getBundle("io.lockscope.kit.inventory", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        List<String> notes = new ArrayList<>();
        notes.add(words.getString("present").replace("{0}", present.isEmpty() ? "-" : String.join(", ", present)));
        List<String> unexplained = new ArrayList<>(missing);
        if (missing.contains(UploadLayout.TRACE) && missing.contains(UploadLayout.PROCMON_LOG)) {
            unexplained.removeAll(List.of(UploadLayout.TRACE, UploadLayout.PROCMON_LOG));
            notes.add(missingLine(words, UploadLayout.TRACE + ", " + UploadLayout.PROCMON_LOG, "missing.no-trace"));
        }
        for (String file : unexplained) {
            notes.add(missingLine(words, file, "missing." + file));
        }
        return notes;
    }

    private static String missingLine(ResourceBundle words, String files, String costKey) {
        return words.getString("missing").replace("{0}", files).replace("{1}", words.getString(costKey));
    }
}
