package io.lockscope.analysis.kb;

/**
 * A vendor the knowledge base recognised for a process.
 *
 * @param product null when only the vendor is known (from the company or the install folder)
 * @param basis   what identified it: {@code company}, {@code process-name} or {@code image-path}
 */
public record VendorMatch(String vendor, String product, String basis) {
}
