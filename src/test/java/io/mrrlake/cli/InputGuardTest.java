package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.export.FileFormat;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export with no customers, no invoices or mostly bad records must not replace the last good
 * output: the run fails with exit 1 and every output file stays as it was, unless the user allows it.
 */
class InputGuardTest {
    private static final String AS_OF = TestLanding.SMALL_AS_OF;

    @TempDir
    static Path dir;
    static Path landing;

    @BeforeAll
    static void generate() {
        landing = TestLanding.small(dir, 5);
    }

    /** Three datasets keep the runs short; the guards act before any dataset is written. */
    static CommandLineTest.Result run(Path input, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--output", out.toString(),
                "--as-of", AS_OF, "--datasets", "source.invoices,calculated.mrr_movements,rejects.invoices"));
        args.addAll(List.of(extra));
        return CommandLineTest.exec(args.toArray(String[]::new));
    }

    /**
     * One good run, then three broken exports on the same output (no invoices, no customers, nine of
     * ten invoice lines cut): each fails with exit 1 and leaves every output file as it was. Then the
     * user accepts two of them on purpose.
     */
    @Test
    void brokenExportsFailAndLeaveTheLastGoodOutputUnlessAllowed() throws Exception {
        Path out = dir.resolve("out");
        CommandLineTest.Result r = run(landing, out);
        assertEquals(0, r.code(), r.err());
        Map<String, Long> good = outputFiles(out);
        long invoices = JobIntegrationTest.read(out, OutputDataset.SOURCE_INVOICES, FileFormat.DELTA).count();

        Path noInvoices = variant("no-invoices", p -> FileUtils.cleanDirectory(p.resolve("invoices").toFile()));
        r = run(noInvoices, out);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no valid invoices") && r.err().contains("--allow-empty-input"), r.err());
        assertEquals(good, outputFiles(out), "no output file changed");
        assertEquals("failed", summaryOutcome(out));

        Path noCustomers = variant("no-customers", p -> FileUtils.cleanDirectory(p.resolve("customers").toFile()));
        r = run(noCustomers, out);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no valid customers"), r.err());
        assertEquals(good, outputFiles(out), "no output file changed");
        // The failed run's summary counts what it rejected: every invoice names no valid customer (those
        // after the as-of too, which the good run left out of source.invoices).
        long unknownCustomer = summary(out).path("rejects").path("invoices").path("unknown_customer").asLong();
        assertTrue(unknownCustomer >= invoices && invoices > 0, unknownCustomer + " of " + invoices + ": " + summary(out));

        // Nine of ten invoice lines cut in half: bad_json rejects, a few good invoices left.
        java.util.concurrent.atomic.AtomicLong cut = new java.util.concurrent.atomic.AtomicLong();
        Path broken = variant("mostly-bad", p -> rewriteLines(p.resolve("invoices"), (i, line) -> {
            if (i % 10 == 0) return line;
            cut.incrementAndGet();
            return line.substring(0, line.length() / 2);
        }));
        r = run(broken, out);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("rejects over --max-reject-ratio in invoices") && r.err().contains("> 0.1"), r.err());
        assertEquals(good, outputFiles(out), "no output file changed");

        // On purpose: the user accepts the rejects; every cut line is kept as a reject.
        r = run(broken, out, "--max-reject-ratio", "1");
        assertEquals(0, r.code(), r.err());
        long left = JobIntegrationTest.read(out, OutputDataset.SOURCE_INVOICES, FileFormat.DELTA).count();
        assertTrue(left > 0 && left < invoices / 5, left + " of " + invoices);
        long rejected = io.mrrlake.export.FilesReader.read(SparkTest.spark(), out.resolve("rejects/invoices").toString(),
                FileFormat.DELTA).count();
        assertTrue(rejected >= cut.get(), "every cut line is kept as a reject: " + rejected + " of " + cut.get());

        // On purpose: the export really is empty.
        r = run(noInvoices, out, "--allow-empty-input");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, JobIntegrationTest.read(out, OutputDataset.SOURCE_INVOICES, FileFormat.DELTA).count());
    }

    @Test
    void guardSettingsAreValidated() {
        Path out = dir.resolve("out-never");
        CommandLineTest.Result r = run(landing, out, "--max-reject-ratio", "1.5");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("run.max_reject_ratio"), r.err());
        r = run(landing, out, "--set", "run.allow_empty_input=maybe");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("run.allow_empty_input") && r.err().contains("true, false"), r.err());
        r = run(landing, out, "--set", "run.lock.stale_after_seconds=60");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("run.lock.stale_after_seconds"), r.err());
        assertTrue(Files.notExists(out));
    }

    interface Change {
        void apply(Path landingCopy) throws IOException;
    }

    interface LineEdit {
        String apply(long index, String line);
    }

    private static Path variant(String name, Change change) throws IOException {
        Path copy = dir.resolve(name);
        FileUtils.copyDirectory(landing.toFile(), copy.toFile());
        change.apply(copy);
        return copy;
    }

    private static void rewriteLines(Path folder, LineEdit edit) throws IOException {
        long i = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList()) {
                List<String> lines = new ArrayList<>();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) lines.add(edit.apply(i++, line));
                }
                try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(f)), StandardCharsets.UTF_8)) {
                    for (String line : lines) w.write(line + "\n");
                }
            }
        }
    }

    /** Every file a reader could see (path → size and modification time), the run records aside. */
    static Map<String, Long> outputFiles(Path out) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (rel.startsWith("_runs")) continue;
                m.put(rel, Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private static String summaryOutcome(Path out) throws IOException {
        return summary(out).get("outcome").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("_runs/" + AS_OF + "/summary.json").toFile());
    }
}
