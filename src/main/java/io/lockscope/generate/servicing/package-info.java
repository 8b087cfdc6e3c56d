/**
 * Writers of realistic servicing logs for synthetic cases: CBS.log, setupapi.dev.log, {@code fltmc filters}
 * output and FilterList.log for a {@link io.lockscope.generate.servicing.ServicingScenario}; see
 * {@link io.lockscope.generate.servicing.ServicingLogsWriter#write} for a whole case folder.
 */
package io.lockscope.generate.servicing;
