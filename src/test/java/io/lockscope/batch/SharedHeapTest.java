package io.lockscope.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A case that runs out of memory beside others runs again alone: after the cases running have finished,
 * before any case that asked later starts, and only once.
 */
@Timeout(60)
class SharedHeapTest {
    private static final String OUT = "out of memory";

    private final SharedHeap heap = new SharedHeap(4);
    /** Attempts running now. */
    private final AtomicInteger running = new AtomicInteger();

    /**
     * A case that runs out of memory when another runs beside it; its retry records in {@code besideRetry}
     * how many ran with it, itself included, and holds the heap until {@code finishRetry} opens.
     */
    private String sharingCase(AtomicInteger attempts, AtomicInteger besideRetry, CountDownLatch retrying,
                               CountDownLatch finishRetry) {
        return call(() -> heap.run(() -> {
            int now = running.incrementAndGet();
            try {
                if (attempts.incrementAndGet() == 1) {
                    return now > 1 ? OUT : "ok";
                }
                besideRetry.set(now);
                retrying.countDown();
                await(finishRetry);
                return now > 1 ? OUT : "ok";
            } finally {
                running.decrementAndGet();
            }
        }, OUT::equals, r -> r + ", also when run alone"));
    }

    @Test
    void aCaseOutOfMemoryBesideAnotherRunsAgainOnceItHasFinishedAndBeforeLaterCasesStart() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch firstDone = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(() -> heap.run(() -> {
            running.incrementAndGet();
            firstStarted.countDown();
            await(firstDone);
            running.decrementAndGet();
            return "ok";
        }, OUT::equals, r -> r)));
        await(firstStarted);

        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger besideRetry = new AtomicInteger();
        CountDownLatch retrying = new CountDownLatch(1);
        CountDownLatch finishRetry = new CountDownLatch(1);
        Thread second = new Thread(() -> sharingCase(attempts, besideRetry, retrying, finishRetry));
        second.start();
        waitUntilParked(second); // ran out beside the first, now waiting to run alone
        assertEquals(1, attempts.get(), "no retry while the first case runs");

        AtomicInteger laterRan = new AtomicInteger();
        Thread later = new Thread(() -> call(() -> heap.run(() -> {
            laterRan.set(running.incrementAndGet());
            running.decrementAndGet();
            return "ok";
        }, OUT::equals, r -> r)));
        later.start();
        waitUntilParked(later); // behind the retry, which asked first
        assertEquals(0, laterRan.get(), "a case asking after the retry waits for it");

        firstDone.countDown();
        assertEquals("ok", first.get());
        await(retrying);
        assertEquals(1, besideRetry.get(), "the retry runs alone");
        assertEquals(0, laterRan.get(), "the later case still waits while the retry runs");
        finishRetry.countDown();
        second.join();
        later.join();
        assertEquals(2, attempts.get());
        assertEquals(1, laterRan.get(), "the later case ran after the retry, alone");
        assertEquals(1, heap.ranAlone(), "one case ran again alone");
    }

    @Test
    void aCaseOutOfMemoryAloneToo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String row = heap.run(() -> {
            attempts.incrementAndGet();
            return OUT;
        }, OUT::equals, r -> r + ", also when run alone");
        assertEquals("out of memory, also when run alone", row);
        assertEquals(2, attempts.get());
        assertEquals(1, heap.ranAlone());
    }

    @Test
    void anOutOfMemoryErrorThrownBesideOthersIsRetriedAloneAndThrownWhenAlone() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String row = heap.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            return "ok";
        }, OUT::equals, r -> r);
        assertEquals("ok", row);
        assertEquals(2, attempts.get());
        SharedHeap alone = new SharedHeap(1);
        assertThrows(OutOfMemoryError.class, () -> alone.run(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, OUT::equals, r -> r));
    }

    @Test
    void withOneJobACaseAlwaysRanAloneAndIsNotRunAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        SharedHeap oneJob = new SharedHeap(1);
        String row = oneJob.run(() -> {
            attempts.incrementAndGet();
            return OUT;
        }, OUT::equals, r -> r + ", also when run alone");
        assertEquals(OUT, row);
        assertEquals(1, attempts.get());
        assertEquals(0, oneJob.ranAlone(), "with one job nothing runs again");
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private static <T> T call(Body<T> body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code t} is parked on the heap's lock (WAITING), the state a queued case is in. */
    private static void waitUntilParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive()) {
                throw new AssertionError(t.getName() + " ended instead of waiting");
            }
            Thread.sleep(5);
        }
    }
}
