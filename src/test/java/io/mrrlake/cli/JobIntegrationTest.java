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
import io.mrrlake.testing.LogCapture;
import io.mrrlake.testing.SparkTest;
import io.mrrlake.webhook.TestReceiver;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.SparkStringUtils$;
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
        landing = TestLanding.generate(dir.resolve("landing"), 150, 7, 24, DemoCommand.START.toString());
    }

    static CommandLineTest.Result run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--input", landing.toString(),
                "--output", out.toString(), "--as-of", AS_OF));
        args.addAll(List.of(extra));
        return CommandLineTest.exec(args.toArray(String[]::new));
    }

    /**
     * Spark warns only once per JVM that it shortened a plan's field list
     * (`spark.sql.debug.maxToStringFields`): an earlier test in this JVM may have used it up.
     */
    static void rearmFieldListWarning() throws ReflectiveOperationException {
        java.lang.reflect.Field printed = SparkStringUtils$.class.getDeclaredField("truncationWarningPrinted");
        printed.setAccessible(true);
        ((java.util.concurrent.atomic.AtomicBoolean) printed.get(SparkStringUtils$.MODULE$)).set(false);
    }

    static Dataset<Row> read(Path out, OutputDataset d, FileFormat f) throws Exception {
        return FilesReader.read(SparkTest.spark(), out.resolve(d.path()).toString(), f);
    }

    /**
     * The whole job twice on the same input and as-of, with three outputs at once: the --output lake
     * (every dataset, Delta), a filtered Parquet destination and a webhook endpoint on a real HTTP
     * server. Each destination gets what its filter says, the summary records each outcome, the
     * second run (its checkpoints on disk) leaves identical rows everywhere and delivers nothing again.
     */
    @Test
    void runWritesEveryDatasetToEveryDestinationAndTheSameRowsTwice() throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            Path out = dir.resolve("out-delta");
            Path marts = dir.resolve("marts");
            Path conf = dir.resolve("many.conf");
            Files.writeString(conf, "destinations {\n"
                    + "  marts { type = files, uri = \"" + marts.toUri() + "\", format = parquet,"
                    + " datasets = [\"calculated.mrr_movements\", \"calculated.customers\"] }\n"
                    + "  hooks { type = webhook, url = \"" + receiver.url("/hook") + "\","
                    + " allow_http = true, secret = s3cret, initial_lookback_hours = 2000, max_retries = 1 }\n"
                    + "}\n");
            CommandLineTest.Result first;
            try (LogCapture logs = LogCapture.install()) {
                rearmFieldListWarning();
                first = run(out, "--conf", conf.toString());
                // docs/OPERATIONS.md "The run's log": every plan of the job renders whole (no field
                // list shortened, no plan over the job's length cap), and no task carries megabytes
                // (the runtime Bloom filters' did).
                assertEquals(List.of(), logs.lines().stream()
                        .filter(l -> l.contains("Truncated the string representation of a plan")
                                || l.contains("Broadcasting large task binary"))
                        .map(l -> l.substring(0, Math.min(200, l.length()))).toList());
            }
            assertEquals(0, first.code(), first.err());
            Map<OutputDataset, List<Row>> before = new java.util.EnumMap<>(OutputDataset.class);
            for (OutputDataset d : OutputDataset.values()) {
                before.put(d, sorted(read(out, d, FileFormat.DELTA)));
            }
            assertFalse(before.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).isEmpty());
            assertFalse(before.get(OutputDataset.SOURCE_INVOICES).isEmpty());

            Dataset<Row> movements = read(out, OutputDataset.CALCULATED_MRR_MOVEMENTS, FileFormat.DELTA);
            long recent = movements.filter(org.apache.spark.sql.functions.col(io.mrrlake.mrr.MrrColumns.DATE)
                    .gt(java.sql.Timestamp.from(java.time.Instant.parse(AS_OF + "T23:59:59.999999Z")
                            .minus(java.time.Duration.ofHours(2000))))).count();
            assertTrue(recent > 0, "the generated data has movements in the look-back window");
            assertEquals(recent, receiver.requests().size(), "one delivery per movement in the first run's look-back window");

            assertEquals(movements.count(), read(marts, OutputDataset.CALCULATED_MRR_MOVEMENTS, FileFormat.PARQUET).count());
            assertFalse(read(marts, OutputDataset.CALCULATED_CUSTOMERS, FileFormat.PARQUET).isEmpty());
            assertFalse(Files.exists(marts.resolve("source")), "the marts destination takes two datasets only");
            assertFalse(Files.exists(marts.resolve("calculated/mrr_monthly")));

            JsonNode summary = new ObjectMapper().readTree(out.resolve("_runs/" + AS_OF + "/summary.json").toFile());
            assertEquals("succeeded", summary.get("outcome").asText());
            assertEquals(before.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).size(),
                    summary.get("rowsWritten").get("calculated.mrr_movements").asLong());
            assertTrue(summary.get("rejects").size() > 0, "the generator writes bad records of every reason");
            assertTrue(summary.get("stageSeconds").has("calculate"));
            assertTrue(Files.isDirectory(out.resolve("rejects")));
            Map<String, String> outcomes = new java.util.TreeMap<>();
            summary.get("destinations").forEach(d -> outcomes.put(d.get("name").asText(), d.get("outcome").asText()));
            assertEquals(Map.of("output", "succeeded", "marts", "succeeded"), outcomes);
            JsonNode hook = summary.get("webhooks").get(0);
            assertEquals("succeeded", hook.get("outcome").asText());
            assertEquals(recent, hook.get("sent").asLong());

            // The re-run keeps its checkpoints on disk (the first, small, kept them in memory): the
            // same rows either way.
            CommandLineTest.Result second = run(out, "--conf", conf.toString(), "--set", "run.checkpoint_storage=disk");
            assertEquals(0, second.code(), second.err());
            for (OutputDataset d : OutputDataset.values()) {
                assertEquals(before.get(d), sorted(read(out, d, FileFormat.DELTA)), d + " changed on a re-run");
            }
            assertEquals(movements.count(), read(marts, OutputDataset.CALCULATED_MRR_MOVEMENTS, FileFormat.PARQUET).count());
            assertEquals(recent, receiver.requests().size(), "a second run of the same as-of delivers nothing again");
            JsonNode again = new ObjectMapper().readTree(out.resolve("_runs/" + AS_OF + "/summary.json").toFile());
            assertEquals(0, again.get("webhooks").get(0).get("sent").asLong());
        }
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
