package io.lockscope.batch;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One input of a batch: a folder or an archive holding one case.
 *
 * @param id    unique in the batch and safe as a folder name ({@code [A-Za-z0-9._-]}): where the
 *              case's outputs go, {@code OUTDIR/cases/<id>/}
 * @param name  the input's own file name, as the user sees it (may hold any character)
 * @param input where the folder or archive is, as its row names it: a path, or a URI in the Spark job
 */
public record BatchCase(String id, String name, String input) implements Serializable {
    private static final int MAX_ID_LENGTH = 80;
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar.gz", ".tgz", ".tar", ".zip", ".7z", ".cab");

    /** The cases of {@code inputs}, in order; ids come from the names, made safe and unique. */
    public static List<BatchCase> of(List<Path> inputs) {
        List<String> names = new ArrayList<>();
        for (Path input : inputs) {
            Path fileName = input.toAbsolutePath().normalize().getFileName();
            names.add(fileName == null ? input.toString() : fileName.toString());
        }
        return of(names, inputs.stream().map(Path::toString).toList());
    }

    /**
     * The cases named {@code names} (file names as the user sees them) at {@code inputs}, in order; ids
     * come from the names, made safe and unique, so the same names give the same ids wherever the cases are.
     */
    public static List<BatchCase> of(List<String> names, List<String> inputs) {
        if (names.size() != inputs.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + inputs.size() + " inputs");
        }
        List<BatchCase> cases = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String base = safeId(names.get(i));
            String id = base;
            for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
                id = base + "-" + n;
            }
            cases.add(new BatchCase(id, names.get(i), inputs.get(i)));
        }
        return cases;
    }

    /** The case's output folder relative to the batch's output folder, '/'-separated. */
    public String folder() {
        return "cases/" + id;
    }

    /** The name without an archive suffix, every other character than letters, digits, '.', '_', '-' as '_'. */
    static String safeId(String name) {
        String stem = name;
        for (String suffix : ARCHIVE_SUFFIXES) {
            if (stem.toLowerCase(Locale.ROOT).endsWith(suffix) && stem.length() > suffix.length()) {
                stem = stem.substring(0, stem.length() - suffix.length());
                break;
            }
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < stem.length() && id.length() < MAX_ID_LENGTH; i++) {
            char c = stem.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && id.length() > 0);
            id.append(safe ? c : '_');
        }
        return id.length() == 0 ? "case" : id.toString();
    }
}
