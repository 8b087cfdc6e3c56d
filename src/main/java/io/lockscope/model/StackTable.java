package io.lockscope.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned call stacks. A frame is a module plus an offset in it (or a raw address when no module
 * matched); a stack is a list of frame ids, innermost first. Boot logs repeat the same few thousand
 * stacks millions of times, so each distinct stack is stored once and events keep its id.
 */
public final class StackTable {
    /** No stack recorded. */
    public static final int NONE = -1;

    /**
     * @param module   file path of the module, null when the address hit no module
     * @param address  the absolute return address
     * @param offset   address - module base, -1 when unknown
     * @param location symbol as an export wrote it ("FLTMGR.SYS + 0x3e1b"), or null
     * @param kernel   whether the frame is in kernel space
     */
    public record Frame(String module, long address, long offset, String location, boolean kernel) {
        public String moduleFileName() {
            return module == null ? null : Paths.fileName(module);
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private final Map<Frame, Integer> frameIds = new HashMap<>();
    private final List<int[]> stacks = new ArrayList<>();
    private final Map<Key, Integer> stackIds = new HashMap<>();

    public int frameId(Frame frame) {
        return frameIds.computeIfAbsent(frame, f -> {
            frames.add(f);
            return frames.size() - 1;
        });
    }

    /** The id of the stack made of {@code frameIds} (innermost first); the array is copied. */
    public int stackId(int[] frameIdList) {
        Key key = new Key(frameIdList.clone());
        Integer id = stackIds.get(key);
        if (id == null) {
            id = stacks.size();
            stacks.add(key.frames);
            stackIds.put(key, id);
        }
        return id;
    }

    public int size() {
        return stacks.size();
    }

    public List<Frame> frames(int stackId) {
        if (stackId == NONE) {
            return List.of();
        }
        int[] ids = stacks.get(stackId);
        List<Frame> out = new ArrayList<>(ids.length);
        for (int f : ids) {
            out.add(frames.get(f));
        }
        return out;
    }

    private record Key(int[] frames) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(frames, k.frames);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frames);
        }
    }
}
