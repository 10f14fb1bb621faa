package io.mrrlake.spark;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run every so often on its own daemon thread, so a forgotten timer never keeps the JVM alive. */
public final class Repeating {
    private Repeating() {}

    /**
     * Runs {@code task} every {@code every}, first after one interval; stop it with {@code shutdown()}
     * (a run in progress ends) or {@code shutdownNow()} (it is interrupted).
     */
    public static ScheduledExecutorService every(Duration every, String threadName, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }
}
