package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.testing.ProjectPython;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks' own Delta reader (notebooks/mrrlake_read.py) on tables Spark writes: it reads a
 * plain table after an overwrite, and refuses, naming the feature, tables that need deletion vectors
 * or column mapping, which reading their files one by one would get wrong. It reads a table with a
 * checkpoint and a table property (the checkpoint's map came back as a list of pairs and stopped the
 * reader), an empty table (no live file: it raised), integers with a null exactly in pandas (float64
 * by default), and DuckDB's timestamps in UTC on a machine in Tokyo.
 */
class NotebookReaderTest {
    private static final String READ = String.join("\n",
            "import json, sys",
            "sys.path.insert(0, 'notebooks')",
            "import mrrlake_read as mr",
            "out = {}",
            "for path in sys.argv[1:]:",
            "    try:",
            "        out[path] = mr.read_table(mr.Path(path)).num_rows",
            "    except mr.UnsupportedDeltaTable as e:",
            "        out[path] = str(e)",
            "print(json.dumps(out))");

    @Test
    void readsPlainTablesAndRefusesFeaturesItDoesNotImplement(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTest.spark();
        String plain = dir.resolve("plain").toString();
        spark.range(10).selectExpr("id", "id % 2 AS EVEN").write().format("delta").partitionBy("EVEN").save(plain);
        spark.range(7).selectExpr("id", "id % 2 AS EVEN").write().format("delta").mode("overwrite").save(plain);

        String vectors = dir.resolve("vectors").toString();
        spark.sql("CREATE TABLE delta.`" + vectors + "` (id BIGINT) USING DELTA "
                + "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        spark.sql("INSERT INTO delta.`" + vectors + "` SELECT id FROM range(10)");
        spark.sql("DELETE FROM delta.`" + vectors + "` WHERE id < 3");

        String mapped = dir.resolve("mapped").toString();
        spark.sql("CREATE TABLE delta.`" + mapped + "` (id BIGINT, name STRING) USING DELTA TBLPROPERTIES "
                + "('delta.columnMapping.mode' = 'name', 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')");
        spark.sql("INSERT INTO delta.`" + mapped + "` VALUES (1, 'a')");

        JsonNode out = new ObjectMapper().readTree(ProjectPython.run(dir, List.of("-c", READ, plain, vectors, mapped)));
        assertEquals(7, out.get(plain).asInt(), "the overwrite's rows only");
        String v = out.get(vectors).asText();
        assertTrue(v.contains("deletionVectors") && v.contains("does not implement"), v);
        String m = out.get(mapped).asText();
        assertTrue(m.contains("column mapping") && m.contains("does not implement"), m);
    }

    private static final String EDGES = String.join("\n",
            "import json, os, sys, time",
            "os.environ['TZ'] = 'Asia/Tokyo'",
            "time.tzset()",
            "sys.path.insert(0, 'notebooks')",
            "import mrrlake_read as mr",
            "checkpointed, empty, big, times = (mr.Path(p) for p in sys.argv[1:])",
            "e = mr.read_table(empty)",
            "con = mr.Output(str(times.parent)).duckdb(['times'])",
            "print(json.dumps({",
            "    'checkpointed': mr.read_table(checkpointed).num_rows,",
            "    'empty': [e.num_rows, e.column_names, str(e.schema.field('R').type)],",
            "    'big': [str(v) for v in mr.Output(str(big.parent)).df('big')['X']],",
            "    'month': con.sql(\"select strftime(T, '%Y-%m') from times\").fetchone()[0]}))");

    @Test
    void readsCheckpointsEmptyTablesBigIntegersAndUtcTimes(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTest.spark();
        String checkpointed = dir.resolve("checkpointed").toString();
        spark.sql("CREATE TABLE delta.`" + checkpointed + "` (id BIGINT) USING DELTA "
                + "TBLPROPERTIES ('delta.checkpointInterval' = '2', 'mrrlake.note' = 'kept')");
        for (int i = 0; i < 3; i++) spark.sql("INSERT INTO delta.`" + checkpointed + "` VALUES (" + i + ")");

        String empty = dir.resolve("empty").toString();
        spark.sql("SELECT 1L AS A, TIMESTAMP'2024-01-01 00:00:00' AS T, CAST(1 AS DECIMAL(38,12)) AS R, '2024-01' AS M")
                .where("A = 0").write().format("delta").partitionBy("M").save(empty);

        String big = dir.resolve("big").toString();
        spark.sql("SELECT CAST(X AS BIGINT) AS X FROM VALUES (9007199254740993), (NULL) AS v(X)")
                .coalesce(1).write().format("delta").save(big);

        String times = dir.resolve("times").toString();
        spark.sql("SELECT TIMESTAMP'2024-01-31 23:30:00 UTC' AS T").write().format("delta").save(times);

        JsonNode out = new ObjectMapper().readTree(ProjectPython.run(dir, List.of("-c", EDGES, checkpointed, empty, big, times)));
        assertTrue(java.nio.file.Files.exists(dir.resolve("checkpointed/_delta_log/_last_checkpoint")));
        assertEquals(3, out.get("checkpointed").asInt());
        assertEquals("[0,[\"A\",\"T\",\"R\",\"M\"],\"decimal128(38, 12)\"]", out.get("empty").toString());
        assertEquals("[\"9007199254740993\",\"<NA>\"]", out.get("big").toString());
        assertEquals("2024-01", out.get("month").asText(), "UTC's month, not Tokyo's February");
    }
}
