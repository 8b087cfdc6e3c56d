package io.lockscope.export;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The procmon release whose export a conversion reproduces, where releases write the same event
 * differently. Each known difference is one method below, with the evidence that places it; everything
 * else renders alike in every release lockscope has seen.
 *
 * @param hundredths the release number times 100 (3.53 → 353); {@link #LATEST} is above every release
 */
public record ProcmonVersion(int hundredths) {
    /** What the newest procmon writes; the default. */
    public static final ProcmonVersion LATEST = new ProcmonVersion(Integer.MAX_VALUE);

    /**
     * Information classes an older procmon shows as {@code <Unknown>}: the 3.53 export in the corpus
     * (CompressedLogFileUTC64Filesystem) does so for FileStorageReservedIdInformation (0x4A), which
     * procmon-parser's tests date to 3.60.
     */
    private static final Set<String> NAMED_SINCE_3_60 = Set.of("SetStorageReservedIdInformation");
    private static final String UNKNOWN = "<Unknown>";

    /**
     * A release as procmon numbers them ("3.53", "4.01"; "3.4" is 3.40) or {@code latest}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ProcmonVersion parse(String text) {
        if (text.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.signum() <= 0 || number.scale() > 2 || number.compareTo(BigDecimal.valueOf(100)) >= 0) {
                throw new NumberFormatException();
            }
            return new ProcmonVersion(number.movePointRight(2).intValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a procmon version: '" + text + "' (e.g. 3.53, 4.01 or latest)");
        }
    }

    /**
     * Whether QueryDirectory's Detail carries {@code FileInformationClass}. The 3.53 exports in the corpus
     * show it; CompressedLogfileTests32bitUTC, whose PML shows Procmon.exe 3.4 on the capturing machine
     * and which was exported the same day, never does. Releases between 3.40 and 3.53 are
     * taken to show it: no export of theirs has been seen.
     */
    public boolean showsDirectoryInformationClass() {
        return hundredths > 340;
    }

    /** The Operation cell: {@code <Unknown>} for an information class this release did not name. */
    public String operation(String name) {
        return hundredths < 360 && NAMED_SINCE_3_60.contains(name) ? UNKNOWN : name;
    }

    /** The detail this release shows of {@code detail}. */
    public Detail detail(Detail detail) {
        return detail instanceof DirectoryDetail d && !showsDirectoryInformationClass() ? d.withoutInfoClass() : detail;
    }

    @Override
    public String toString() {
        return hundredths == Integer.MAX_VALUE ? "latest"
                : BigDecimal.valueOf(hundredths, 2).toPlainString();
    }
}
