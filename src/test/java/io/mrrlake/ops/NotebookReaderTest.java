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
 * or column mapping, which reading their files one by one would get wrong.
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
}
