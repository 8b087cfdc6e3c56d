/**
 * Seeded synthetic reboot-phase driver-update cases ({@code lockscope generate}): a
 * {@link io.lockscope.generate.Scenario} told by {@link io.lockscope.generate.CaseGenerator} inside a
 * booting machine's background noise, written through {@link io.lockscope.generate.CaseFormat}s (procmon
 * CSV and XML here; PML and servicing logs plug in the same way), with
 * {@link io.lockscope.generate.ScenarioFacts} saying what the case contains.
 */
package io.lockscope.generate;
