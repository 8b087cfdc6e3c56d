/**
 * What Windows servicing logs and filter/driver listings say about a case, as immutable records:
 * {@link io.lockscope.model.servicing.ServicingFacts} (CBS sessions, packages, processing-block failures
 * with rollback and WER details, driver-queue results, setupapi boot sessions and sections, installed
 * filters, services, driver packages). Filled by {@code io.lockscope.ingest.servicing}; formats in
 * shared/reference/servicing.md §1–§2, §6.4.
 */
package io.lockscope.model.servicing;
