package io.lockscope.generate.servicing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening generated logs the way Windows writes them: CRLF lines, an optional byte-order mark. */
final class LogFiles {
    private LogFiles() {
    }

    /** A buffered writer on {@code file} in {@code charset}, starting with its BOM when {@code bom}. */
    static BufferedWriter open(Path file, Charset charset, boolean bom) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        try {
            if (bom) {
                out.write(charset.equals(StandardCharsets.UTF_16LE) ? new byte[]{(byte) 0xFF, (byte) 0xFE}
                        : new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            return new BufferedWriter(new OutputStreamWriter(out, charset), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A stable 16-hex-digit stand-in for the hash in a DriverStore folder name ({@code oposdrv.inf_amd64_<hash>}). */
    static String storeHash(String inf, String version) {
        if (inf.equals("oposdrv.inf") && version.equals("new")) {
            return "313106b94d0b5742"; // the folder named in the customer case (DESIGN.md)
        }
        long h = 1125899906842597L;
        for (char c : (inf + "|" + version).toCharArray()) {
            h = 31 * h + c;
        }
        return String.format("%016x", h);
    }
}
