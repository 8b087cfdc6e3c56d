package io.lockscope.ingest.etw.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NT device paths → DOS paths from SysConfig VolumeMapping events ({@code \Device\HarddiskVolume2\} →
 * {@code C:\}, {@code \SystemRoot\} → {@code C:\Windows\}, {@code \??\} → ""). The longest matching
 * prefix wins, compared case-insensitively as Windows does. A rooted path with no device
 * ({@code \Windows\System32\x.dll}, as some image loads log it) is on the system drive, the drive of
 * {@code \SystemRoot\}, which is also how TraceEvent shows it.
 */
public final class VolumeMap {
    private record Mapping(String ntPrefix, String ntPrefixUpper, String dosPrefix) {
    }

    private static final String SYSTEM_ROOT = "\\SYSTEMROOT\\";

    private final List<Mapping> mappings = new ArrayList<>();
    private String systemDrive;

    public void add(String ntPath, String dosPath) {
        if (ntPath == null || ntPath.isEmpty()) {
            return;
        }
        String nt = ntPath.endsWith("\\") ? ntPath : ntPath + "\\";
        String dos = dosPath.isEmpty() || dosPath.endsWith("\\") ? dosPath : dosPath + "\\";
        String upper = nt.toUpperCase(Locale.ROOT);
        mappings.removeIf(m -> m.ntPrefixUpper.equals(upper));
        mappings.add(new Mapping(nt, upper, dos));
        if (upper.equals(SYSTEM_ROOT) && dos.length() >= 2 && dos.charAt(1) == ':') {
            systemDrive = dos.substring(0, 2);
        }
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }

    /** {@code ntPath} with its device prefix replaced by the drive, or unchanged when none matches. */
    public String toDos(String ntPath) {
        if (ntPath == null || ntPath.isEmpty() || mappings.isEmpty()) {
            return ntPath;
        }
        Mapping best = null;
        for (Mapping m : mappings) {
            boolean volumeRoot = m.ntPrefix.length() == ntPath.length() + 1
                    && m.ntPrefix.regionMatches(true, 0, ntPath, 0, ntPath.length());
            if ((volumeRoot || ntPath.regionMatches(true, 0, m.ntPrefix, 0, m.ntPrefix.length()))
                    && (best == null || m.ntPrefix.length() > best.ntPrefix.length())) {
                best = m;
            }
        }
        if (best == null) {
            boolean rootedWithoutDevice = ntPath.startsWith("\\") && !ntPath.startsWith("\\\\")
                    && !ntPath.regionMatches(true, 0, "\\Device\\", 0, 8);
            return rootedWithoutDevice && systemDrive != null ? systemDrive + ntPath : ntPath;
        }
        return ntPath.length() < best.ntPrefix.length() ? best.dosPrefix
                : best.dosPrefix + ntPath.substring(best.ntPrefix.length());
    }
}
