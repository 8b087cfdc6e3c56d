package io.lockscope.batch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The heap that the cases of a batch running at once share. A case that runs out of memory beside
 * others is run again alone: once the cases running have finished, and before another starts. So a
 * batch of uploads of mixed sizes needs a heap for its largest case, not for its largest cases times
 * {@code --jobs}, and loses no case to a neighbour's size.
 */
final class SharedHeap {
    /** One run of a case. */
    interface Attempt<T> {
        T run() throws IOException;
    }

    /** Fair: a case waiting to run alone is not passed by cases that start after it asked. */
    private final ReentrantReadWriteLock turns = new ReentrantReadWriteLock(true);
    private final boolean shared;
    private final AtomicInteger ranAlone = new AtomicInteger();

    /** @param jobs cases run at once; with one, a case always runs alone and is never run again */
    SharedHeap(int jobs) {
        this.shared = jobs > 1;
    }

    /**
     * Runs {@code attempt} beside the other cases; when {@code outOfMemory} says it ran out, or it threw
     * {@link OutOfMemoryError} (the heap full even for its error row), runs it again alone, and gives what
     * that run gave, made {@code failedAlone} when it ran out again.
     */
    <T> T run(Attempt<T> attempt, Predicate<T> outOfMemory, UnaryOperator<T> failedAlone) throws IOException {
        turns.readLock().lock();
        try {
            T result = attempt.run();
            if (!shared || !outOfMemory.test(result)) {
                return result;
            }
        } catch (OutOfMemoryError e) {
            if (!shared) {
                throw e;
            }
        } finally {
            turns.readLock().unlock();
        }
        turns.writeLock().lock();
        ranAlone.incrementAndGet();
        try {
            T result = attempt.run();
            return outOfMemory.test(result) ? failedAlone.apply(result) : result;
        } finally {
            turns.writeLock().unlock();
        }
    }

    /** Cases run again alone so far: each made the others wait, and a larger heap would have spared that. */
    int ranAlone() {
        return ranAlone.get();
    }
}
