package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the fixtures under src/test/resources/servicing. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/servicing/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a fixture through content sniffing, as the CLI does. */
    static ServicingLog read(String name) throws IOException, BadInputException {
        return Formats.readServicingLog(path(name), name);
    }

    /** The fixture re-encoded as PowerShell 5's {@code >} writes it: UTF-16LE with a BOM. */
    static Path asUtf16le(String name, Path dir) throws IOException {
        String text = Files.readString(path(name), StandardCharsets.UTF_8);
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        Path file = dir.resolve(name + ".utf16");
        Files.write(file, out);
        return file;
    }
}
