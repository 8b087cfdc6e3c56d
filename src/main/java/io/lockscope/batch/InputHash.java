package io.lockscope.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of a case's inputs, by which {@code batch --resume} knows a case is unchanged: over the
 * case's files sorted by relative name, each as its name ('/'-separated, UTF-8), a NUL, its length
 * (8 bytes, big-endian) and its bytes. Renaming, adding, removing or editing any file changes it;
 * timestamps do not. Files are streamed, never read whole.
 */
public final class InputHash {
    private static final int BUFFER_BYTES = 64 * 1024;

    private InputHash() {
    }

    /** The hash of a folder's files, or of one file (an archive) under its file name. */
    public static String of(Path input) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        if (Files.isDirectory(input)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(input)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            List<String> names = files.stream().map(f -> input.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
            for (String name : names) {
                add(sha, name, input.resolve(name), buffer);
            }
        } else {
            add(sha, String.valueOf(input.getFileName()), input, buffer);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void add(MessageDigest sha, String name, Path file, byte[] buffer) throws IOException {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        long size = Files.size(file);
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (size >>> shift));
        }
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
