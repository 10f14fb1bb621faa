package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.testing.ProjectPython;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet output as analysts read it: every dataset folder of a run read by Spark, DuckDB, pyarrow,
 * pandas and polars (the project's pinned Python environment), each pointed at the folder with no
 * knowledge of mrrlake, returns the run summary's row count. And a run for an earlier as-of after a
 * later one leaves exactly the rows a first run for that as-of leaves.
 */
class ParquetOutputJobTest {
    private static final String LATER = "2024-12-31";
    private static final String EARLIER = "2024-06-30";

    @Test
    void everyReaderReadsEveryDatasetAndAnEarlierAsOfLeavesWhatAFirstRunLeaves(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTest.spark();
        Path landing = generate(dir, 40, 5);
        Path out = dir.resolve("out");
        Path fresh = dir.resolve("fresh");
        run(landing, out, LATER);
        run(landing, out, EARLIER);
        run(landing, fresh, EARLIER);

        Map<String, Long> expected = rowsWritten(out, EARLIER);
        assertEquals(rowsWritten(fresh, EARLIER), expected, "the summaries of the two runs for " + EARLIER);
        assertTrue(expected.keySet().stream().anyMatch(d -> d.startsWith("rejects.")), "rejects are datasets too");
        assertEquals(datasetFolders(fresh), datasetFolders(out), "the same datasets as a first run, no stale ones");

        Map<String, List<String>> documented = DatasetsDoc.columns();
        Map<String, String> undocumented = new TreeMap<>();
        List<String> folders = new ArrayList<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            String folder = out.resolve(e.getKey().replace('.', '/')).toString();
            folders.add(folder);
            assertEquals(List.of(), strayEntries(Path.of(folder)), e.getKey() + ": entries a reader could pick up");
            assertTrue(Files.exists(Path.of(folder, "_SUCCESS")), e.getKey() + ": the finished run's marker");
            Dataset<Row> rows = spark.read().parquet(folder);
            assertEquals(e.getValue(), rows.count(), "spark: " + e.getKey());
            List<String> columns = java.util.Arrays.stream(rows.schema().fields())
                    .map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
            if (!columns.equals(DatasetsDoc.of(documented, e.getKey()))) {
                undocumented.put(e.getKey(), String.join(" ", columns));
            }
            Dataset<Row> first = spark.read().parquet(fresh.resolve(e.getKey().replace('.', '/')).toString());
            assertEquals(0, rows.exceptAll(first.select(rows.columns()[0], rest(rows.columns()))).count(),
                    e.getKey() + ": rows a first run for " + EARLIER + " does not have");
            assertEquals(0, first.select(rows.columns()[0], rest(rows.columns())).exceptAll(rows).count(),
                    e.getKey() + ": rows missing that a first run for " + EARLIER + " has");
        }
        assertTrue(undocumented.isEmpty(), "datasets whose columns differ from docs/DATASETS.md: " + undocumented);
        JsonNode counts = pythonCounts(dir, folders);
        Map<String, String> wrong = new TreeMap<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            JsonNode byReader = counts.get(out.resolve(e.getKey().replace('.', '/')).toString());
            for (String reader : List.of("duckdb", "pyarrow", "pandas", "polars")) {
                JsonNode n = byReader.get(reader);
                if (!n.isNumber() || n.asLong() != e.getValue()) {
                    wrong.put(e.getKey() + " " + reader, n + " (expected " + e.getValue() + ")");
                }
            }
        }
        assertTrue(wrong.isEmpty(), "readers that disagree with the summary: " + wrong);
        try (var staged = Files.walk(out.resolve("_staging"))) {
            assertEquals(List.of(), staged.filter(Files::isRegularFile).toList(), "no staged files are left after successful runs");
        }
    }

    private static List<String> datasetFolders(Path root) throws Exception {
        List<String> out = new ArrayList<>();
        for (String family : List.of("source", "calculated", "rejects")) {
            try (var dirs = Files.list(root.resolve(family))) {
                dirs.forEach(d -> out.add(family + "/" + d.getFileName()));
            }
        }
        return out.stream().sorted().toList();
    }

    /** Everything in a dataset folder other than month folders, part files and _SUCCESS. */
    private static List<String> strayEntries(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString())
                    .filter(p -> !p.equals("_SUCCESS") && !p.matches("([A-Z_]+_MONTH=\\d{4}-\\d{2}/)?part-[^/]+\\.parquet")
                            && !p.matches("[A-Z_]+_MONTH=\\d{4}-\\d{2}"))
                    .toList();
        }
    }

    private static void run(Path landing, Path out, String asOf) {
        CommandLineTest.Result r = CommandLineTest.exec("run", "--input", landing.toString(), "--output", out.toString(),
                "--output-format", "parquet", "--as-of", asOf);
        assertEquals(0, r.code(), r.err());
    }

    /** A generated landing zone of 24 months in dir/landing. */
    static Path generate(Path dir, int customers, int seed) {
        Path landing = dir.resolve("landing");
        CommandLineTest.Result g = CommandLineTest.exec("generate", "--output", landing.toString(),
                "--customers", String.valueOf(customers), "--seed", String.valueOf(seed), "--months", "24");
        assertEquals(0, g.code(), g.err());
        return landing;
    }

    /** A succeeded run's rowsWritten from its summary under a files destination's root. */
    static Map<String, Long> rowsWritten(Path out, String asOf) throws Exception {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("_runs/" + asOf + "/summary.json").toFile());
        assertEquals("succeeded", summary.get("outcome").asText());
        Map<String, Long> rows = new TreeMap<>();
        summary.get("rowsWritten").fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
        return rows;
    }

    private static String[] rest(String[] columns) {
        return java.util.Arrays.copyOfRange(columns, 1, columns.length);
    }

    private static JsonNode pythonCounts(Path dir, List<String> folders) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of("src/test/resources/count_with_python_readers.py").toString()));
        args.addAll(folders);
        return new ObjectMapper().readTree(ProjectPython.run(dir, args));
    }
}
