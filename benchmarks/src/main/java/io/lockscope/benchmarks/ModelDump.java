package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventStore;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the model read from each input as text, one line per event with every column by value (path
 * and detail as text, not pool ids; the stack's frames), then the processes and the read report: two
 * builds whose dumps are equal read the inputs into the same model. Usage:
 * {@code java -cp CLASSES:benchmarks.jar io.lockscope.benchmarks.ModelDump OUT_DIR FILE...}.
 */
public final class ModelDump {
    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args[0]);
        Files.createDirectories(outDir);
        for (int a = 1; a < args.length; a++) {
            Path in = Path.of(args[a]);
            String name = in.getFileName().toString() + "-" + Integer.toHexString(in.toAbsolutePath().toString().hashCode());
            Path out = outDir.resolve(name + ".txt");
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                Trace t;
                try {
                    t = Formats.readTrace(in, in.getFileName().toString(), ReadOptions.DEFAULT);
                } catch (Exception e) {
                    w.println("ERROR " + e);
                    continue;
                }
                w.println(t.source() + " " + t.format() + " " + t.timeBase() + " " + t.zone());
                EventStore e = t.events();
                w.println("events " + e.size());
                for (int i = 0; i < e.size(); i++) {
                    StringBuilder sb = new StringBuilder();
                    sb.append(i).append('|').append(e.time(i)).append('|').append(e.duration(i)).append('|')
                            .append(e.processKey(i)).append('|').append(e.tid(i)).append('|').append(e.result(i)).append('|')
                            .append(e.path(i)).append('|').append(e.operation(i)).append('|').append(e.operationName(i))
                            .append('|').append(e.eventClass(i)).append('|').append(Long.toHexString(e.objectId(i)))
                            .append('|').append(Long.toHexString(e.irp(i))).append('|').append(Long.toHexString(e.fileKey(i)))
                            .append('|').append(e.detailKind(i)).append('|').append(e.detail(i)).append('|');
                    int s = e.stackId(i);
                    if (s != StackTable.NONE) {
                        sb.append(t.stacks().frames(s));
                    }
                    w.println(sb);
                }
                w.println("processes " + t.processes().size());
                for (int k = 0; k < t.processes().size(); k++) {
                    w.println(k + " " + t.processes().get(k));
                }
                w.println("stacks " + t.stacks().size());
                w.println("report skipped " + t.report().skippedByReason());
                w.println("report warnings " + t.report().warningCount() + " " + t.report().warnings());
                w.println("report decoders " + t.report().decoders() + " trunc " + t.report().truncation()
                        + " limit " + t.report().eventLimit() + " damaged " + t.report().damagedTotal()
                        + " first " + t.report().firstDamage());
            }
            System.out.println(out);
        }
    }
}
