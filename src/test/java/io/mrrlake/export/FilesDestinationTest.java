package io.mrrlake.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mrrlake.model.OutputDataset;
import io.mrrlake.spark.ScopedSqlConf;
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

    /** Every file and folder under dir, relative, sorted, hidden ones included. */
    static List<String> listing(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void parquetIsAPlainFolderOfMonthPartitionsReplacedWholeByDefault() throws Exception {
        FilesDestination d = FilesDestination.forOutput(tmp.toString(), "parquet");
        assertEquals(OverwriteMode.FULL, d.overwrite());
        DatasetWrite five = TestRows.movementsWrite(spark, 200, 5);
        assertEquals(200, d.writeAndCount(five));
        assertEquals(200, d.writeAndCount(five));
        Path dataset = Path.of(d.locationOf(five));
        assertSameRows(five.rows(), spark.read().parquet(dataset.toString()));
        for (String entry : listing(dataset)) {
            assertTrue(entry.equals("_SUCCESS") || entry.matches("DATE_MONTH=2024-0[1-5](/part-[^/]+\\.parquet)?"), entry);
        }
        assertFalse(Files.exists(tmp.resolve("_staging/calculated/mrr_movements")), "nothing staged is left");

        // A run with fewer months leaves exactly its own rows: the months it no longer has are gone.
        DatasetWrite two = TestRows.movementsWrite(spark, 40, 2);
        assertEquals(40, d.writeAndCount(two));
        assertSameRows(two.rows(), spark.read().parquet(dataset.toString()));
        assertFalse(Files.exists(dataset.resolve("DATE_MONTH=2024-03")));

        DatasetWrite plain = DatasetWrite.of(OutputDataset.CALCULATED_CUSTOMERS, TestRows.movements(spark, 30, 1).drop("DATE_MONTH"));
        assertEquals(30, d.writeAndCount(plain));
        assertEquals(20, d.writeAndCount(DatasetWrite.of(OutputDataset.CALCULATED_CUSTOMERS,
                TestRows.movements(spark, 20, 1).drop("DATE_MONTH"))));
        assertEquals(20, spark.read().parquet(d.locationOf(plain)).count(), "the earlier run's files were replaced");
    }

    @Test
    void parquetPartitionOverwriteKeepsUntouchedMonths() throws Exception {
        FilesDestination d = new FilesDestination("lake", DatasetFilter.all(), tmp.toString(), FileFormat.PARQUET,
                OverwriteMode.PARTITIONS, "magic");
        DatasetWrite five = TestRows.movementsWrite(spark, 200, 5);
        d.writeAndCount(five);
        Dataset<Row> twoMonths = TestRows.movements(spark, 200, 5).filter(col("DATE_MONTH").leq("2024-02"))
                .withColumn("MRR_MOVEMENT", col("MRR_MOVEMENT").plus(1));
        d.writeAndCount(DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS, twoMonths));
        Dataset<Row> expected = twoMonths.unionByName(five.rows().filter(col("DATE_MONTH").gt("2024-02")));
        assertSameRows(expected, FilesReader.read(spark, d.locationOf(five), FileFormat.PARQUET));

        // A run with no rows has no month to replace: every month stays, as with Delta.
        assertEquals(0, d.writeAndCount(DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS, twoMonths.limit(0))));
        assertSameRows(expected, FilesReader.read(spark, d.locationOf(five), FileFormat.PARQUET));
        assertFalse(new java.io.File(tmp.toFile(), ParquetFolder.STAGING + "/calculated/mrr_movements").exists(),
                "nothing left in the staging place");
    }

    @Test
    void parquetReplacesTheOldVersionedLayout() throws Exception {
        Path dataset = tmp.resolve("calculated/mrr_movements");
        DatasetWrite old = TestRows.movementsWrite(spark, 30, 2);
        old.rows().write().partitionBy("DATE_MONTH").parquet(dataset.resolve("_versions/v1").toString());
        Files.writeString(dataset.resolve("_CURRENT"), "v1\n");
        FilesDestination d = FilesDestination.forOutput(tmp.toString(), "parquet");
        DatasetWrite w = TestRows.movementsWrite(spark, 50, 3);
        d.writeAndCount(w);
        assertFalse(Files.exists(dataset.resolve("_versions")) || Files.exists(dataset.resolve("_CURRENT")),
                "a reader globbing **/*.parquet would read the old versions too: " + listing(dataset));
        assertSameRows(w.rows(), spark.read().parquet(dataset.toString()));
    }

    @Test
    void aFailedWriteLeavesThePreviousDataReadable() throws Exception {
        for (String format : List.of("parquet", "delta")) {
            FilesDestination d = FilesDestination.forOutput(tmp.resolve(format).toString(), format);
            DatasetWrite good = TestRows.movementsWrite(spark, 50, 3);
            d.writeAndCount(good);
            List<String> before = listing(Path.of(d.locationOf(good)));
            DatasetWrite bad = TestRows.failingWrite(spark, OutputDataset.CALCULATED_MRR_MOVEMENTS);
            // Without adaptive execution Spark drops the write's REBALANCE, so the rows are computed
            // by the writing tasks themselves and the failure comes after some files were staged, as
            // when a store fails in the middle of a write. (With it, the failure comes in the shuffle
            // before the write, and nothing is staged.)
            Exception e;
            try (ScopedSqlConf conf = SparkTest.adaptiveExecution(false)) {
                e = assertThrows(Exception.class, () -> d.writeAndCount(bad));
            }
            assertTrue(String.valueOf(rootCause(e).getMessage()).contains("boom"), format + ": " + e);
            assertSameRows(good.rows(), FilesReader.read(spark, d.locationOf(good), FileFormat.parse("f", format)));
            if (format.equals("parquet")) {
                assertEquals(before, listing(Path.of(d.locationOf(good))), "the dataset folder is untouched");
                Path staging = tmp.resolve("parquet/_staging/calculated/mrr_movements");
                assertTrue(Files.isDirectory(staging), "the failed attempt's files stay outside the dataset folder");
                DatasetWrite next = TestRows.movementsWrite(spark, 20, 1);
                assertEquals(20, d.writeAndCount(next));
                assertSameRows(next.rows(), spark.read().parquet(d.locationOf(next)));
                assertFalse(Files.exists(staging), "the next write removed the failed attempt's files");
            }
        }
    }

    /** The check before files move in reads each staged file's footer: rows counted, other columns refused. */
    @Test
    void stagedFilesAreCheckedByTheirFooters() throws Exception {
        ParquetFolder folder = new ParquetFolder(tmp.resolve("check").toUri().toString(), "calculated/x",
                spark.sessionState().newHadoopConf());
        spark.range(0, 7, 1, 2).toDF("a").write().parquet(folder.staged().toString());
        List<org.apache.hadoop.fs.LocatedFileStatus> files = folder.stagedDataFiles();
        assertEquals(2, files.size(), "the two part files; not _SUCCESS nor the checksums");
        files.forEach(f -> assertTrue(f.getPath().getName().endsWith(".parquet"), f.getPath().toString()));
        assertEquals(7, folder.stagedRows(files, java.util.Set.of("a")));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> folder.stagedRows(files, java.util.Set.of("a", "b")));
        assertTrue(e.getMessage().contains("has columns [a]"), e.getMessage());
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
            assertEquals(0, back.count(), format);
            assertEquals(java.util.Set.of(w.rows().columns()), java.util.Set.of(back.columns()), format + ": the columns stay");
        }
    }

    @Test
    void rejectsGoUnderRejectsAsAPlainParquetFolder() throws Exception {
        FilesDestination d = FilesDestination.forOutput(tmp.toString(), "parquet");
        Dataset<Row> rejects = spark.range(3).selectExpr("'invoices' AS KIND", "'unknown_plan' AS REASON",
                "concat('detail ', id) AS DETAIL", "'f.json' AS SOURCE_FILE", "'{}' AS RAW");
        DatasetWrite w = DatasetWrite.rejects("invoices", rejects);
        assertTrue(d.accepts(w));
        assertEquals(3, d.writeAndCount(w));
        assertTrue(Files.exists(tmp.resolve("rejects/invoices/_SUCCESS")));
        assertSameRows(rejects, spark.read().parquet(tmp.resolve("rejects/invoices").toString()));
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }
}
