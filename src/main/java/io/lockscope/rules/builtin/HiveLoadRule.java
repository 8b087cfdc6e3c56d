package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.HiveLoads;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;

import java.util.List;
import java.util.Set;

/**
 * A failed RegLoadKey/RegUnLoadKey of the DRIVERS hive: the driver database is then unusable, which
 * the servicing stack reports as 0x800703f1 ERROR_BADDB (lock-semantics.md §2.3 ways 1 and 2). When
 * the load's own open of {@code config\DRIVERS} failed just before, that failure (and whoever held the
 * file) is the cause; otherwise the load failed inside the registry, where a registry callback can
 * deny it.
 */
public final class HiveLoadRule extends FailureRule {
    @Override
    public String id() {
        return "hive-load";
    }

    @Override
    public String description() {
        return "A failed load or unload of the DRIVERS hive (RegLoadKey/RegUnLoadKey), and the hive-file open that failed it.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.hive-load.failed", "finding.hive-load.file-failed");
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        Trace trace = facts.trace(f.input());
        if (!HiveLoads.isHiveLoad(trace.events().operation(f.event()))) {
            return List.of();
        }
        int file = HiveLoads.fileFailureBefore(trace, f.event());
        List<Object> args = Args.event(facts, f.input(), f.event());
        if (file < 0) {
            return List.of(new Finding(id(), Finding.Severity.ERROR, "finding.hive-load.failed", args, null,
                    List.of(new Finding.Evidence(f.input(), f.event()))));
        }
        return List.of(new Finding(id(), Finding.Severity.ERROR, "finding.hive-load.file-failed",
                Args.concat(args, trace.events().path(file), trace.events().operationName(file),
                        NtStatus.name(trace.events().result(file))), null,
                List.of(new Finding.Evidence(f.input(), f.event()), new Finding.Evidence(f.input(), file))));
    }
}
