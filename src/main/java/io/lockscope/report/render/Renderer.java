package io.lockscope.report.render;

import java.io.IOException;
import java.io.Writer;

/** Lays out one report model in one format; it computes nothing and words only fixed labels. */
@FunctionalInterface
public interface Renderer<M> {
    void render(M model, Writer out) throws IOException;
}
