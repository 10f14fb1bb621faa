package io.mrrlake.landing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mrrlake.spark.ScopedSqlConf;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet landing file with two columns whose names differ only in case cannot be read by Spark
 * (its Parquet reader matches names regardless of case): the run stops naming the file and the
 * columns, rather than with Spark's message that names neither file nor kind.
 */
class ParquetCaseColumnsTest {
    @TempDir Path tmp;

    @Test
    void columnsThatDifferOnlyInCaseStopTheReadNamingTheFileAndTheColumns() throws Exception {
        SparkSession spark = SparkTest.spark();
        String folder = tmp.resolve("customers").toString();
        try (ScopedSqlConf conf = ScopedSqlConf.set(spark, Map.of("spark.sql.caseSensitive", "true"))) {
            spark.sql("SELECT 'ds_1' AS data_source_uuid, 'c1' AS external_id, 'C1' AS EXTERNAL_ID")
                    .coalesce(1).write().parquet(folder);
        }
        List<String> files = java.nio.file.Files.list(tmp.resolve("customers"))
                .map(Path::toString).filter(f -> f.endsWith(".parquet")).toList();
        LandingUnreadableException e = assertThrows(LandingUnreadableException.class,
                () -> FlatLandingReader.read(spark, files, LandingKind.CUSTOMERS, InputFormat.PARQUET).collectAsList());
        assertTrue(e.getMessage().contains(files.get(0)) && e.getMessage().contains("external_id")
                && e.getMessage().contains("EXTERNAL_ID"), e.getMessage());
    }
}
