package io.mrrlake.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesDestinationTest {
    private final SparkSession spark = SparkTest.spark();

    @TempDir
    Path tmp;

    static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        Dataset<Row> e = expected.select(expected.columns()[0], java.util.Arrays.copyOfRange(expected.columns(), 1, expected.columns().length));
        Dataset<Row> a = actual.select(e.columns()[0], java.util.Arrays.copyOfRange(e.columns(), 1, e.columns().length));
        assertEquals(e.count(), a.count(), "row count");
        assertEquals(0, e.exceptAll(a).count(), "rows missing from the destination");
        assertEquals(0, a.exceptAll(e).count(), "rows the destination should not have");
    }

    @Test
    void deltaWritesPartitionedRewritesWithoutDuplicatesAndAcceptsANewColumn() throws Exception {
        FilesDestination d = FilesDestination.forOutput(tmp.toUri().toString(), "delta");
        DatasetWrite w = TestRows.movementsWrite(spark, 200, 5);

        assertEquals(200, d.writeAndCount(w));
        assertEquals(200, d.writeAndCount(w));
        String loc = d.locationOf(w);
        Dataset<Row> back = FilesReader.read(spark, loc, FileFormat.DELTA);
        assertSameRows(w.rows(), back);
        assertTrue(new File(tmp.toFile(), "calculated/mrr_movements/DATE_MONTH=2024-03").isDirectory(), "month partition folder");
        // Two commits (plus nothing else): one per write.
        assertEquals(2, io.delta.tables.DeltaTable.forPath(spark, loc).history().count());

        DatasetWrite wider = DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS,
                TestRows.movements(spark, 120, 2).withColumn("DESCRIPTION", lit("new")));
        assertEquals(120, d.writeAndCount(wider));
        assertSameRows(wider.rows(), FilesReader.read(spark, loc, FileFormat.DELTA));
    }

    @Test
    void parquetPublishesVersionsThroughThePointerAndKeepsUntouchedMonths() throws Exception {
        FilesDestination d = FilesDestination.forOutput(tmp.toString(), "parquet");
        assertEquals(OverwriteMode.PARTITIONS, d.overwrite());
        DatasetWrite five = TestRows.movementsWrite(spark, 200, 5);
        assertEquals(200, d.writeAndCount(five));
        assertEquals(200, d.writeAndCount(five));
        String loc = d.locationOf(five);
        assertSameRows(five.rows(), FilesReader.read(spark, loc, FileFormat.PARQUET));

        // A run that only has the first two months replaces those and keeps the other three.
        Dataset<Row> twoMonths = TestRows.movements(spark, 200, 5).filter(col("DATE_MONTH").leq("2024-02"))
                .withColumn("MRR_MOVEMENT", col("MRR_MOVEMENT").plus(1));
        d.writeAndCount(DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS, twoMonths));
        Dataset<Row> expected = twoMonths.unionByName(five.rows().filter(col("DATE_MONTH").gt("2024-02")));
        assertSameRows(expected, FilesReader.read(spark, loc, FileFormat.PARQUET));

        // Only the current and the previous version folders remain.
        File[] versions = new File(tmp.toFile(), "calculated/mrr_movements/_versions").listFiles();
        assertEquals(2, versions.length);
    }

    @Test
    void parquetFullOverwriteDropsMonthsNoLongerPresentAndWritesUnpartitioned() throws Exception {
        FilesDestination d = new FilesDestination("lake", DatasetFilter.all(), tmp.toString(), FileFormat.PARQUET,
                OverwriteMode.FULL, "magic");
        DatasetWrite five = TestRows.movementsWrite(spark, 100, 5);
        d.writeAndCount(five);
        DatasetWrite two = TestRows.movementsWrite(spark, 40, 2);
        assertEquals(40, d.writeAndCount(two));
        assertSameRows(two.rows(), FilesReader.read(spark, d.locationOf(two), FileFormat.PARQUET));

        DatasetWrite plain = DatasetWrite.of(OutputDataset.CALCULATED_CUSTOMERS, TestRows.movements(spark, 30, 1).drop("DATE_MONTH"));
        assertEquals(30, d.writeAndCount(plain));
        assertSameRows(plain.rows(), FilesReader.read(spark, d.locationOf(plain), FileFormat.PARQUET));
    }

    @Test
    void aFailedWriteLeavesThePreviousDataReadable() throws Exception {
        for (String format : List.of("parquet", "delta")) {
            FilesDestination d = FilesDestination.forOutput(tmp.resolve(format).toString(), format);
            DatasetWrite good = TestRows.movementsWrite(spark, 50, 3);
            d.writeAndCount(good);
            DatasetWrite bad = TestRows.failingWrite(spark, OutputDataset.CALCULATED_MRR_MOVEMENTS);
            Exception e = assertThrows(Exception.class, () -> d.writeAndCount(bad));
            assertTrue(String.valueOf(rootCause(e).getMessage()).contains("boom"), format + ": " + e);
            assertSameRows(good.rows(), FilesReader.read(spark, d.locationOf(good), FileFormat.parse("f", format)));
        }
    }

    @Test
    void emptyDatasetsAreWrittenAndReadBackEmpty() throws Exception {
        for (String format : List.of("parquet", "delta")) {
            FilesDestination d = FilesDestination.forOutput(tmp.resolve(format).toString(), format);
            DatasetWrite w = TestRows.movementsWrite(spark, 30, 2);
            d.writeAndCount(w);
            DatasetWrite empty = DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS, w.rows().limit(0));
            assertEquals(0, d.writeAndCount(empty));
            Dataset<Row> back = FilesReader.read(spark, d.locationOf(w), FileFormat.parse("f", format));
            long expected = format.equals("parquet") ? 30 : 0; // parquet keeps untouched months by default
            assertEquals(expected, back.count(), format);
        }
    }

    @Test
    void rejectsGoUnderRejectsAndPlainReadersCannotMisreadParquetVersions() throws Exception {
        FilesDestination d = FilesDestination.forOutput(tmp.toString(), "parquet");
        Dataset<Row> rejects = spark.range(3).selectExpr("'invoices' AS KIND", "'unknown_plan' AS REASON",
                "concat('detail ', id) AS DETAIL", "'f.json' AS SOURCE_FILE", "'{}' AS RAW");
        DatasetWrite w = DatasetWrite.rejects("invoices", rejects);
        assertTrue(d.accepts(w));
        assertEquals(3, d.writeAndCount(w));
        assertTrue(Files.exists(tmp.resolve("rejects/invoices/_CURRENT")));
        assertThrows(Exception.class, () -> spark.read().parquet(tmp.resolve("rejects/invoices").toString()).count(),
                "the dataset folder itself holds only hidden entries");
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }
}
