package io.lockscope.spark;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local file system under the scheme {@code flaky:}, failing the first write of each case's
 * record into a staging folder: every case's first task attempt fails after part of its folder was
 * uploaded, as a task does whose executor loses its connection to the store.
 */
public final class FlakyFileSystem extends RawLocalFileSystem {
    /** the cases whose first attempt failed */
    static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    @Override
    public URI getUri() {
        return URI.create("flaky:///");
    }

    @Override
    protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
        failFirstRecordWrite(f);
        return super.createOutputStream(f, append);
    }

    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
            throws IOException {
        failFirstRecordWrite(f);
        return super.createOutputStreamWithMode(f, append, permission);
    }

    private static void failFirstRecordWrite(Path f) throws IOException {
        // staging folders are named <case id>.<attempt id>
        String folder = f.getParent().getName();
        if (f.toString().contains("/" + JobOutput.STAGING + "/") && f.getName().equals("case.json")
                && FAILED.add(folder.substring(0, folder.lastIndexOf('.')))) {
            throw new IOException("flaky: the store went away while writing " + f);
        }
    }
}
