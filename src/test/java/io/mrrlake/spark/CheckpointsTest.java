package io.mrrlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One job computes, keeps and counts the rows; reading them later computes nothing again. */
class CheckpointsTest {
    @ParameterizedTest(name = "adaptive execution {0}, kept in {1}")
    @CsvSource({"false, memory", "true, memory", "false, disk", "true, disk"})
    void theRowsAreComputedOnceCountedAndCutFromTheirLineage(boolean adaptive, String where) {
        StorageLevel level = where.equals("disk") ? CheckpointLevel.DISK : CheckpointLevel.MEMORY;
        SparkSession spark = SparkTest.spark();
        try (ScopedSqlConf conf = SparkTest.adaptiveExecution(adaptive)) {
            LongAccumulator evaluated = spark.sparkContext().longAccumulator("evaluated");
            UserDefinedFunction seen = udf((Long v) -> {
                evaluated.add(1);
                return v;
            }, DataTypes.LongType).asNondeterministic();
            // A shuffle (groupBy) before the counted step, as in the job's datasets.
            Dataset<Row> rows = spark.range(0, 1000).groupBy(col("id").mod(250).as("k")).count()
                    .select(col("k"), seen.apply(col("count")).as("n"));
            Checkpoints checkpoints = new Checkpoints(level);
            Dataset<Row> kept = checkpoints.materialize("test " + where, rows);

            assertEquals(250, checkpoints.rowCount(kept));
            assertEquals(250, evaluated.value(), "every row computed once, by the job that counted them");
            LogicalRDD leaf = (LogicalRDD) kept.queryExecution().analyzed();
            assertTrue(leaf.rdd().isCheckpointed(), "the lineage is cut");
            StorageHeld.Held held = StorageHeld.now(spark.sparkContext()).stream()
                    .filter(h -> h.name().equals("test " + where)).findFirst().orElseThrow();
            assertEquals(where.equals("disk"), held.memory() == 0 && held.disk() > 0, "kept in " + where + ": " + held);
            assertEquals(1000L, kept.agg(org.apache.spark.sql.functions.sum("n")).first().getLong(0));
            assertEquals(250, kept.collectAsList().size());
            assertEquals(250, evaluated.value(), "reading the kept rows again computes none of them");

            checkpoints.release();
            assertThrows(IllegalArgumentException.class, () -> checkpoints.rowCount(kept));
        }
    }

    @org.junit.jupiter.api.Test
    void oneDatasetIsFreedAloneAndAnotherOwnerTakesOneOverWithoutACopy() {
        SparkSession spark = SparkTest.spark();
        Checkpoints stage = new Checkpoints();
        Checkpoints run = new Checkpoints();
        Dataset<Row> judged = stage.materialize("test judged", spark.range(0, 300).toDF());
        Dataset<Row> output = stage.materialize("test output", spark.range(0, 40).toDF());
        assertTrue(String.valueOf(StorageHeld.describe(spark.sparkContext())).contains("in memory"));

        stage.release(judged);
        assertThrows(IllegalArgumentException.class, () -> stage.rowCount(judged));
        assertTrue(heldNames(spark).contains("test output"));
        assertTrue(!heldNames(spark).contains("test judged"), "its blocks are gone: " + heldNames(spark));

        // The run takes the output over (the same rows, counted once) and materializes what the stage has not.
        Map<String, Dataset<Row>> taken = run.materializeAll(stage,
                Map.of("output", output, "more", spark.range(0, 7).toDF()), 2, name -> "test " + name, name -> {});
        assertTrue(taken.get("output") == output, "taken over, not copied");
        assertEquals(40, run.rowCount(output));
        assertEquals(7, run.rowCount(taken.get("more")));
        assertTrue(!stage.holds(output) && run.holds(output));
        stage.release();
        assertEquals(40, output.count(), "the stage's release no longer frees what the run took over");
        run.release();
        assertTrue(!heldNames(spark).contains("test output"), String.valueOf(heldNames(spark)));
    }

    /** The block manager's own list, up to date once a blocking release returns (Spark's status store lags behind). */
    private static java.util.List<String> heldNames(SparkSession spark) {
        return StorageHeld.now(spark.sparkContext()).stream().map(StorageHeld.Held::name).toList();
    }
}
