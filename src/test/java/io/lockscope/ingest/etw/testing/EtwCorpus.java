package io.lockscope.ingest.etw.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The real ETW files in ../shared/corpus/etw; tests using them skip when the folder is absent. */
public final class EtwCorpus {
    public static final Path DIR = Path.of("..", "shared", "corpus", "etw");

    private EtwCorpus() {
    }

    /** {@code relative} under the corpus, or a skipped test when it is not there. */
    public static Path file(String relative) {
        Path p = DIR.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "ETW corpus file " + p.toAbsolutePath()
                + " is absent (../shared not checked out beside the project): skipping");
        return p;
    }

    /** Unzips the single .etl inside corpus zip {@code relative} into {@code dir}. */
    public static Path unzipEtl(String relative, Path dir) throws IOException {
        Path zip = file(relative);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = Path.of(e.getName()).getFileName().toString();
                if (!e.isDirectory() && name.endsWith(".etl")) {
                    Path out = dir.resolve(name);
                    copyBounded(in, out, 64L << 20);
                    return out;
                }
            }
        }
        throw new IOException("no .etl in " + zip);
    }

    private static void copyBounded(InputStream in, Path out, long max) throws IOException {
        Files.copy(new BoundedInput(in, max), out, StandardCopyOption.REPLACE_EXISTING);
    }

    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long max) {
            this.in = in;
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("zip entry larger than expected");
            }
            return n;
        }
    }
}
