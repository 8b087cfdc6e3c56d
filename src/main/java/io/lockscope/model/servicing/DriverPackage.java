package io.lockscope.model.servicing;

import java.time.LocalDate;

/**
 * A driver package as {@code dism /get-drivers} (table or list) or {@code pnputil /enum-drivers}
 * lists it (servicing.md §2.4).
 *
 * @param publishedName {@code oem19.inf}, or the inbox INF name
 * @param originalName  the INF file name the package was built from
 * @param inbox         null when the listing does not say ({@code pnputil})
 * @param dateText      the date exactly as printed: dism uses the system short-date pattern even with
 *                      {@code /English}, so it is kept verbatim
 * @param date          {@code dateText} parsed when its pattern is unambiguous, else null
 * @param signer        {@code pnputil}'s Signer Name, null for dism
 */
public record DriverPackage(String publishedName, String originalName, Boolean inbox, String className,
                            String provider, String dateText, LocalDate date, String version, String signer) {
}
