package io.newstrends.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of driver work on a few threads of their own. Delta operations on
 * different tables share one Spark session well: one's driver work (snapshots, listings,
 * commits) runs beside another's tasks.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * Runs {@code tasks} on at most {@code threads} daemon threads named {@code name} and waits for
     * all of them. Results come in the order of {@code tasks}. The first failure is rethrown (others
     * suppressed in it) only after every task ended, so nothing is left writing behind the caller's back.
     */
    public static <T> List<T> all(String name, int threads, List<? extends Callable<? extends T>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<? extends T>> futures = new ArrayList<>(tasks.size());
            for (Callable<? extends T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>(tasks.size());
            RuntimeException failure = null;
            for (Future<? extends T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    RuntimeException wrapped = cause instanceof RuntimeException re ? re
                            : new IllegalStateException(cause.getMessage(), cause);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
