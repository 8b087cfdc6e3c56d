package io.lockscope.model.vocab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The FSCTL/IOCTL codes procmon names in the Detail of FileSystemControl and DeviceIoControl
 * ({@code Control: FSCTL_REQUEST_OPLOCK}), and the Category procmon gives a FileSystemControl by its
 * code. The table is the resource {@code io-control-codes.txt} next to this class (its header cites
 * the sources).
 */
public final class IoControlCodes {
    private static final String RESOURCE = "io-control-codes.txt";
    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, String> CATEGORY_BY_NAME = new HashMap<>();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        try (InputStream in = IoControlCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int code = Integer.parseUnsignedInt(f[0].substring(2), 16);
                NAMES.put(code, f[1]);
                CODES.putIfAbsent(f[1], code);
                if (f.length > 2) {
                    CATEGORY_BY_NAME.put(f[1], category(f[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IoControlCodes() {
    }

    /**
     * procmon's text for {@code code}: its name, or for a code procmon does not name
     * {@code 0x902eb (Device:0x9 Function:186 Method: 3)} (device type, function and transfer method
     * are the CTL_CODE fields).
     */
    public static String render(int code) {
        String name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        return "0x" + Integer.toHexString(code) + " (Device:0x" + Integer.toHexString(code >>> 16) + " Function:"
                + ((code >>> 2) & 0xFFF) + " Method: " + (code & 3) + ")";
    }

    /** The code procmon names {@code name} ("FSCTL_REQUEST_FILTER_OPLOCK"), or -1 when it names none so. */
    public static int code(String name) {
        return CODES.getOrDefault(name, -1);
    }

    /**
     * The Category procmon shows for a FileSystemControl whose Detail names {@code controlName}
     * ("Read", "Read Metadata", …), or "" (also for codes procmon has no name for).
     */
    public static String fileSystemControlCategory(String controlName) {
        return CATEGORY_BY_NAME.getOrDefault(controlName, "");
    }

    private static String category(String abbreviation) {
        switch (abbreviation) {
            case "R":
                return "Read";
            case "W":
                return "Write";
            case "RM":
                return "Read Metadata";
            case "WM":
                return "Write Metadata";
            default:
                throw new IllegalStateException("unknown category " + abbreviation + " in " + RESOURCE);
        }
    }
}
