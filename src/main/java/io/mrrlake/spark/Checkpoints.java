package io.mrrlake.spark;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Datasets materialized on the executors now, with their lineage cut (local checkpoints), counted in
 * the same job, and freed together once nothing reads them. A plan that starts from a checkpoint
 * stays small, which is what keeps the job's planning cheap. {@code Dataset.unpersist} does not free
 * a checkpoint: its blocks belong to the checkpointed RDD, which {@link #release} unpersists. The
 * blocks are kept at one storage level ({@link CheckpointLevel}): in memory first, or on disk only.
 */
public final class Checkpoints {
    private final List<RDD<?>> rdds = new CopyOnWriteArrayList<>();
    private final Map<Dataset<Row>, Long> rowCounts = Collections.synchronizedMap(new IdentityHashMap<>());
    private final StorageLevel level;

    /** Checkpoints in memory first ({@link CheckpointLevel#MEMORY}). */
    public Checkpoints() {
        this(CheckpointLevel.MEMORY);
    }

    public Checkpoints(StorageLevel level) {
        this.level = level;
    }

    public StorageLevel level() {
        return level;
    }

    /**
     * The rows, computed once and kept, with their count ({@link #rowCount}). Spark's eager
     * checkpoint counts the rows too but keeps the number to itself, so a caller that needs it paid
     * a second job: here the checkpoint is marked lazily and the count is the job that fills it,
     * every partition read to its end and stored (Spark then cuts the lineage, with no job of its own
     * since no partition is missing).
     */
    public Dataset<Row> materialize(Dataset<Row> rows) {
        return materialize(null, rows);
    }

    /** As {@link #materialize(Dataset)}, under a name that Spark's storage reports show ({@link StorageHeld}). */
    public Dataset<Row> materialize(String name, Dataset<Row> rows) {
        // Adaptive execution runs a plan's shuffles when the checkpoint is marked, before the count:
        // both are the dataset's jobs.
        return JobDescription.get(rows.sparkSession().sparkContext(), name == null ? null : "materialize " + name, () -> {
            Dataset<Row> kept = rows.localCheckpoint(false);
            if (kept.queryExecution().analyzed() instanceof LogicalRDD checkpointed) {
                // Nothing is stored yet (the count below fills it): a level asked of an RDD marked for a
                // local checkpoint replaces the one Spark marked it with (memory first), if it uses disk.
                checkpointed.rdd().persist(level);
                if (name != null) checkpointed.rdd().setName(name);
                rdds.add(checkpointed.rdd());
            }
            rowCounts.put(kept, kept.count());
            return kept;
        });
    }

    /** The number of rows of a dataset returned by {@link #materialize} here (no Spark job). */
    public long rowCount(Dataset<Row> kept) {
        Long n = rowCounts.get(kept);
        if (n == null) throw new IllegalArgumentException("not materialized by these checkpoints");
        return n;
    }

    /**
     * Materializes each dataset, up to {@code parallelism} at once (ParallelJobs); the keys keep
     * their order. The first failure, in that order, is thrown once all have ended.
     */
    public <K> Map<K, Dataset<Row>> materializeAll(Map<K, Dataset<Row>> in, int parallelism) {
        return materializeAll(in, parallelism, String::valueOf);
    }

    /** As {@link #materializeAll(Map, int)}, each dataset under the name {@code name} gives its key. */
    public <K> Map<K, Dataset<Row>> materializeAll(Map<K, Dataset<Row>> in, int parallelism, Function<? super K, String> name) {
        return materializeAll(new Checkpoints(level), in, parallelism, name, k -> {});
    }

    /**
     * As {@link #materializeAll(Map, int, Function)}, but a dataset that {@code owner} has
     * materialized already is taken over ({@link #takeOver}), not copied; {@code whenKept} is called
     * with each key as soon as its dataset is kept, while others may still be materializing: where
     * the caller frees what only that dataset read.
     */
    public <K> Map<K, Dataset<Row>> materializeAll(Checkpoints owner, Map<K, Dataset<Row>> in, int parallelism,
                                                   Function<? super K, String> name, Consumer<? super K> whenKept) {
        Map<K, Callable<Dataset<Row>>> tasks = new LinkedHashMap<>();
        in.forEach((k, rows) -> tasks.put(k, () -> {
            Dataset<Row> kept = owner.holds(rows) ? takeOver(owner, rows) : materialize(name.apply(k), rows);
            whenKept.accept(k);
            return kept;
        }));
        return ParallelJobs.runAll(tasks, parallelism);
    }

    /**
     * Frees one dataset returned by {@link #materialize} here, once nothing reads it any more, and
     * returns when its blocks are gone: the rest stays. Reading it afterwards fails.
     */
    public void release(Dataset<Row> kept) {
        RDD<?> rdd = own(kept);
        rdds.remove(rdd);
        rowCounts.remove(kept);
        rdd.unpersist(true);
    }

    /**
     * Makes a dataset that {@code owner} materialized this one's, with its row count, without
     * copying it: {@code owner}'s {@link #release} no longer frees it, this one's does.
     */
    public Dataset<Row> takeOver(Checkpoints owner, Dataset<Row> kept) {
        RDD<?> rdd = owner.own(kept);
        Long count = owner.rowCounts.remove(kept);
        owner.rdds.remove(rdd);
        rdds.add(rdd);
        rowCounts.put(kept, count);
        return kept;
    }

    /** Whether {@code rows} is a dataset returned by {@link #materialize} here and not released. */
    public boolean holds(Dataset<Row> rows) {
        return rowCounts.containsKey(rows);
    }

    private RDD<?> own(Dataset<Row> kept) {
        if (!holds(kept) || !(kept.queryExecution().analyzed() instanceof LogicalRDD checkpointed)) {
            throw new IllegalArgumentException("not materialized by these checkpoints");
        }
        return checkpointed.rdd();
    }

    /**
     * Frees every checkpoint made here, and returns once their blocks are gone; a dataset read after
     * this fails. Waiting costs little (the blocks are dropped where they lie) and keeps the last
     * release of a run from racing the session's stop: removals still in flight then failed with a
     * warning and a stack trace per block at the end of a large run's log.
     */
    public void release() {
        rdds.forEach(rdd -> rdd.unpersist(true));
        rdds.clear();
        rowCounts.clear();
    }
}
