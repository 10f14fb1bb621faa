package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The job's defaults on a session it did not build (spark-submit, a managed runtime): each applies
 * where nobody set the setting, and a setting somebody set is kept. The test session stands in for
 * the cluster's; its own values of the defaults are put back at the end.
 */
class SparkSessionsTest {
    private static final String EXPLAIN_MODE = "spark.sql.ui.explainMode";

    @Test
    void anExistingSessionTakesEachDefaultNobodySetAndKeepsWhatWasSet() {
        SparkSession spark = SparkTest.spark();
        Map<String, String> before = new LinkedHashMap<>();
        SparkSessions.DEFAULTS.keySet().forEach(k -> before.put(k, spark.conf().get(k)));
        try {
            // As on a cluster where nobody set them: Spark answers its own defaults (explain mode
            // "formatted", Bloom filters on), which are not the job's.
            SparkSessions.DEFAULTS.keySet().forEach(spark.conf()::unset);
            assertEquals("formatted", spark.conf().get(EXPLAIN_MODE).toLowerCase(java.util.Locale.ROOT));
            assertSame(spark, SparkSessions.existingOrNew(Map.of()));
            SparkSessions.DEFAULTS.forEach((k, v) -> assertEquals(v, spark.conf().get(k), k));

            SparkSessions.DEFAULTS.keySet().forEach(spark.conf()::unset);
            spark.conf().set(EXPLAIN_MODE, "extended");
            SparkSessions.existingOrNew(Map.of());
            assertEquals("extended", spark.conf().get(EXPLAIN_MODE), "a value somebody set is kept");
        } finally {
            before.forEach(spark.conf()::set);
        }
    }
}
