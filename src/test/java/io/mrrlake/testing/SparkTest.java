package io.mrrlake.testing;

import java.util.Map;

import io.mrrlake.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM with small-machine settings. Tests call {@link #spark()};
 * the session is stopped by the JVM's shutdown.
 */
public final class SparkTest {
    private static SparkSession session;

    private SparkTest() {}

    public static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSessions.local(Map.of(
                    "spark.master", "local[2]",
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.databricks.delta.snapshotPartitions", "2",
                    // As the job's own sessions run (SparkSessions): the writes' REBALANCE needs it.
                    "spark.sql.adaptive.enabled", "true",
                    "spark.ui.enabled", "false",
                    "spark.ui.showConsoleProgress", "false"));
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
