package io.mrrlake.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Datasets materialized on the executors now, with their lineage cut (eager local checkpoints), and
 * freed together once nothing reads them. A plan that starts from a checkpoint stays small, which is
 * what keeps the job's planning cheap. {@code Dataset.unpersist} does not free a checkpoint: its
 * blocks belong to the checkpointed RDD, which {@link #release} unpersists.
 */
public final class Checkpoints {
    private final List<RDD<?>> rdds = new CopyOnWriteArrayList<>();

    public Dataset<Row> materialize(Dataset<Row> rows) {
        Dataset<Row> kept = rows.localCheckpoint(true);
        if (kept.queryExecution().analyzed() instanceof LogicalRDD checkpointed) {
            rdds.add(checkpointed.rdd());
        }
        return kept;
    }

    /**
     * Materializes each dataset, up to {@code parallelism} at once (ParallelJobs); the keys keep
     * their order. The first failure, in that order, is thrown once all have ended.
     */
    public <K> Map<K, Dataset<Row>> materializeAll(Map<K, Dataset<Row>> in, int parallelism) {
        Map<K, Callable<Dataset<Row>>> tasks = new LinkedHashMap<>();
        in.forEach((k, rows) -> tasks.put(k, () -> materialize(rows)));
        return ParallelJobs.runAll(tasks, parallelism);
    }

    /** Frees every checkpoint made here; a dataset read after this fails. */
    public void release() {
        rdds.forEach(rdd -> rdd.unpersist(false));
        rdds.clear();
    }
}
