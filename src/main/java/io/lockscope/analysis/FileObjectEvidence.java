package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.index.OpenIntervals;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * What the events on one FILE_OBJECT (ETW traces only; procmon records none) say about an open
 * interval of it, gathered in one pass: the ObTrace handle events on the object, and the access
 * its successful I/O proves — a Read needs FILE_READ_DATA or FILE_EXECUTE (share kind READ), a
 * Write FILE_WRITE_DATA or FILE_APPEND_DATA (WRITE), a delete or rename disposition DELETE. An
 * address reused by a later FILE_OBJECT is told apart by the intervals (Create … Close).
 */
final class FileObjectEvidence {
    private final IntObjectHashMap<IntArrayList> handleEventsByOpen = new IntObjectHashMap<>();
    private final IntIntHashMap accessByOpen = new IntIntHashMap();

    private FileObjectEvidence() {
    }

    static FileObjectEvidence of(EventStore e, OpenIntervals intervals) {
        FileObjectEvidence ev = new FileObjectEvidence();
        LongObjectHashMap<List<OpenIntervals.Interval>> byObject = new LongObjectHashMap<>();
        for (OpenIntervals.Interval iv : intervals.all()) {
            long fileObject = e.objectId(iv.openEvent());
            if (fileObject != 0) {
                byObject.getIfAbsentPut(fileObject, ArrayList::new).add(iv);
            }
        }
        if (byObject.isEmpty()) {
            return ev;
        }
        for (int i = 0, n = e.size(); i < n; i++) {
            long fileObject = e.objectId(i);
            if (fileObject == 0) {
                continue;
            }
            List<OpenIntervals.Interval> candidates = byObject.get(fileObject);
            OpenIntervals.Interval iv = candidates == null ? null : containing(candidates, i);
            if (iv == null) {
                continue;
            }
            if (e.detail(i) instanceof HandleDetail) {
                ev.handleEventsByOpen.getIfAbsentPut(iv.openEvent(), IntArrayList::new).add(i);
            } else if (e.result(i) >= 0) {
                int shown = accessShownBy(e.operation(i));
                if (shown != 0) {
                    ev.accessByOpen.put(iv.openEvent(), ev.accessByOpen.get(iv.openEvent()) | shown);
                }
            }
        }
        return ev;
    }

    /** The interval of the object that event {@code i} falls in (after its Create, up to its end). */
    private static OpenIntervals.Interval containing(List<OpenIntervals.Interval> intervals, int i) {
        for (int k = intervals.size() - 1; k >= 0; k--) {
            OpenIntervals.Interval iv = intervals.get(k);
            if (iv.openEvent() < i) {
                return iv.closeEvent() < 0 || i <= iv.closeEvent() ? iv : null;
            }
        }
        return null;
    }

    private static int accessShownBy(Operation op) {
        return switch (op) {
            case READ_FILE -> ShareAccess.FILE_READ_DATA;
            case WRITE_FILE -> ShareAccess.FILE_WRITE_DATA;
            case SET_DISPOSITION_INFORMATION_FILE, SET_DISPOSITION_INFORMATION_EX, SET_RENAME_INFORMATION_FILE,
                    SET_RENAME_INFORMATION_EX, SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK -> ShareAccess.DELETE;
            default -> 0;
        };
    }

    /** The handle events on the object of {@code iv} during it, in trace order; empty when none. */
    IntArrayList handleEvents(OpenIntervals.Interval iv) {
        IntArrayList l = handleEventsByOpen.get(iv.openEvent());
        return l == null ? new IntArrayList() : l;
    }

    /** The access bits the object's successful I/O during {@code iv} proves; 0 when none. */
    int accessShown(OpenIntervals.Interval iv) {
        return accessByOpen.get(iv.openEvent());
    }
}
