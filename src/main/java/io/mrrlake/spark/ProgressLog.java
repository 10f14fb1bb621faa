package io.mrrlake.spark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line in the job's log every {@link #EVERY} while Spark is working, so a person watching a long
 * stage sees it move: tasks done of the running Spark stages' total, input records read so far, and
 * what the job's materialized data holds in memory and on local disk ({@link StorageHeld}).
 * Spark's console progress bar is off in the job (it garbles log files) and its UI may be off too;
 * this is what remains. Quiet while nothing runs.
 */
public final class ProgressLog extends SparkListener {
    /** How often a line is written while Spark stages run. */
    public static final Duration EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
    private static final Map<SparkContext, ProgressLog> ATTACHED = new ConcurrentHashMap<>();

    private record StageTasks(int total, AtomicInteger done) {}

    private final Map<Integer, StageTasks> running = new ConcurrentHashMap<>();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong tasksDone = new AtomicLong();
    private final Consumer<String> sink;
    private final Supplier<String> held;
    private final ScheduledExecutorService timer;

    /** @param held what materialized data holds now, or null when none: added to each line */
    ProgressLog(Duration every, Consumer<String> sink, Supplier<String> held) {
        this.sink = sink;
        this.held = held;
        this.timer = Repeating.every(every, "mrrlake-progress", this::report);
    }

    /** Attaches one progress log to the context (a second call for the same context does nothing). */
    public static void attach(SparkContext sc) {
        ATTACHED.computeIfAbsent(sc, c -> {
            ProgressLog p = new ProgressLog(EVERY, LOG::info, () -> StorageHeld.describe(c));
            c.addSparkListener(p);
            return p;
        });
    }

    /** The line for now, or null when no Spark stage runs. */
    String line() {
        if (running.isEmpty()) return null;
        int total = 0;
        int done = 0;
        for (StageTasks s : running.values()) {
            total += s.total();
            done += s.done().get();
        }
        String line = String.format("progress: %d Spark stage%s running, %,d of %,d tasks done; %,d tasks and %,d input records so far",
                running.size(), running.size() == 1 ? "" : "s", done, total, tasksDone.get(), recordsRead.get());
        String storage = held.get();
        return storage == null ? line : line + "; " + storage;
    }

    private void report() {
        String l = line();
        if (l != null) sink.accept(l);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        running.put(e.stageInfo().stageId(), new StageTasks(e.stageInfo().numTasks(), new AtomicInteger()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!e.taskInfo().successful()) return;
        StageTasks s = running.get(e.stageId());
        if (s != null) s.done().incrementAndGet();
        tasksDone.incrementAndGet();
        if (e.taskMetrics() != null) recordsRead.addAndGet(e.taskMetrics().inputMetrics().recordsRead());
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        running.remove(e.stageInfo().stageId());
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd e) {
        close();
    }

    /** Stops the timer; the listener stays registered until its context stops. */
    void close() {
        timer.shutdownNow();
        ATTACHED.values().remove(this);
    }
}
