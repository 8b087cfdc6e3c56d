package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cases an input URI names: a folder's entries, a glob's matches, an archive, a list of URIs. */
class CaseSourcesTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;
    private Path uploads;

    @BeforeEach
    void uploads() throws IOException {
        uploads = Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(uploads.resolve("case-b"));
        Files.writeString(uploads.resolve("case-a.zip"), "zip");
        Files.writeString(uploads.resolve("case-c.tar.gz"), "tgz");
        Files.writeString(uploads.resolve(".case-a.zip.crc"), "hidden");
        Files.createDirectories(uploads.resolve("_temporary"));
    }

    private List<String> names(String... uris) throws IOException {
        return CaseSources.list(List.of(uris), CONF).stream().map(BatchCase::name).toList();
    }

    @Test
    void aFolderHoldsOneCasePerEntryInNameOrderHiddenOnesLeftOut() throws IOException {
        assertEquals(List.of("case-a.zip", "case-b", "case-c.tar.gz"), names(uploads.toUri().toString()));
        assertEquals(List.of("case-a", "case-b", "case-c"),
                CaseSources.list(List.of(uploads.toString()), CONF).stream().map(BatchCase::id).toList(),
                "ids as batch makes them");
    }

    @Test
    void aGlobNamesItsMatchesAndAnArchiveItself() throws IOException {
        assertEquals(List.of("case-a.zip", "case-c.tar.gz"), names(uploads + "/case-[ac]*"));
        assertEquals(List.of("case-c.tar.gz"), names(uploads.resolve("case-c.tar.gz").toString()));
    }

    @Test
    void aListFileNamesCasesRelativeToItsFolder() throws IOException {
        Path list = dir.resolve("cases.txt");
        Files.writeString(list, "# November\nuploads/case-b\n\n" + uploads.resolve("case-a.zip").toUri() + "\n");
        List<BatchCase> cases = CaseSources.list(List.of(list.toString()), CONF);
        assertEquals(List.of("case-b", "case-a.zip"), cases.stream().map(BatchCase::name).toList());
        assertTrue(cases.get(0).input().endsWith("/uploads/case-b"), cases.get(0).input());
    }

    @Test
    void aMissingInputOrAnEmptyGlobIsAnErrorNamingIt() {
        IOException missing = assertThrows(IOException.class, () -> names(dir.resolve("nothing").toString()));
        assertTrue(missing.getMessage().contains("nothing"), missing.getMessage());
        IOException empty = assertThrows(IOException.class, () -> names(uploads + "/*.7z"));
        assertTrue(empty.getMessage().contains("matches nothing"), empty.getMessage());
    }
}
