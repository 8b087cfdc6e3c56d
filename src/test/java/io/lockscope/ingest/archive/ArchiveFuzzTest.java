package io.lockscope.ingest.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzz target for the archive expander (zip, 7z, tar, tar.gz, nested). Besides the read
 * contract ({@link ReadContract#checkRefusal}: one error naming the archive, or an expansion), what it wrote
 * must stay inside the work folder, be regular files only, and stay under the expanded-bytes cap.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class ArchiveFuzzTest {
    /** Small caps, so that a bomb is stopped within the time of one fuzz input. */
    private static final ArchiveLimits LIMITS = new ArchiveLimits(200, 8L << 20, 250, 1L << 20, 3);

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void expand(byte[] data) throws IOException {
        Path archive = ReadContract.write(data);
        Path work = Files.createTempDirectory("lockscope-fuzz-expand");
        try {
            Expansion expansion = ArchiveExpander.expand(archive, ReadContract.NAME, work, LIMITS);
            long total = 0;
            for (Expansion.File f : expansion.files()) {
                Path real = f.path().toRealPath();
                assertTrue(real.startsWith(work.toRealPath()), "written outside the work folder: " + real);
                assertTrue(Files.isRegularFile(f.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS), f.displayName());
                assertTrue(f.displayName().startsWith(ReadContract.NAME + "!/"), f.displayName());
                total += Files.size(f.path());
            }
            assertTrue(total <= LIMITS.maxExpandedBytes(), "expanded " + total + " bytes");
            try (Stream<Path> all = Files.walk(work)) {
                assertFalse(all.anyMatch(Files::isSymbolicLink), "a link was created");
            }
        } catch (BadInputException e) {
            ReadContract.checkRefusal(e);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
