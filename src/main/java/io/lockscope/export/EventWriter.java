package io.lockscope.export;

import java.io.Closeable;
import java.io.IOException;

/** A streaming export: rows go out one at a time, in time order; {@link #close()} finishes the file. */
public interface EventWriter extends Closeable {
    void write(EventRow row) throws IOException;
}
