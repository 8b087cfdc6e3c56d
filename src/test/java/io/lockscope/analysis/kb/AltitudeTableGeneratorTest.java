package io.lockscope.analysis.kb;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AltitudeTableGeneratorTest {
    private static final Path IFS = Path.of("../shared/corpus/servicing/windows-driver-docs/ifs");

    /** The committed table is exactly what the generator makes of Microsoft's pages. */
    @Test
    void committedTableMatchesThePages() throws IOException {
        assumeTrue(Files.isRegularFile(IFS.resolve(AltitudeTableGenerator.ALLOCATIONS_PAGE))
                        && Files.isRegularFile(IFS.resolve(AltitudeTableGenerator.GROUPS_PAGE)),
                "windows-driver-docs corpus not present at " + IFS.toAbsolutePath() + "; skipping regeneration check");
        StringWriter regenerated = new StringWriter();
        AltitudeTableGenerator.generate(IFS, regenerated);
        String committed;
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(AltitudeTableGenerator.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(committed, regenerated.toString());
    }

    @Test
    void everyAllocationRowWasKept() {
        // allocated-altitudes.md (ms.date 10/28/2025) has 2137 allocation rows in 23 group tables
        assertEquals(2137, KnowledgeBase.standard().allocations().size());
    }
}
