package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Paths;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.vocab.NtStatus;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which target paths name the same file. Share access, oplocks and pending deletes belong to the
 * file (its stream), not to a name (MS-FSA 2.1.5.1.2.2 walks {@code Open.File.OpenList}; lock-semantics.md
 * §1.6), and servicing projects one file under several names: the WinSxS component's file is hard-linked
 * into the DriverStore and into System32\drivers. A handle opened through one link conflicts with an
 * open of another. What the trace proves joins names:
 * <ul>
 * <li>a successful SetLinkInformationFile joins its source and its new name;</li>
 * <li>the same file ID on one volume: procmon's detail of QueryFileInternalInformationFile and
 *     QueryAllInformationFile shows the file's {@code IndexNumber} (FILE_INTERNAL_INFORMATION, the
 *     NTFS file reference, one per file whatever the link it was opened through);</li>
 * <li>the same FileKey on ETW opens that were open at the same time: the FileKey is the stream's
 *     FsContext, shared by every open of the file (etw-formats.md §0.2); it is reused only after the
 *     file is closed everywhere, so opens that overlap in time and share it are opens of one file.</li>
 * </ul>
 *
 * <p>Each path's identity is one canonical path id of its file (union-find over {@link Targets#canonical}).
 */
public final class FileIdentity {
    private static final String INDEX_NUMBER = "IndexNumber: ";

    private final Targets targets;
    private final IntIntHashMap parent = new IntIntHashMap();

    private FileIdentity(Targets targets) {
        this.targets = targets;
    }

    /** The files of {@code trace}'s targets, with the hard links the trace shows between them. */
    public static FileIdentity of(Trace trace, Targets targets) {
        FileIdentity identity = new FileIdentity(targets);
        ObjectIntHashMap<String> pathByFileId = new ObjectIntHashMap<>();
        KeyedOpens keyedOpens = new KeyedOpens();
        EventStore e = trace.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            keyedOpens.visit(e, i, targets);
            if (e.result(i) != NtStatus.SUCCESS || !targets.isTarget(e.pathId(i))) {
                continue;
            }
            int path = targets.canonical(e.pathId(i));
            if (e.operation(i) == Operation.SET_LINK_INFORMATION_FILE && e.detail(i) instanceof RenameDetail link) {
                int name = trace.strings().find(link.target());
                if (name > 0 && targets.isTarget(name)) {
                    identity.join(path, targets.canonical(name));
                }
            } else if (e.operation(i) == Operation.QUERY_FILE_INTERNAL_INFORMATION_FILE
                    || e.operation(i) == Operation.QUERY_ALL_INFORMATION_FILE) {
                String fileId = fileId(e.path(i), e.detail(i));
                if (fileId != null) {
                    identity.join(pathByFileId.getIfAbsentPut(fileId, path), path);
                }
            }
        }
        keyedOpens.joinOverlapping(identity);
        return identity;
    }

    /** The lifetimes of the ETW opens of target paths whose FileKey is known, by FileKey. */
    private static final class KeyedOpens {
        /** @param end the object's Close, -1 when the trace does not show it closed */
        private record Open(int path, int start, int end) {
        }

        private final LongObjectHashMap<List<Open>> byKey = new LongObjectHashMap<>();
        /** FILE_OBJECT → [FileKey, path, start] of the open not yet closed. */
        private final LongObjectHashMap<long[]> live = new LongObjectHashMap<>();

        void visit(EventStore e, int i, Targets targets) {
            long object = e.objectId(i);
            if (object == 0) {
                return;
            }
            Operation op = e.operation(i);
            if (op == Operation.CREATE_FILE && e.fileKey(i) != 0 && targets.isTarget(e.pathId(i))) {
                live.put(object, new long[] {e.fileKey(i), targets.canonical(e.pathId(i)), i});
            } else if (op == Operation.IRP_MJ_CLOSE) {
                // the object's last reference: until then it keeps its file, and so the FileKey, alive
                long[] open = live.remove(object);
                if (open != null) {
                    add(open, i);
                }
            }
        }

        void joinOverlapping(FileIdentity identity) {
            live.forEachValue(open -> add(open, -1));
            for (List<Open> opens : byKey.values()) {
                // sweep in start order: an open that starts before the latest end so far overlaps that open
                opens.sort(Comparator.comparingInt(Open::start));
                Open latest = null;
                for (Open o : opens) {
                    if (latest != null && (latest.end() < 0 || o.start() < latest.end())) {
                        identity.join(latest.path(), o.path());
                    }
                    if (latest == null || latest.end() >= 0 && (o.end() < 0 || o.end() > latest.end())) {
                        latest = o;
                    }
                }
            }
        }

        private void add(long[] open, int end) {
            byKey.getIfAbsentPut(open[0], ArrayList::new).add(new Open((int) open[1], (int) open[2], end));
        }
    }

    /**
     * The volume and IndexNumber a query's detail shows ("C:|0x1000000012a4f"), or null. An IndexNumber
     * is unique on its volume only, so the path's volume (drive or NT device) is part of the id.
     */
    static String fileId(String path, Detail detail) {
        if (!(detail instanceof Detail.Text text)) {
            return null;
        }
        String t = text.text();
        int at = t.indexOf(INDEX_NUMBER);
        if (at < 0) {
            return null;
        }
        int start = at + INDEX_NUMBER.length();
        int end = t.indexOf(',', start);
        String index = (end < 0 ? t.substring(start) : t.substring(start, end)).trim().toLowerCase(Locale.ROOT);
        String volume = volume(path);
        return index.isEmpty() || volume == null ? null : volume + "|" + index;
    }

    /** The volume part of a path: {@code C:} or {@code \Device\HarddiskVolume3}; null when it has none. */
    private static String volume(String path) {
        String p = Paths.normalize(path);
        if (p.length() >= 2 && p.charAt(1) == ':') {
            return p.substring(0, 2);
        }
        if (p.startsWith("\\DEVICE\\")) {
            int end = p.indexOf('\\', "\\DEVICE\\".length());
            return end < 0 ? null : p.substring(0, end);
        }
        return null;
    }

    /** The identity of the file that target path {@code pathId} names. */
    public int of(int pathId) {
        int id = targets.canonical(pathId);
        while (parent.containsKey(id)) {
            id = parent.get(id);
        }
        return id;
    }

    /** Whether two target paths name one file. */
    public boolean sameFile(int pathA, int pathB) {
        return of(pathA) == of(pathB);
    }

    private void join(int a, int b) {
        int ra = of(a);
        int rb = of(b);
        if (ra != rb) {
            // the smaller id (the earlier-seen name) stays the root, so identities do not depend on link order
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }
}
