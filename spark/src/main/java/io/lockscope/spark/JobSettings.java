package io.lockscope.spark;

import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.batch.CaseAnalyzer;
import io.lockscope.batch.CaseJob;
import io.lockscope.cli.BuildVersion;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.archive.ArchiveLimits;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How every case of the job is analysed, as {@code lockscope batch} takes it from its options; sent
 * to the executors, which build their {@link CaseJob} from it.
 *
 * @param formats          per-case report formats (json, html, md, text)
 * @param targets          the target of every case; empty: each case's failing INF
 * @param lang             en or zh-CN
 * @param zone             the UTC offset of local-time inputs, null when not given
 * @param maxExpandedBytes most bytes one case's archives may expand to (the other archive limits are
 *                         batch's defaults)
 */
record JobSettings(List<String> formats, List<String> targets, String lang, ZoneOffset zone, long maxExpandedBytes)
        implements Serializable {
    JobSettings {
        formats = List.copyOf(formats);
        targets = List.copyOf(targets);
    }

    CaseJob caseJob() {
        // each task has a core of its own: no helper threads beside it
        CaseAnalyzer analyzer = new CaseAnalyzer(new ReadOptions(zone).withThreads(1), targets, KnowledgeAttribution.standard(), lang,
                BuildVersion.current(), ArchiveLimits.DEFAULT.withMaxExpandedBytes(maxExpandedBytes));
        return new CaseJob(analyzer, formats);
    }
}
