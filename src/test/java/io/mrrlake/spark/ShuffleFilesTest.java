package io.mrrlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** The shuffle files of materialized work go once nothing reaches them; the kept rows stay readable. */
class ShuffleFilesTest {
    @Test
    void theShuffleFilesOfMaterializedWorkAreDeletedAndTheKeptRowsStay() throws Exception {
        SparkSession spark = SparkTest.spark();
        Checkpoints checkpoints = new Checkpoints();
        // The shuffle's id is read from the plan before it runs: adaptive execution plans its
        // exchanges only as it runs them.
        try (ScopedSqlConf conf = SparkTest.adaptiveExecution(false);
             ShuffleFiles files = ShuffleFiles.watch(spark, 1)) {
            // As a landing kind is judged: a shuffle, then the result kept and its plan dropped.
            Dataset<Row> judged = spark.range(0, 20_000).groupBy(col("id").mod(500).as("k")).count();
            String prefix = "shuffle_" + shuffleId(judged) + "_";
            Dataset<Row> kept = checkpoints.materialize(judged);
            judged = null;
            assertFalse(shuffleFiles(prefix).isEmpty(), "the grouping wrote shuffle files");

            spark.sparkContext().listenerBus().waitUntilEmpty(); // the tasks' metrics reach the listener asynchronously
            assertTrue(files.releaseUnreachable(), "shuffle bytes were written, so the heap is collected");
            long deadline = System.currentTimeMillis() + 5_000;
            while (!shuffleFiles(prefix).isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(100);

            assertEquals(List.of(), shuffleFiles(prefix), "the materialized work's shuffle files are deleted");
            assertEquals(500, checkpoints.rowCount(kept));
            assertEquals(20_000L, kept.agg(sum("count")).first().getLong(0), "the kept rows are read without their shuffle");
        } finally {
            checkpoints.release();
        }
    }

    @Test
    void aCollectionWaitsForEnoughShuffleOutput() throws Exception {
        SparkSession spark = SparkTest.spark();
        try (ShuffleFiles files = ShuffleFiles.watch(spark, ShuffleFiles.WORTH_A_COLLECTION)) {
            spark.range(0, 1_000).groupBy(col("id").mod(10)).count().collectAsList();
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertFalse(files.releaseUnreachable(), "a few kilobytes of shuffle files are not worth a collection");
        }
    }

    /** The shuffle of the plan's one exchange (planned without adaptive execution). */
    private static int shuffleId(Dataset<Row> rows) {
        List<Integer> ids = new ArrayList<>();
        rows.queryExecution().executedPlan().foreach(node -> {
            if (node instanceof ShuffleExchangeExec exchange) ids.add(exchange.shuffleDependency().shuffleId());
            return null;
        });
        assertEquals(1, ids.size(), "one exchange");
        return ids.get(0);
    }

    private static List<File> shuffleFiles(String prefix) {
        return JavaConverters.seqAsJavaList(SparkEnv.get().blockManager().diskBlockManager().getAllFiles()).stream()
                .filter(f -> f.getName().startsWith(prefix)).toList();
    }
}
