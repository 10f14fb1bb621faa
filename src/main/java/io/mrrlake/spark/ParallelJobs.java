package io.mrrlake.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs driver-side tasks that each start Spark jobs, several at a time: Spark schedules jobs from
 * several threads side by side, so the executors work on one dataset while the driver plans or
 * commits another.
 */
public final class ParallelJobs {
    private ParallelJobs() {}

    /** A task's result, or what it threw. */
    public record Outcome<V>(V value, Throwable error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Runs every task, up to {@code parallelism} at once; the outcomes come in the tasks' order. */
    public static <K, V> Map<K, Outcome<V>> run(Map<K, Callable<V>> tasks, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "mrrlake-job");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<K, Future<V>> running = new LinkedHashMap<>();
            tasks.forEach((k, task) -> running.put(k, pool.submit(task)));
            Map<K, Outcome<V>> outcomes = new LinkedHashMap<>();
            running.forEach((k, future) -> outcomes.put(k, await(future)));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs every task as {@link #run} does and returns their values in the tasks' order; when some
     * failed, the first failure in that order is thrown once all have ended.
     */
    public static <K, V> Map<K, V> runAll(Map<K, Callable<V>> tasks, int parallelism) {
        Map<K, V> values = new LinkedHashMap<>();
        run(tasks, parallelism).forEach((k, outcome) -> {
            if (!outcome.ok()) {
                throw outcome.error() instanceof RuntimeException r ? r : new IllegalStateException(outcome.error());
            }
            values.put(k, outcome.value());
        });
        return values;
    }

    private static <V> Outcome<V> await(Future<V> future) {
        try {
            return new Outcome<>(future.get(), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e);
        }
    }
}
