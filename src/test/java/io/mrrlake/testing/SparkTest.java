package io.mrrlake.testing;

import java.util.Map;

import io.mrrlake.spark.ScopedSqlConf;
import io.mrrlake.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

/**
 * One local SparkSession per test JVM with small-machine settings. Tests call {@link #spark()};
 * the session is stopped by the JVM's shutdown.
 */
public final class SparkTest {
    private static final String ADAPTIVE = SQLConf.ADAPTIVE_EXECUTION_ENABLED().key();
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
                    ADAPTIVE, "true",
                    "spark.ui.enabled", "false",
                    "spark.ui.showConsoleProgress", "false"));
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** Adaptive execution on or off in the shared session until closed (it is on otherwise). */
    public static ScopedSqlConf adaptiveExecution(boolean on) {
        return ScopedSqlConf.set(spark(), Map.of(ADAPTIVE, String.valueOf(on)));
    }
}
