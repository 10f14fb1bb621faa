package io.mrrlake.spark;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * What the job's materialized data holds on the executors right now, in memory and on local disk:
 * the part of Spark's local directory that the job itself decides (shuffle files are the rest). A
 * run's local-disk peak is read off these numbers, and the largest datasets are named so that a
 * change to what is kept, and for how long, can be judged by them.
 */
public final class StorageHeld {
    /** How many of the largest datasets a line names. */
    static final int LARGEST = 3;
    private static final double MB = 1024.0 * 1024.0;

    private StorageHeld() {}

    /** "held: 2 datasets, 120 MB in memory, 0 MB on disk (largest: line_items 80 MB, plans 1 MB)", or null when nothing is held. */
    public static String describe(SparkContext sc) {
        RDDInfo[] held = Arrays.stream(sc.getRDDStorageInfo())
                .filter(i -> i.memSize() + i.diskSize() > 0).toArray(RDDInfo[]::new);
        if (held.length == 0) return null;
        long memory = Arrays.stream(held).mapToLong(RDDInfo::memSize).sum();
        long disk = Arrays.stream(held).mapToLong(RDDInfo::diskSize).sum();
        String largest = Arrays.stream(held)
                .sorted(Comparator.comparingLong((RDDInfo i) -> i.memSize() + i.diskSize()).reversed())
                .limit(LARGEST)
                .map(i -> String.format("%s %,.0f MB", i.name(), (i.memSize() + i.diskSize()) / MB))
                .collect(Collectors.joining(", "));
        return String.format("held: %d dataset%s, %,.0f MB in memory, %,.0f MB on disk (largest: %s)",
                held.length, held.length == 1 ? "" : "s", memory / MB, disk / MB, largest);
    }
}
