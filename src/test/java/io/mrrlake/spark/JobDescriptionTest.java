package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Spark's UI names the job that materializes a dataset by the dataset, and the thread's description comes back after. */
class JobDescriptionTest {
    @Test
    void aMaterializedDatasetsJobCarriesItsNameAndTheOuterDescriptionIsRestored() throws Exception {
        SparkSession spark = SparkTest.spark();
        SparkContext sc = spark.sparkContext();
        List<String> seen = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String d = start.properties() == null ? null : start.properties().getProperty(JobDescription.PROPERTY);
                seen.add(String.valueOf(d));
            }
        };
        sc.addSparkListener(listener);
        Checkpoints checkpoints = new Checkpoints();
        try {
            JobDescription.call(sc, "outer step", () -> {
                checkpoints.materialize("numbers", spark.range(0, 10).toDF());
                assertEquals("mrrlake: outer step", sc.getLocalProperty(JobDescription.PROPERTY), "the outer description is back");
                return null;
            });
            assertNull(sc.getLocalProperty(JobDescription.PROPERTY), "nothing left on the thread");
            assertThrows(IllegalStateException.class, () -> JobDescription.get(sc, "failing", () -> {
                throw new IllegalStateException("boom");
            }));
            assertNull(sc.getLocalProperty(JobDescription.PROPERTY), "nothing left on the thread after a failure");
            // Spark's Scala code throws checked exceptions undeclared: they pass through as they are.
            assertThrows(org.apache.spark.sql.AnalysisException.class, () -> JobDescription.get(sc, "missing",
                    () -> spark.read().parquet("/nonexistent/mrrlake-job-description-test")));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!seen.contains("mrrlake: materialize numbers") && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(seen.contains("mrrlake: materialize numbers"), "jobs seen: " + seen);
        } finally {
            sc.removeSparkListener(listener);
            checkpoints.release();
        }
    }
}
