package io.lockscope.ingest.archive;

import java.nio.file.Path;
import java.util.List;

/**
 * What expanding one archive produced.
 *
 * @param files   the regular files written, nested archives already expanded in their place
 * @param refused one line per limit hit (archive, entry, which limit); what it names was not expanded
 * @param errors  one line per nested archive that could not be read (the outer one was)
 */
public record Expansion(List<File> files, List<String> refused, List<String> errors) {
    public Expansion {
        files = List.copyOf(files);
        refused = List.copyOf(refused);
        errors = List.copyOf(errors);
    }

    /** @param displayName how reports name it: {@code upload.zip!/logs/CBS.log} */
    public record File(Path path, String displayName) {
    }
}
