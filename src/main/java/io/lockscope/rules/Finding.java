package io.lockscope.rules;

import java.util.List;

/**
 * One thing a rule found. Rules do not word findings: {@code key} names the message and
 * {@code args} fill it in the report's language (report/messages*.properties).
 *
 * @param blame    what this finding would make the verdict, or null when it blames nobody
 * @param evidence events that prove it
 */
public record Finding(String rule, Severity severity, String key, List<Object> args, Blame blame,
                      List<Evidence> evidence) {

    public Finding {
        args = List.copyOf(args);
        evidence = List.copyOf(evidence);
    }

    public enum Severity { ERROR, WARNING, INFO }

    /** An event of an input of the case. */
    public record Evidence(int input, int index) {
    }
}
