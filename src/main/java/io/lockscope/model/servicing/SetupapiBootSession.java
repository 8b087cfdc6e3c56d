package io.lockscope.model.servicing;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The sections logged after one {@code [Boot Session: yyyy/mm/dd hh:mm:ss.sss]} marker (sections
 * before the first marker form a session with a null start).
 */
public record SetupapiBootSession(LocalDateTime start, long line, List<SetupapiSection> sections) {
    public SetupapiBootSession {
        sections = List.copyOf(sections);
    }
}
