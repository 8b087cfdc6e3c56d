package io.lockscope.batch;

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
 * @param input the folder or archive
 */
public record BatchCase(String id, String name, Path input) {
    private static final int MAX_ID_LENGTH = 80;
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar.gz", ".tgz", ".tar", ".zip", ".7z", ".cab");

    /** The cases of {@code inputs}, in order; ids come from the names, made safe and unique. */
    public static List<BatchCase> of(List<Path> inputs) {
        List<BatchCase> cases = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Path input : inputs) {
            Path fileName = input.toAbsolutePath().normalize().getFileName();
            String name = fileName == null ? input.toString() : fileName.toString();
            String base = safeId(name);
            String id = base;
            for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
                id = base + "-" + n;
            }
            cases.add(new BatchCase(id, name, input));
        }
        return cases;
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
