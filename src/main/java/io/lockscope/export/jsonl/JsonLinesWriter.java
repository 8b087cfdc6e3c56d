package io.lockscope.export.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * One JSON object per event, one per line: the model's typed fields (numbers as numbers, the
 * detail's record components by name) next to procmon's spelling of them, for jq and scripts.
 */
public final class JsonLinesWriter {
    private JsonLinesWriter() {
    }

    public static void write(Trace trace, OutputStream out) throws IOException {
        EventStore e = trace.events();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < e.size(); i++) {
                ProcessInfo p = trace.process(i);
                g.writeStartObject();
                g.writeNumberField("index", i);
                g.writeStringField("t", TraceTime.format(trace, e.time(i)));
                g.writeNumberField("ticks", e.time(i));
                if (e.duration(i) != EventStore.NO_DURATION) {
                    g.writeNumberField("duration", TraceTime.seconds(e.duration(i)));
                }
                g.writeStringField("process", p.name());
                g.writeNumberField("pid", p.pid());
                g.writeNumberField("processKey", e.processKey(i));
                g.writeNumberField("tid", e.tid(i));
                g.writeStringField("class", e.eventClass(i).procmonName());
                g.writeStringField("operation", e.operationName(i));
                g.writeStringField("path", e.path(i));
                g.writeStringField("result", NtStatus.name(e.result(i)));
                g.writeStringField("ntstatus", String.format("0x%08X", e.result(i)));
                Detail d = e.detail(i);
                g.writeStringField("detailText", DetailFormat.render(e.operation(i), d, NumberStyle.EN_US));
                writeDetail(g, d);
                if (e.stackId(i) != StackTable.NONE) {
                    g.writeArrayFieldStart("stack");
                    for (StackTable.Frame f : trace.stacks().frames(e.stackId(i))) {
                        g.writeString(f.module() == null ? String.format("0x%x", f.address())
                                : f.moduleFileName() + "+0x" + Long.toHexString(f.offset()));
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    /** The detail record's components by name; text details are already in detailText. */
    private static void writeDetail(JsonGenerator g, Detail d) throws IOException {
        if (d instanceof Detail.None || d instanceof Detail.Text) {
            return;
        }
        g.writeObjectFieldStart("detail");
        g.writeStringField("kind", d.getClass().getSimpleName());
        for (RecordComponent c : d.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(d);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + d, ex);
            }
            if (v instanceof Number n) {
                g.writeNumberField(c.getName(), n.longValue());
            } else if (v instanceof Boolean b) {
                g.writeBooleanField(c.getName(), b);
            } else if (v instanceof String s) {
                g.writeStringField(c.getName(), s);
            } else if (d instanceof ProcessDetail pd && c.getName().equals("fields")) {
                g.writeObjectFieldStart("fields");
                for (ProcessDetail.Field f : pd.fields()) {
                    g.writeStringField(f.key(), f.value());
                }
                g.writeEndObject();
            } else if (v instanceof List<?> items) {
                g.writeArrayFieldStart(c.getName());
                for (Object item : items) {
                    g.writeString(String.valueOf(item));
                }
                g.writeEndArray();
            } else if (v != null) {
                g.writeStringField(c.getName(), v.toString());
            }
        }
        g.writeEndObject();
    }
}
