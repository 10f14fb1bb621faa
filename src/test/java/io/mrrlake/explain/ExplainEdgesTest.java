package io.mrrlake.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.landing.FlatLandingConverter;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingReader;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.source.SourceResult;
import io.mrrlake.source.SourceStage;
import io.mrrlake.spark.Checkpoints;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selection's edges, on a small zone written by hand and compared with a run: an invoice whose
 * later version names another customer (the run gives it to that customer), a customer whose id the
 * JSON writes with an escape (the text prefilter must not lose it), items after the as-of, which
 * the run leaves out and explain lists, and an item of another customer's subscription.
 */
class ExplainEdgesTest {
    static final String DS = "ds_edges";
    static final String AS_OF = "2025-06-30";

    @TempDir
    static Path dir;
    static Path landing;
    static JobSettings settings;
    static final Map<String, List<Row>> runMovements = new HashMap<>();
    static final Map<String, Long> runMrr = new HashMap<>();
    static final Map<String, String> uuidOf = new HashMap<>();

    @BeforeAll
    static void runOnce() throws Exception {
        landing = dir.resolve("landing");
        write(landing, "data_sources", "{\"uuid\":\"" + DS + "\",\"name\":\"Edges\"}");
        write(landing, "plans", "{\"data_source_uuid\":\"" + DS + "\",\"external_id\":\"pro\",\"name\":\"Pro\","
                + "\"interval_count\":1,\"interval_unit\":\"month\"}");
        write(landing, "currency_rates", "{\"date\":\"2025-01-01\",\"currency\":\"USD\",\"rate\":1}");
        write(landing, "customers", customer("alice"), customer("bob"),
                // The id carol_x, its underscore written as a Unicode escape.
                customer("carol\\u005fx"), customer("dave"));
        write(landing, "invoices",
                invoice("in_a1", "alice", "2025-01-05", "2025-01-05T00:00:00Z", item("ii_a1", "sub_a", "2025-01-05", 1000)),
                invoice("in_a2", "alice", "2025-08-05", "2025-08-05T00:00:00Z", item("ii_a2", "sub_a", "2025-08-05", 1500)),
                // Two versions of in_x: the later one names bob and wins the key.
                invoice("in_x", "alice", "2025-02-05", "2025-02-05T00:00:00Z", item("ii_x", "sub_x", "2025-02-05", 2000)),
                invoice("in_x", "bob", "2025-02-05", "2025-03-01T00:00:00Z", item("ii_x", "sub_x", "2025-02-05", 3000)),
                invoice("in_c1", "carol\\u005fx", "2025-03-10", "2025-03-10T00:00:00Z",
                        item("ii_c1", "sub_c", "2025-03-10", 500)),
                // alice's subscription on dave's invoice: alice holds it (its first item), the run rejects this item.
                invoice("in_d1", "dave", "2025-04-05", "2025-04-05T00:00:00Z", item("ii_d1", "sub_a", "2025-04-05", 1000)));

        settings = ConfigLoader.settings(ConfigLoader.load(List.of(), List.of("input.uri=" + landing,
                "run.as_of=" + AS_OF)), true, true);
        Instant asOf = settings.asOf().instant();
        SourceResult source = SourceStage.run(SparkTest.spark(), landing.toString(), InputFormat.JSON, asOf,
                settings.customers());
        CalculatedResult run = MrrEngine.calculate(SparkTest.spark(), source.datasets(), settings.mrr(), asOf);
        for (Row r : run.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).orderBy("DATE", "RANK").collectAsList()) {
            runMovements.computeIfAbsent(r.getAs("CUSTOMER_UUID"), k -> new ArrayList<>()).add(r);
        }
        for (Row r : run.get(OutputDataset.CALCULATED_CUSTOMERS).collectAsList()) {
            runMrr.put(r.getAs("UUID"), r.getAs("MRR"));
            uuidOf.put(r.<String>getList(r.fieldIndex("EXTERNAL_IDS")).get(0), r.getAs("UUID"));
        }
        source.release();
    }

    @Test
    void explainGivesTheRunsNumbersAtTheSelectionsEdges() {
        // Without bob: alice's selection alone must find bob's later version of in_x.
        List<String> ids = List.of("alice", "carol_x");
        List<Explanation> explained = new Explainer(SparkTest.spark(), settings).explain(ids, null);
        for (int i = 0; i < ids.size(); i++) {
            String uuid = uuidOf.get(ids.get(i));
            Explanation e = explained.get(i);
            assertEquals(uuid, e.customer().uuid(), ids.get(i));
            assertEquals((long) runMrr.get(uuid), e.customer().mrr(), ids.get(i));
            List<Row> expected = runMovements.getOrDefault(uuid, List.of());
            assertEquals(expected.size(), e.movements().size(), ids.get(i) + ": " + e.movements());
            for (int m = 0; m < expected.size(); m++) {
                assertEquals(expected.get(m).<Timestamp>getAs("DATE").toInstant(), e.movements().get(m).date());
                assertEquals((long) expected.get(m).<Long>getAs("MRR_MOVEMENT"), e.movements().get(m).mrrMovement());
            }
        }
        // bob's later version of in_x wins the key: alice has none of in_x.
        assertFalse(items(explained.get(0)).stream().anyMatch(it -> it.invoiceExternalId().equals("in_x")),
                "alice's losing version of in_x is not hers");
        assertFalse(explained.get(1).movements().isEmpty(), "carol_x, written with an escape, is found");

        Explanation.Item later = items(explained.get(0)).stream()
                .filter(it -> it.externalId().equals("ii_a2")).findFirst().orElseThrow();
        assertFalse(later.taken());
        assertTrue(later.why().startsWith("after_as_of"), later.why());
        assertEquals("in_a2", later.invoiceExternalId());
        assertEquals(1500L * 12, later.amount());
        assertTrue(ExplanationText.render(explained.get(0)).contains("ii_a2"));
    }

    /**
     * dave's own records hold only his invoice, but the run gives sub_a to alice (its first item) and
     * rejects dave's item: dave's selection must hold alice's invoice of sub_a for explain to give him
     * the run's numbers (checked on the selection, which is what decides it; a third whole explain
     * here cost 30 s of the test command).
     */
    @Test
    void aCustomersSelectionHoldsOtherCustomersInvoicesOfItsSubscriptions() {
        assertEquals(0L, (long) runMrr.get(uuidOf.get("dave")), "the run rejects dave's item of alice's sub_a");
        LandingReader reader = new LandingReader(LandingZone.open(SparkTest.spark(), landing.toString(), InputFormat.JSON));
        Checkpoints checkpoints = new Checkpoints();
        try {
            CustomerSelection dave = CustomerSelection.of(reader, new RawCustomers(reader, checkpoints),
                    List.of(new SourceKey(DS, "dave")), settings.customers(), checkpoints);
            List<String> invoices = dave.select(LandingKind.INVOICES, null).select("external_id").distinct()
                    .orderBy("external_id").as(Encoders.STRING()).collectAsList();
            assertEquals(List.of("in_a1", "in_a2", "in_d1"), invoices);
        } finally {
            checkpoints.release();
        }
    }

    /** The flat formats read line items and transactions from their own files: the same selection in CSV. */
    @Test
    void inCsvTooAlicesSelectionFollowsTheInvoicesOtherVersion() {
        String csv = dir.resolve("landing-csv").toUri().toString();
        FlatLandingConverter.convert(SparkTest.spark(), landing.toUri().toString(), csv, InputFormat.CSV);
        JobSettings csvSettings = ConfigLoader.settings(ConfigLoader.load(List.of(), List.of("input.uri=" + csv,
                "input.format=csv", "run.as_of=" + AS_OF)), true, true);
        Explanation alice = new Explainer(SparkTest.spark(), csvSettings).explain(List.of("alice"), null).get(0);
        String uuid = uuidOf.get("alice");
        assertEquals((long) runMrr.get(uuid), alice.customer().mrr());
        assertEquals(runMovements.getOrDefault(uuid, List.of()).size(), alice.movements().size(), alice.movements().toString());
        assertFalse(items(alice).stream().anyMatch(it -> it.invoiceExternalId().equals("in_x")));
        assertTrue(items(alice).stream().anyMatch(it -> it.externalId().equals("ii_a2") && it.why().startsWith("after_as_of")));
    }

    private static List<Explanation.Item> items(Explanation e) {
        List<Explanation.Item> out = new ArrayList<>();
        for (Explanation.Subscription s : e.subscriptions()) out.addAll(s.items());
        return out;
    }

    private static String customer(String id) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"external_id\":\"" + id + "\",\"name\":\"" + id + "\","
                + "\"created_at\":\"2025-01-01T00:00:00Z\"}";
    }

    private static String invoice(String id, String customer, String day, String updatedAt, String item) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\""
                + id + "\",\"date\":\"" + day + "T00:00:00Z\",\"currency\":\"USD\",\"status\":\"paid\",\"updated_at\":\""
                + updatedAt + "\",\"line_items\":[" + item + "],\"transactions\":[]}";
    }

    private static String item(String id, String subscription, String start, long amount) {
        return "{\"type\":\"subscription\",\"external_id\":\"" + id + "\",\"subscription_external_id\":\"" + subscription
                + "\",\"plan_external_id\":\"pro\",\"service_period_start\":\"" + start + "T00:00:00Z\","
                + "\"service_period_end\":\"" + start.substring(0, 5) + "12-31T00:00:00Z\",\"amount_in_cents\":"
                + amount * 12 + ",\"quantity\":1}";
    }

    private static void write(Path landing, String kind, String... lines) throws Exception {
        Path folder = Files.createDirectories(landing.resolve(kind));
        Files.write(folder.resolve("part-0.jsonl"), List.of(lines));
    }
}
