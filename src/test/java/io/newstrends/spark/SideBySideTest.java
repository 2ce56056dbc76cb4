package io.newstrends.spark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver-side pool that maintain and analyze run their independent Delta work on (plain Java, no Spark). */
class SideBySideTest {

    @Test
    void resultsComeInTheOrderOfTheTasksWhateverOrderTheyFinishIn() {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add(() -> {
                Thread.sleep(5L * (6 - n)); // the first task finishes last
                return n * n;
            });
        }
        assertEquals(List.of(0, 1, 4, 9, 16, 25), SideBySide.all("test", 3, tasks));
        assertEquals(List.of(), SideBySide.all("test", 3, List.<Callable<Integer>>of()));
    }

    @Test
    void noMoreThanTheThreadsAskedForRunAtOnceAndTheyDoOverlap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tasks.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(50);
                running.decrementAndGet();
                return Thread.currentThread().getName();
            });
        }
        List<String> threads = SideBySide.all("newstrends-test", 3, tasks);
        // at least two at once (a loaded machine may start the third late), never more than three
        assertTrue(most.get() >= 2 && most.get() <= 3, "at most " + most.get() + " at once");
        assertTrue(threads.stream().allMatch("newstrends-test"::equals), threads.toString());
    }

    @Test
    void theFirstFailureIsRethrownOnlyAfterEveryTaskEndedWithTheOthersSuppressed() {
        CountDownLatch slowEnded = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(
                () -> {
                    throw new IllegalArgumentException("first");
                },
                () -> {
                    Thread.sleep(200);
                    slowEnded.countDown();
                    return "slow";
                },
                () -> {
                    throw new java.io.IOException("second");
                });
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SideBySide.all("test", 3, tasks));
        assertEquals("first", thrown.getMessage());
        assertEquals(0, slowEnded.getCount(), "the slow task ended before the failure reached the caller");
        assertEquals(1, thrown.getSuppressed().length);
        assertTrue(thrown.getSuppressed()[0] instanceof IllegalStateException);
        assertTrue(thrown.getSuppressed()[0].getCause() instanceof java.io.IOException);
    }

    @Test
    void oneThreadRunsTheTasksOneAfterTheOther() {
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(() -> {
                order.add(n);
                return n;
            });
        }
        SideBySide.all("test", 1, tasks);
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }
}
