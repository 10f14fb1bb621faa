package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingUnreadableException;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsOfAndUnreadableTest {
    @TempDir Path tmp;

    static String invoice(String id, String date, String itemStart, String itemEnd, String txDate) {
        return "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"" + id + "\",\"date\":\"" + date
                + "\",\"currency\":\"USD\",\"line_items\":[{\"type\":\"subscription\",\"external_id\":\"" + id + "_li\","
                + "\"subscription_external_id\":\"s1\",\"plan_external_id\":\"gold\",\"service_period_start\":\"" + itemStart
                + "\",\"service_period_end\":\"" + itemEnd + "\",\"amount_in_cents\":500}],"
                + "\"transactions\":[{\"external_id\":\"" + id + "_tx\",\"type\":\"payment\",\"result\":\"successful\",\"date\":\"" + txDate + "\"}]}";
    }

    static String event(String id, String eventDate, String effective) {
        return "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"subscription_external_id\":\"s1\",\"external_id\":\"" + id
                + "\",\"event_type\":\"subscription_cancelled\",\"event_date\":\"" + eventDate + "\",\"effective_date\":\"" + effective + "\"}";
    }

    static List<String> ids(SourceResult r, OutputDataset d) {
        return LandingFixture.rows(r, d).stream().map(x -> (String) x.getAs("EXTERNAL_ID")).sorted().toList();
    }

    @Test
    void recordsAfterTheAsOfInstantAreLeftOutAndAreNoRejects() throws Exception {
        Instant asOf = Instant.parse("2024-06-30T23:59:59Z");
        SourceResult r = new LandingFixture(tmp.resolve("in")).base()
                .add("invoices",
                        invoice("before", "2024-06-01", "2024-06-01", "2024-07-01", "2024-06-30T23:59:59Z"),
                        // issued in time, but its item starts and its payment comes after the as-of instant
                        invoice("straddles", "2024-06-30T12:00:00", "2024-07-01", "2024-08-01", "2024-07-01"),
                        invoice("after", "2024-07-01", "2024-07-01", "2024-08-01", "2024-07-01"))
                .add("subscription_events", event("known_and_effective", "2024-06-01", "2024-06-30"),
                        event("effective_later", "2024-06-01", "2024-07-15"), event("known_later", "2024-07-02", "2024-06-15"))
                .add("currency_rates", "{\"date\":\"2024-06-30\",\"currency\":\"EUR\",\"rate\":0.9}",
                        "{\"date\":\"2024-07-01\",\"currency\":\"EUR\",\"rate\":0.8}")
                .add("customer_merges", "{\"from\":{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c2\"},\"into\":{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\"},\"merged_at\":\"2024-07-01\"}")
                .add("customers", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c2\"}")
                .run(InputFormat.JSON, CustomerSettings.defaults(), asOf);

        assertEquals(List.of("before", "straddles"), ids(r, OutputDataset.SOURCE_INVOICES));
        assertEquals(List.of("before_li"), ids(r, OutputDataset.SOURCE_INVOICE_LINE_ITEMS));
        assertEquals(List.of("before_tx"), ids(r, OutputDataset.SOURCE_TRANSACTIONS));
        assertEquals(List.of("known_and_effective"), ids(r, OutputDataset.SOURCE_SUBSCRIPTION_EVENTS));
        assertEquals(1, LandingFixture.rows(r, OutputDataset.SOURCE_CURRENCY_RATES).size());
        // The later merge does not apply yet: c2 is still its own customer.
        for (Row c : LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS)) assertEquals(c.<String>getAs("UUID"), c.getAs("CUSTOMER_UUID"));
        // The straddling invoice is open on the as-of day: its payment came later. Its total is still its items'.
        Row straddles = LandingFixture.rows(r, OutputDataset.SOURCE_INVOICES).stream()
                .filter(x -> "straddles".equals(x.getAs("EXTERNAL_ID"))).findFirst().orElseThrow();
        assertEquals(0, (Integer) straddles.getAs("STATUS"));
        assertEquals(500L, (Long) straddles.getAs("TOTAL_IN_CENTS"));
        Row before = LandingFixture.rows(r, OutputDataset.SOURCE_INVOICES).stream()
                .filter(x -> "before".equals(x.getAs("EXTERNAL_ID"))).findFirst().orElseThrow();
        assertEquals(1, (Integer) before.getAs("STATUS"), "paid by a payment without amount (= total)");
        assertEquals(List.of(), LandingFixture.allRejects(r));
        r.release();
    }

    @Test
    void missingRootIsUnreadable() {
        LandingUnreadableException e = assertThrows(LandingUnreadableException.class, () -> SourceStage.run(SparkTest.spark(),
                tmp.resolve("nowhere").toUri().toString(), InputFormat.JSON, LandingFixture.AS_OF, CustomerSettings.defaults()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void missingInvoicesIsUnreadable() throws Exception {
        new LandingFixture(tmp.resolve("in")).add("customers", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\"}").write(false);
        LandingUnreadableException e = assertThrows(LandingUnreadableException.class, () -> SourceStage.run(SparkTest.spark(),
                tmp.resolve("in").toUri().toString(), InputFormat.PARQUET, LandingFixture.AS_OF, CustomerSettings.defaults()));
        assertTrue(e.getMessage().contains("'customers'") || e.getMessage().contains("'invoices'"), e.getMessage());
        e = assertThrows(LandingUnreadableException.class, () -> SourceStage.run(SparkTest.spark(),
                tmp.resolve("in").toUri().toString(), InputFormat.JSON, LandingFixture.AS_OF, CustomerSettings.defaults()));
        assertTrue(e.getMessage().contains("'invoices'"), e.getMessage());
    }

    @Test
    void corruptGzipIsUnreadable() throws Exception {
        LandingFixture zone = new LandingFixture(tmp.resolve("in")).base().write(false);
        Files.write(zone.root().resolve("invoices").resolve("broken.jsonl.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3, 4, 5});
        LandingUnreadableException e = assertThrows(LandingUnreadableException.class, zone::run);
        assertTrue(e.getMessage().contains("invoices"), e.getMessage());
    }

    /**
     * A gzip file cut off in the middle (an upload that stopped): Spark's error, "Unexpected end of
     * input stream", named no file; among thousands of files the message now names the one to fix.
     */
    @Test
    void aTruncatedGzipFailsTheRunNamingTheFile() throws Exception {
        LandingFixture zone = new LandingFixture(tmp.resolve("cut")).base().write(false);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            lines.append("{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"gz_").append(i)
                    .append("\",\"date\":\"2024-01-05\",\"currency\":\"USD\"}\n");
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Files.write(zone.root().resolve("invoices").resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        LandingUnreadableException e = assertThrows(LandingUnreadableException.class, zone::run);
        assertTrue(e.getMessage().contains("cut.jsonl.gz"), e.getMessage());
    }
}
