package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.NtStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Message arguments describing one event, in the order every finding message uses them: process
 * name, PID, path, time, result — so "{0} (pid {1}) … {2} … at {3} … {4}". Shared by the rules and
 * the report's verdict sentences.
 */
public final class Args {
    private Args() {
    }

    public static List<Object> event(CaseFacts facts, int input, int event) {
        Trace t = facts.trace(input);
        ProcessInfo p = t.process(event);
        List<Object> args = new ArrayList<>(5);
        args.add(p.name());
        args.add(p.pid());
        args.add(t.events().path(event));
        args.add(new TimeRef(input, t.events().time(event)));
        args.add(NtStatus.name(t.events().result(event)));
        return args;
    }

    /**
     * A name with what is known about it, e.g. a filter with its altitude, vendor and group: the report
     * words it in its language's punctuation ("tmevtmgr (328510, Trend Micro)", "tmevtmgr（328510，Trend Micro）").
     */
    public record Described(String name, List<String> details) {
        public Described {
            details = List.copyOf(details);
        }
    }

    /**
     * Names listed in a message (log files, stack frames, traces): the report joins them with its
     * language's comma ("CBS.log, setupapi.dev.log", "CBS.log，setupapi.dev.log"). Any other list argument
     * is a list of clauses, joined with ";" ("；").
     */
    public record Names(List<String> names) {
        public Names {
            names = List.copyOf(names);
        }
    }

    public static List<Object> concat(List<Object> a, Object... more) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
