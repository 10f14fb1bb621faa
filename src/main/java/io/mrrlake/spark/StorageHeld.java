package io.mrrlake.spark;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockStatus;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageStatus;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * What the job's materialized data holds on the executors right now, in memory and on local disk:
 * the part of Spark's local directory that the job itself decides (shuffle files are the rest). A
 * run's local-disk peak is read off these numbers, and the largest datasets are named so that a
 * change to what is kept, and for how long, can be judged by them.
 *
 * <p>The numbers are the block manager master's own list of blocks, not Spark's status store (what
 * {@code SparkContext.getRDDStorageInfo} and the UI report): that store adds a block's whole size
 * again at each of its moves between memory and disk, and at a million customers it showed 13 GB
 * on disk where Spark's local directory held 8.
 */
public final class StorageHeld {
    /** How many of the largest datasets a line names. */
    static final int LARGEST = 3;
    private static final double MB = 1024.0 * 1024.0;

    private StorageHeld() {}

    record Held(String name, long memory, long disk) {
        long total() {
            return memory + disk;
        }
    }

    /** "held: 2 datasets, 120 MB in memory, 0 MB on disk (largest: line_items 80 MB, plans 1 MB)", or null when nothing is held. */
    public static String describe(SparkContext sc) {
        List<Held> held = now(sc);
        if (held.isEmpty()) return null;
        long memory = held.stream().mapToLong(Held::memory).sum();
        long disk = held.stream().mapToLong(Held::disk).sum();
        String largest = held.stream()
                .sorted(Comparator.comparingLong(Held::total).reversed())
                .limit(LARGEST)
                .map(h -> String.format("%s %,.0f MB", h.name(), h.total() / MB))
                .collect(Collectors.joining(", "));
        return String.format("held: %d dataset%s, %,.0f MB in memory, %,.0f MB on disk (largest: %s)",
                held.size(), held.size() == 1 ? "" : "s", memory / MB, disk / MB, largest);
    }

    /** Each materialized dataset that holds blocks now, by its name ("rdd N" when it has none). */
    static List<Held> now(SparkContext sc) {
        SparkEnv env = SparkEnv.get();
        if (env == null) return List.of();
        Map<Integer, long[]> sizes = new HashMap<>();
        for (StorageStatus executor : env.blockManager().master().getStorageStatus()) {
            Iterator<Tuple2<BlockId, BlockStatus>> blocks = executor.rddBlocks().iterator();
            while (blocks.hasNext()) {
                Tuple2<BlockId, BlockStatus> b = blocks.next();
                if (!(b._1() instanceof RDDBlockId id)) continue;
                long[] s = sizes.computeIfAbsent(id.rddId(), k -> new long[2]);
                s[0] += b._2().memSize();
                s[1] += b._2().diskSize();
            }
        }
        Map<Integer, String> names = new HashMap<>();
        JavaSparkContext.fromSparkContext(sc).getPersistentRDDs().forEach((id, rdd) -> names.put(id, rdd.name()));
        return sizes.entrySet().stream()
                .map(e -> new Held(Objects.requireNonNullElse(names.get(e.getKey()), "rdd " + e.getKey()),
                        e.getValue()[0], e.getValue()[1]))
                .filter(h -> h.total() > 0).toList();
    }
}
