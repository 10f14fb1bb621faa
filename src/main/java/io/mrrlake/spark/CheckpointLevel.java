package io.mrrlake.spark;

import io.mrrlake.config.CheckpointStorage;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The storage level of a run's checkpoints ({@link Checkpoints}). In memory first (Spark's level for a
 * local checkpoint), a block that does not fit is first built in memory, then given up with a "Not
 * enough space to cache" warning and written to disk: at a million customers, 130 such warnings and
 * the memory churn of each attempt. On disk from the start, every block is written once and read back
 * decompressed. So a run goes to disk when its checkpoints cannot fit in memory anyway.
 */
public final class CheckpointLevel {
    /**
     * Checkpointed rows as Spark keeps them in memory, per byte of gzip landing zone: at 100,000
     * customers (69 MB of gzip) the checkpoints held at once peaked at 1.8 GB (docs/BENCHMARKS.md).
     */
    static final long MEMORY_PER_GZIP_BYTE = 30;
    public static final StorageLevel MEMORY = StorageLevel.MEMORY_AND_DISK();
    public static final StorageLevel DISK = StorageLevel.DISK_ONLY();

    private CheckpointLevel() {}

    /** The level for a run of {@code landingBytes} bytes of input on executors with {@code storageMemory} bytes to hold blocks. */
    public static StorageLevel of(CheckpointStorage setting, long landingBytes, long storageMemory) {
        return switch (setting) {
            case MEMORY -> MEMORY;
            case DISK -> DISK;
            case AUTO -> landingBytes > storageMemory / MEMORY_PER_GZIP_BYTE ? DISK : MEMORY;
        };
    }

    /**
     * The storage memory of the executors' block managers registered now: in local mode the driver's,
     * which runs the tasks; on a cluster the driver's is left out, as it holds no checkpoint block.
     */
    public static long storageMemory(SparkContext sc) {
        String driver = sc.isLocal() ? null : SparkEnv.get().blockManager().blockManagerId().hostPort();
        long total = 0;
        // host:port -> (max, remaining); Scala's Long is an Object here.
        scala.collection.Iterator<Tuple2<String, Tuple2<Object, Object>>> it = sc.getExecutorMemoryStatus().iterator();
        while (it.hasNext()) {
            Tuple2<String, Tuple2<Object, Object>> e = it.next();
            if (!e._1().equals(driver)) total += ((Number) e._2()._1()).longValue();
        }
        return total;
    }

    public static String describe(StorageLevel level) {
        return level.equals(DISK) ? "on disk" : "in memory";
    }
}
