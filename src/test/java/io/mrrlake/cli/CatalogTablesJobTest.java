package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code catalog} setting against a real Hive metastore (Spark's embedded Derby one, in a JVM of
 * its own): after two runs, a Delta and a Parquet destination's tables answer SELECT with the second
 * run's rows, Parquet month partitions included.
 */
class CatalogTablesJobTest {
    private static final String DB = "mrrlake";

    @Test
    void twoRunsLeaveTablesThatReturnTheSecondRunsRows(@TempDir Path dir) throws Exception {
        Path landing = ParquetOutputJobTest.generate(dir, 12, 3);
        Path lake = dir.resolve("lake");
        Path marts = dir.resolve("marts");
        Path conf = dir.resolve("catalog.conf");
        Files.writeString(conf, "destinations {\n"
                + "  lake  { type = files, uri = \"" + lake.toUri() + "\", format = delta,"
                + " datasets = [\"calculated.*\"], catalog { database = " + DB + " } }\n"
                + "  marts { type = files, uri = \"" + marts.toUri() + "\", format = parquet,"
                + " datasets = [\"calculated.*\"], catalog { database = " + DB + ", table_prefix = pq_ } }\n"
                + "}\n");
        Path result = dir.resolve("counts.json");
        Process p = ChildJvm.start(dir, "catalog", CatalogRunsChild.class, List.of(dir.toString(), result.toString(), DB,
                "run", "--input", landing.toString(), "--conf", conf.toString(), "--", "2024-12-31", "2024-06-30"));
        try {
            assertTrue(p.waitFor(25, TimeUnit.MINUTES), "the child runs end");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("catalog.err")));

        Map<String, Long> first = ParquetOutputJobTest.rowsWritten(lake, "2024-12-31");
        Map<String, Long> second = ParquetOutputJobTest.rowsWritten(lake, "2024-06-30");
        assertEquals(second, ParquetOutputJobTest.rowsWritten(marts, "2024-06-30"));
        assertNotEquals(first.get("calculated.mrr_movements"), second.get("calculated.mrr_movements"),
                "the two runs differ, so the counts tell which one the tables show");
        Map<String, Long> expected = new TreeMap<>();
        second.forEach((dataset, rows) -> {
            if (!dataset.startsWith("calculated.")) return;
            expected.put(dataset.replace('.', '_'), rows);
            expected.put("pq_" + dataset.replace('.', '_'), rows);
        });
        JsonNode counts = new ObjectMapper().readTree(result.toFile());
        Map<String, Long> actual = new TreeMap<>();
        counts.fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expected, actual);
    }
}
