/**
 * Whole cases and batches of them. {@link io.lockscope.batch.CaseAnalyzer} takes one case from inputs
 * to a worded report (what {@code analyze} does); {@link io.lockscope.batch.BatchRunner} runs many on
 * a bounded pool into {@code OUTDIR/cases/<id>/}, keeps unchanged cases with {@code --resume}
 * ({@link io.lockscope.batch.InputHash}), and writes the summaries
 * ({@link io.lockscope.batch.SummaryFiles}, {@link io.lockscope.batch.IndexPage}).
 */
package io.lockscope.batch;
