/**
 * Readers for CBS.log / CbsPersist_*.log, setupapi.dev.log, FilterList.log, {@code fltmc filters},
 * {@code fltmc instances}, {@code sc qc|query}, {@code dism /get-drivers} and {@code pnputil /enum-drivers},
 * each recognised by content through {@link io.lockscope.ingest.Formats}. All stream
 * their input line by line with a line-length cap, detect UTF-8/UTF-16 (with or without BOM), and count
 * what they cannot use in the {@link io.lockscope.model.ReadReport}.
 */
package io.lockscope.ingest.servicing;
