package io.mrrlake.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.cli.Main;
import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.generate.Generator;
import io.mrrlake.generate.GeneratorOptions;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.source.SourceResult;
import io.mrrlake.source.SourceStage;
import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explain gives the run's numbers: one run over a generated zone, then one explain call over 50 of its
 * customers (the same code path as the command, which explains one), compared movement by movement;
 * the text and JSON of each; the command's answer to an unknown and to an ambiguous customer.
 */
class ExplainTest {
    static final String AS_OF = "2025-06-30";
    static final int CUSTOMERS = 50;

    @TempDir
    static Path dir;
    static String landing;
    static JobSettings settings;
    /** The run's movements and customers, by calculated customer UUID. */
    static final Map<String, List<Row>> runMovements = new HashMap<>();
    static final Map<String, Row> runCustomers = new HashMap<>();
    static final List<String> merged = new ArrayList<>();
    /** An external id in several data sources, and those data sources. */
    static Row sharedExternalId;

    @BeforeAll
    static void runOnce() throws Exception {
        landing = dir.resolve("landing").toString();
        Generator.generate(new GeneratorOptions(landing, 120, 11, 30, LocalDate.of(2023, 1, 1)), new Configuration());
        settings = ConfigLoader.settings(ConfigLoader.load(List.of(), List.of("input.uri=" + landing,
                "run.as_of=" + AS_OF, "customers.auto_merge=external_id")), true, true);
        Instant asOf = settings.asOf().instant();
        SourceResult source = SourceStage.run(SparkTest.spark(), landing, InputFormat.JSON, asOf, settings.customers());
        CalculatedResult run = MrrEngine.calculate(SparkTest.spark(), source.datasets(), settings.mrr(), asOf);
        for (Row r : run.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).orderBy("DATE", "RANK").collectAsList()) {
            runMovements.computeIfAbsent(r.getAs("CUSTOMER_UUID"), k -> new ArrayList<>()).add(r);
        }
        for (Row r : run.get(OutputDataset.CALCULATED_CUSTOMERS).orderBy("UUID").collectAsList()) {
            runCustomers.put(r.getAs("UUID"), r);
            if (r.getList(r.fieldIndex("EXTERNAL_IDS")).size() > 1 || r.getList(r.fieldIndex("DATA_SOURCE_UUIDS")).size() > 1) {
                merged.add(r.getAs("UUID"));
            }
        }
        sharedExternalId = source.dataset(OutputDataset.SOURCE_CUSTOMERS).groupBy("EXTERNAL_ID")
                .agg(org.apache.spark.sql.functions.collect_set("DATA_SOURCE_UUID").as("DS"))
                .where("size(DS) > 1").orderBy("EXTERNAL_ID").first();
        source.release();
    }

    @Test
    void fiftyCustomersGetTheRunsMovementsAndMrr() throws Exception {
        List<String> ids = new ArrayList<>();
        // Merged customers first (the selection must follow merges), then customers with movements, then leads.
        merged.stream().limit(10).forEach(ids::add);
        runCustomers.keySet().stream().sorted().filter(u -> !ids.contains(u) && runMovements.containsKey(u))
                .limit(CUSTOMERS - 5 - ids.size()).forEach(ids::add);
        runCustomers.keySet().stream().sorted().filter(u -> !ids.contains(u)).limit(CUSTOMERS - ids.size()).forEach(ids::add);
        assertEquals(CUSTOMERS, ids.size());
        assertTrue(!merged.isEmpty(), "the generated zone has merged customers");

        List<Explanation> explanations = new Explainer(SparkTest.spark(), settings).explain(ids, null);
        assertEquals(CUSTOMERS, explanations.size());
        int movementsCompared = 0;
        for (int i = 0; i < ids.size(); i++) {
            Explanation e = explanations.get(i);
            Row customer = runCustomers.get(ids.get(i));
            assertEquals(ids.get(i), e.customer().uuid());
            assertEquals((long) customer.<Long>getAs("MRR"), e.customer().mrr(), ids.get(i));
            assertEquals(customer.<String>getAs("STATUS"), e.customer().status(), ids.get(i));
            assertEquals(customer.getList(customer.fieldIndex("EXTERNAL_IDS")).size(),
                    e.sourceCustomers().stream().map(Explanation.SourceCustomer::externalId).distinct().count(), ids.get(i));
            List<Row> expected = runMovements.getOrDefault(ids.get(i), List.of());
            assertEquals(expected.size(), e.movements().size(), ids.get(i));
            for (int m = 0; m < expected.size(); m++) {
                Row r = expected.get(m);
                Explanation.Movement got = e.movements().get(m);
                assertEquals(r.<Timestamp>getAs("DATE").toInstant(), got.date());
                assertEquals(r.<String>getAs("MOVEMENT_TYPE"), got.type());
                assertEquals((long) r.<Long>getAs("MRR_MOVEMENT"), got.mrrMovement());
                assertEquals((long) r.<Long>getAs("MRR"), got.mrr());
                assertEquals(r.<String>getAs("SUBSCRIPTION_EXTERNAL_ID"), got.subscriptionExternalId());
                assertNotNull(got.reason(), "every movement says which rule chose it");
                movementsCompared++;
            }
            for (Explanation.Subscription s : e.subscriptions()) {
                for (Explanation.Item item : s.items()) assertNotNull(item.why(), "every item says why");
            }
            if (!expected.isEmpty()) checkJson(e, customer);
            for (String line : ExplanationText.render(e).split("\n")) {
                assertTrue(line.length() <= ExplanationText.WIDTH, "fits 100 columns: " + line);
            }
        }
        assertTrue(movementsCompared > 100, "movements compared: " + movementsCompared);
    }

    /** The JSON format of one explained customer: the fields tools rely on. */
    static void checkJson(Explanation e, Row customer) throws Exception {
        JsonNode json = new ObjectMapper().readTree(ExplanationJson.render(e));
        assertEquals(customer.<String>getAs("UUID"), json.at("/customer/uuid").asText());
        assertEquals((long) customer.<Long>getAs("MRR"), json.at("/customer/mrr").asLong());
        assertEquals(customer.<String>getAs("STATUS"), json.at("/customer/status").asText());
        assertTrue(json.at("/customer/source_customers").size() > 0);
        JsonNode first = json.at("/movements/0");
        assertTrue(first.at("/date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z"), first.toString());
        for (String field : List.of("movement_type", "mrr_movement", "subscription_external_id", "reason")) {
            assertTrue(first.hasNonNull(field), field + " in " + first);
        }
        assertEquals(e.movements().get(0).mrrMovement(), first.at("/mrr_movement").asLong());
        int items = 0;
        int steps = 0;
        for (JsonNode s : json.at("/subscriptions")) {
            items += s.at("/items").size();
            steps += s.at("/steps").size();
        }
        assertTrue(items > 0 && steps > 0, "items " + items + ", steps " + steps);
    }

    @Test
    void anUnknownCustomerExitsOneWithTheClosestMatches() {
        Row some = runCustomers.get(runMovements.keySet().stream().sorted().findFirst().orElseThrow());
        String externalId = some.getAs("EXTERNAL_ID");
        StringWriter unknownErr = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(unknownErr, true), "explain",
                "--input", landing, "--as-of", AS_OF, "--customer", externalId + "x");
        assertEquals(1, code);
        assertTrue(unknownErr.toString().contains("no customer '" + externalId + "x'"), unknownErr.toString());
        assertTrue(unknownErr.toString().contains("closest matches:") && unknownErr.toString().contains(externalId),
                unknownErr.toString());
    }

    @Test
    void anExternalIdInSeveralDataSourcesIsAmbiguousWithoutAutoMerge() {
        String common = sharedExternalId.getString(0);
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "explain",
                "--input", landing, "--as-of", AS_OF, "--customer", common);
        assertEquals(1, code, err.toString());
        String message = err.toString();
        assertTrue(message.contains("is in ") && message.contains("--data-source"), message);
        for (Object ds : sharedExternalId.getList(1)) assertTrue(message.contains((String) ds), message);
    }
}
