package io.mrrlake.spark;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.apache.spark.SparkContext;

/**
 * The name that Spark's UI, history server and event log show for the jobs a piece of driver code
 * starts ("mrrlake: materialize judged invoices", "mrrlake: write calculated.customers to lake")
 * instead of their call site ("count at Checkpoints.java:65"), which is the same for every dataset.
 * Spark keeps the description per thread (a local property, copied to the threads a thread
 * starts); it is set for the work's duration only and the thread's previous one put back after.
 */
public final class JobDescription {
    /** Spark's local property for a job's description (SparkContext.SPARK_JOB_DESCRIPTION). */
    static final String PROPERTY = "spark.job.description";
    private static final String PREFIX = "mrrlake: ";

    private JobDescription() {}

    /** The description Spark shows for work described as {@code what}. */
    public static String of(String what) {
        return PREFIX + what;
    }

    /** Runs {@code work} with its Spark jobs described as {@code what}; {@code null} leaves the description as it is. */
    public static <V> V call(SparkContext sc, String what, Callable<V> work) throws Exception {
        String previous = describe(sc, what);
        try {
            return work.call();
        } finally {
            restore(sc, what, previous);
        }
    }

    /**
     * As {@link #call}, for work that declares no checked exception. Spark's Scala methods still throw
     * undeclared ones (a SparkException from a write), which pass through as they are.
     */
    public static <V> V get(SparkContext sc, String what, Supplier<V> work) {
        String previous = describe(sc, what);
        try {
            return work.get();
        } finally {
            restore(sc, what, previous);
        }
    }

    /** Sets the description (unless {@code what} is null) and returns the one it replaces. */
    private static String describe(SparkContext sc, String what) {
        String previous = sc.getLocalProperty(PROPERTY);
        if (what != null) sc.setLocalProperty(PROPERTY, of(what));
        return previous;
    }

    private static void restore(SparkContext sc, String what, String previous) {
        if (what != null) sc.setLocalProperty(PROPERTY, previous);
    }
}
