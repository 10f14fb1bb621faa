package io.mrrlake.spark;

import java.util.concurrent.atomic.LongAdder;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the local disk that finished work's shuffle files hold. Spark deletes a shuffle's files only
 * when the driver's garbage collector finds the shuffle unreachable (its ContextCleaner), and a
 * driver whose heap is large and mostly idle collects its old objects rarely: Spark's own periodic
 * collection runs every 30 minutes ({@code spark.cleaner.periodicGC.interval}). Without a collection
 * between the job's steps, the shuffle files of every landing kind judged so far stayed on disk while
 * the next kinds wrote theirs, and the local directory's peak depended on when a collection happened.
 *
 * <p>Watches the shuffle bytes the tasks write; {@link #releaseUnreachable} is called between steps
 * whose shuffles nothing reads again, and collects only when enough was written since the last time
 * to be worth a collection of the driver's heap.
 */
public final class ShuffleFiles implements AutoCloseable {
    /** Shuffle output since the last collection below which a collection costs more than it frees. */
    public static final long WORTH_A_COLLECTION = 256L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ShuffleFiles.class);
    private final SparkContext context;
    private final long minBytes;
    private final LongAdder written = new LongAdder();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) written.add(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
        }
    };

    private ShuffleFiles(SparkContext context, long minBytes) {
        this.context = context;
        this.minBytes = minBytes;
        context.addSparkListener(listener);
    }

    /** Starts counting the shuffle bytes written from now on; close to stop. */
    public static ShuffleFiles watch(SparkSession spark) {
        return watch(spark, WORTH_A_COLLECTION);
    }

    static ShuffleFiles watch(SparkSession spark, long minBytes) {
        return new ShuffleFiles(spark.sparkContext(), minBytes);
    }

    /**
     * Lets Spark delete, in the background, the shuffle files nothing can reach any more, when at
     * least the threshold was written since the last collection. Returns whether it collected.
     */
    public boolean releaseUnreachable() {
        long bytes = written.sum();
        if (bytes < minBytes) return false;
        written.reset();
        long started = System.nanoTime();
        System.gc();
        LOG.info("{} MB of shuffle files written since the last collection: the driver's heap collected for Spark's "
                + "cleaner in {} ms", bytes >> 20, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    @Override
    public void close() {
        context.removeSparkListener(listener);
    }
}
