package io.mrrlake.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.Rejects;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;

/** A JSON landing zone written line by line into a test's temp folder, and helpers to run the stage on it. */
final class LandingFixture {
    static final Instant AS_OF = Instant.parse("2024-12-31T23:59:59Z");
    private final Path root;
    private final Map<String, List<String>> lines = new LinkedHashMap<>();

    LandingFixture(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    LandingFixture add(String kind, String... jsonLines) {
        lines.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(List.of(jsonLines));
        return this;
    }

    /** Minimal valid data: one data source, a plan, a customer; invoices need at least an empty kind. */
    LandingFixture base() {
        return add("data_sources", "{\"uuid\":\"ds_1\",\"name\":\"Billing\",\"system\":\"Import API\",\"created_at\":\"2023-01-01\"}")
                .add("plans", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"gold\",\"name\":\"Gold\",\"interval_count\":1,\"interval_unit\":\"month\"}")
                .add("customers", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\",\"name\":\"Acme\",\"created_at\":\"2023-02-01T10:00:00Z\"}")
                .add("invoices");
    }

    /** Writes each kind as {@code <kind>/part-0.jsonl} (or .jsonl.gz). */
    LandingFixture write(boolean gzip) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(e.getKey()));
            byte[] text = (String.join("\n", e.getValue()) + (e.getValue().isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve(gzip ? "part-0.jsonl.gz" : "part-0.jsonl");
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
                out.write(text);
            }
        }
        return this;
    }

    SourceResult run() throws IOException {
        return run(InputFormat.JSON, CustomerSettings.defaults(), AS_OF);
    }

    SourceResult run(InputFormat format, CustomerSettings settings, Instant asOf) throws IOException {
        if (!Files.exists(root)) write(false);
        return SourceStage.run(SparkTest.spark(), root.toUri().toString(), format, asOf, settings);
    }

    private static final Map<Object, List<Row>> COLLECTED = new java.util.IdentityHashMap<>();

    /** Rows of a dataset, collected once per result (tests read the same result many times). */
    static synchronized List<Row> rows(SourceResult r, OutputDataset d) {
        return COLLECTED.computeIfAbsent(r.datasets().get(d), x -> r.datasets().get(d).collectAsList());
    }

    static synchronized List<Row> rejects(SourceResult r, String kind) {
        return COLLECTED.computeIfAbsent(r.rejects().get(kind), x -> r.rejects().get(kind).collectAsList());
    }

    /** Every reject of every kind, as "kind reason" strings. */
    static List<String> allRejects(SourceResult r) {
        List<String> out = new ArrayList<>();
        r.rejects().keySet().forEach(k -> rejects(r, k).forEach(row ->
                out.add(row.getAs(Rejects.KIND) + " " + row.getAs(Rejects.REASON))));
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
