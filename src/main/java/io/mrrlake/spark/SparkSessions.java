package io.mrrlake.spark;

import java.util.Map;

import io.mrrlake.config.SecretKeys;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds or reuses the job's SparkSession with the settings every run needs. */
public final class SparkSessions {
    private SparkSessions() {}

    /** Settings without which the job's writes are not what the contract says. */
    public static final Map<String, String> REQUIRED = Map.of(
            "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            "spark.sql.session.timeZone", "UTC",
            // The validation and ledger plans carry hundreds of derived columns; inferring
            // constraints over them is exponential in time and memory (an OutOfMemoryError in the
            // optimizer, never in the data), and the job has no filters it would help.
            "spark.sql.constraintPropagation.enabled", "false",
            "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

    /**
     * Defaults the user may override. The job's plans are wide (hundreds of derived columns), and
     * Spark renders every plan as text for its listeners at each execution and adaptive re-plan; the
     * "formatted" rendering of such plans cost as much driver time as running them. Delta, after
     * each commit to a small table, recomputes the table's whole file list to store it in the
     * commit's checksum file, a cache that only Delta's own snapshot loading reads: with 28 tables
     * per run that was a quarter of a small run's write stage (docs/BENCHMARKS.md), and the
     * checksum file keeps everything else it holds. Spark's runtime Bloom filters (a filter built
     * from one side of a join by a job of its own, then applied to the other side before its
     * shuffle) were planned for a few of the engine's joins; each filter, megabytes of bits, travelled
     * inside every task of its stage as a literal ("Broadcasting large task binary" of 2 to 4.3 MiB,
     * the last such warnings of a run), and at 100,000 customers the run took as long without them.
     */
    public static final Map<String, String> DEFAULTS = Map.of(
            "spark.sql.ui.explainMode", "simple",
            // Every list of a plan whole (Spark shortens lists over 25 fields, with a warning, and the
            // job's rows are wider): the largest plan of a run is then about 61,000 characters, and
            // the cap keeps four times that as headroom against a plan grown by mistake.
            "spark.sql.debug.maxToStringFields", "1000",
            "spark.sql.maxPlanStringLength", "262144",
            "spark.databricks.delta.allFilesInCrc.enabled", "false",
            "spark.sql.optimizer.runtime.bloomFilter.enabled", "false");

    /**
     * Defaults for settings fixed when the SparkContext starts, kept when the user (spark-submit
     * --conf, spark-defaults.conf) sets them. The job's local checkpoints go to local disk when memory
     * is short: with Spark's defaults (Java serialization, uncompressed) they took 21 GB for 100,000
     * customers; Kryo and compression shrink them several times (docs/BENCHMARKS.md). Zstandard
     * instead of Spark's LZ4 for everything Spark compresses (shuffle files above all): at 100,000
     * customers the local directory's peak went from 11–12.5× the landing zone's gzip size to
     * 7.1–8.2× (two runs each), for about 7% more time; a run that fills its executors' disks fails, a slower one does not.
     */
    public static final Map<String, String> CONTEXT_DEFAULTS = Map.of(
            "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
            "spark.rdd.compress", "true",
            "spark.io.compression.codec", "zstd");

    /**
     * A local session for the launcher (scripts/mrrlake): loopback only, UI off, a few shuffle
     * partitions unless the user sets more.
     */
    public static SparkSession local(Map<String, String> extra) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("mrrlake")
                .master(extra.getOrDefault("spark.master", "local[*]"))
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                // Delta rebuilds a table's snapshot with 50 partitions by default: dozens of idle
                // tasks per commit on a laptop-sized run.
                .config("spark.databricks.delta.snapshotPartitions", "4")
                .config("spark.sql.adaptive.enabled", "true");
        DEFAULTS.forEach(b::config);
        CONTEXT_DEFAULTS.forEach(b::config);
        REQUIRED.forEach(b::config);
        extra.forEach(b::config);
        b.config(SecretKeys.SPARK_REDACTION_KEY, SecretKeys.redactionRegex(extra.get(SecretKeys.SPARK_REDACTION_KEY)));
        return b.getOrCreate();
    }

    /** Under spark-submit or a managed runtime: take the session given, add what the job needs. */
    public static SparkSession existingOrNew(Map<String, String> extra) {
        SparkSession.Builder b = SparkSession.builder().appName("mrrlake");
        SparkConf submitted = new SparkConf();
        CONTEXT_DEFAULTS.forEach((k, v) -> { if (!submitted.contains(k)) b.config(k, v); });
        REQUIRED.forEach(b::config);
        extra.forEach(b::config);
        // Fixed when the SparkContext starts: a context that is already running (a notebook's, a
        // managed runtime's) keeps its own; docs/OPERATIONS.md says to set it on the cluster there.
        String userRedaction = extra.getOrDefault(SecretKeys.SPARK_REDACTION_KEY,
                submitted.get(SecretKeys.SPARK_REDACTION_KEY, null));
        b.config(SecretKeys.SPARK_REDACTION_KEY, SecretKeys.redactionRegex(userRedaction));
        SparkSession s = b.getOrCreate();
        // contains: set by someone (spark-submit --conf, the cluster, the session's builder). Spark's
        // getOption answers its own default for every setting it knows, so it cannot tell.
        DEFAULTS.forEach((k, v) -> { if (!s.conf().contains(k) && !extra.containsKey(k)) s.conf().set(k, v); });
        // Runtime SQL settings apply to a reused session too.
        REQUIRED.forEach((k, v) -> { if (!k.startsWith("spark.sql.extensions") && !k.startsWith("spark.sql.catalog")) s.conf().set(k, v); });
        return s;
    }
}
