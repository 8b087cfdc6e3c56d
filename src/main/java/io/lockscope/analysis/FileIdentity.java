package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.vocab.NtStatus;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * Which target paths name the same file. Share access, oplocks and pending deletes belong to the
 * file (its stream), not to a name (MS-FSA 2.1.5.1.2.2 walks {@code Open.File.OpenList}; lock-semantics.md
 * §1.6), and servicing projects one file under several names: the WinSxS component's file is hard-linked
 * into the DriverStore and into System32\drivers. A handle opened through one link conflicts with an
 * open of another. Links are learnt from the trace: a successful SetLinkInformationFile joins its
 * source and its new name.
 *
 * <p>Each path's identity is one canonical path id of its file (union-find over {@link Targets#canonical}).
 */
public final class FileIdentity {
    private final Targets targets;
    private final IntIntHashMap parent = new IntIntHashMap();

    private FileIdentity(Targets targets) {
        this.targets = targets;
    }

    /** The files of {@code trace}'s targets, with the hard links the trace creates between them. */
    public static FileIdentity of(Trace trace, Targets targets) {
        FileIdentity identity = new FileIdentity(targets);
        EventStore e = trace.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (e.operation(i) == Operation.SET_LINK_INFORMATION_FILE && e.result(i) == NtStatus.SUCCESS
                    && targets.isTarget(e.pathId(i)) && e.detail(i) instanceof RenameDetail link) {
                int name = trace.strings().find(link.target());
                if (name > 0 && targets.isTarget(name)) {
                    identity.join(targets.canonical(e.pathId(i)), targets.canonical(name));
                }
            }
        }
        return identity;
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
