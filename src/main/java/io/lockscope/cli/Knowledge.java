package io.lockscope.cli;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.kb.KnowledgeAttribution;

/** The knowledge base the commands use to name vendors, products and filter drivers. */
final class Knowledge {
    private Knowledge() {
    }

    static Attribution attribution() {
        return KnowledgeAttribution.standard();
    }
}
