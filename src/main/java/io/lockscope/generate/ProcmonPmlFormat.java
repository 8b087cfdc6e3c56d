package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.export.pml.PmlWriter;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A procmon boot log as procmon itself saves it: {@code boot_log.pml}, 64-bit, with stacks. */
public final class ProcmonPmlFormat implements CaseFormat {
    public static final String FILE_NAME = "boot_log.pml";

    @Override
    public String id() {
        return "pml";
    }

    @Override
    public EventWriter open(Path directory, CaseContext context) throws IOException {
        PmlWriter pml = PmlWriter.open(directory.resolve(FILE_NAME), PmlWriter.Machine.DEFAULT);
        // the generator's process keys are the order of its process list; the PML's indexes follow it
        for (ProcessInfo p : context.processes()) {
            pml.addProcess(p);
        }
        return new EventWriter() {
            private long[] stack = new long[64];

            @Override
            public void write(EventRow row) throws IOException {
                List<StackTable.Frame> frames = row.stack();
                if (frames.size() > stack.length) {
                    stack = new long[frames.size()];
                }
                for (int i = 0; i < frames.size(); i++) {
                    stack[i] = frames.get(i).address();
                }
                pml.event(row.time(), row.duration(), row.processKey(), row.tid(), row.operation(), row.operationName(),
                        row.result(), row.path(), row.detail(), stack, frames.size());
            }

            @Override
            public void close() throws IOException {
                pml.close();
            }
        };
    }
}
