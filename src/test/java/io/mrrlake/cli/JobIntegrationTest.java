package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.export.FileFormat;
import io.mrrlake.export.FilesReader;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job through its command line, on a generated landing zone. */
class JobIntegrationTest {
    static final String AS_OF = "2024-12-31";

    @TempDir
    static Path dir;
    static Path landing;

    @BeforeAll
    static void generate() {
        SparkTest.spark();
        landing = dir.resolve("landing");
        CommandLineTest.Result r = CommandLineTest.exec("generate", "--output", landing.toString(),
                "--customers", "150", "--seed", "7", "--months", "24");
        assertEquals(0, r.code(), r.err());
    }

    static CommandLineTest.Result run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--input", landing.toString(),
                "--output", out.toString(), "--as-of", AS_OF));
        args.addAll(List.of(extra));
        return CommandLineTest.exec(args.toArray(String[]::new));
    }

    static Dataset<Row> read(Path out, OutputDataset d, FileFormat f) throws Exception {
        return FilesReader.read(SparkTest.spark(), out.resolve(d.path()).toString(), f);
    }

    @Test
    void runWritesEveryDatasetAndTheSameRowsTwice() throws Exception {
        Path out = dir.resolve("out-delta");
        CommandLineTest.Result first = run(out);
        assertEquals(0, first.code(), first.err());
        Map<OutputDataset, List<Row>> before = new java.util.EnumMap<>(OutputDataset.class);
        for (OutputDataset d : OutputDataset.values()) {
            before.put(d, sorted(read(out, d, FileFormat.DELTA)));
        }
        assertFalse(before.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).isEmpty());
        assertFalse(before.get(OutputDataset.SOURCE_INVOICES).isEmpty());

        CommandLineTest.Result second = run(out);
        assertEquals(0, second.code(), second.err());
        for (OutputDataset d : OutputDataset.values()) {
            assertEquals(before.get(d), sorted(read(out, d, FileFormat.DELTA)), d + " changed on a re-run");
        }

        JsonNode summary = new ObjectMapper().readTree(out.resolve("_runs/" + AS_OF + "/summary.json").toFile());
        assertEquals("succeeded", summary.get("outcome").asText());
        assertEquals(before.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).size(),
                summary.get("rowsWritten").get("calculated.mrr_movements").asLong());
        assertTrue(summary.get("rejects").size() > 0, "the generator writes bad records of every reason");
        assertTrue(summary.get("stageSeconds").has("calculate"));
        assertTrue(Files.isDirectory(out.resolve("rejects")));
    }

    @Test
    void parquetOutputAndDatasetFilter() throws Exception {
        Path out = dir.resolve("out-parquet");
        CommandLineTest.Result r = run(out, "--output-format", "parquet", "--datasets", "calculated.*");
        assertEquals(0, r.code(), r.err());
        assertFalse(read(out, OutputDataset.CALCULATED_MRR_MONTHLY, FileFormat.PARQUET).isEmpty());
        assertFalse(Files.exists(out.resolve("source")), "source datasets were filtered out");
    }

    @Test
    void unreadableInputExitsOne() {
        CommandLineTest.Result r = CommandLineTest.exec("run", "--input", dir.resolve("nothing-here").toString(),
                "--output", dir.resolve("out-none").toString(), "--as-of", AS_OF);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("input unreadable"), r.err());
        assertFalse(Files.exists(dir.resolve("out-none/calculated")));
    }

    @Test
    void rejectsOverTheLimitFailTheRunAndWriteNothing() {
        Path out = dir.resolve("out-strict");
        CommandLineTest.Result r = run(out, "--max-reject-ratio", "0");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("max-reject-ratio"), r.err());
        assertFalse(Files.exists(out.resolve("calculated")));
        assertFalse(Files.exists(out.resolve("source")));
    }

    static List<Row> sorted(Dataset<Row> rows) {
        Dataset<Row> withoutAsOf = rows;
        String[] cols = withoutAsOf.columns();
        return withoutAsOf.orderBy(java.util.Arrays.stream(cols)
                .filter(c -> !withoutAsOf.schema().apply(c).dataType().typeName().equals("array"))
                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList();
    }
}
