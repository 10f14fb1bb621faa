package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mrrlake.landing.Rejects;
import io.mrrlake.model.InvoiceStatus;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the bad-input corpus (src/test/resources/bad-input, its README lists the expected
 * reject of each) read through the real landing read beside a small valid zone, in one run.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Paths.get("src/test/resources/bad-input");
    private static final Pattern ROW = Pattern.compile("^\\| `(json/([a-z_]+)/([a-z0-9_]+)\\.jsonl)` \\| ([a-z_]+) \\| `([^`]+)` \\|");
    /** The source dataset each landing kind's valid records go to (customer_merges have none). */
    private static final Map<String, OutputDataset> DATASETS = Map.ofEntries(
            Map.entry("data_sources", OutputDataset.SOURCE_DATA_SOURCES), Map.entry("customers", OutputDataset.SOURCE_CUSTOMERS),
            Map.entry("customer_tags", OutputDataset.SOURCE_TAGS), Map.entry("customer_attributes", OutputDataset.SOURCE_CUSTOM_ATTRIBUTES),
            Map.entry("contacts", OutputDataset.SOURCE_CONTACTS), Map.entry("plans", OutputDataset.SOURCE_PLANS),
            Map.entry("invoices", OutputDataset.SOURCE_INVOICES), Map.entry("line_items", OutputDataset.SOURCE_INVOICE_LINE_ITEMS),
            Map.entry("transactions", OutputDataset.SOURCE_TRANSACTIONS),
            Map.entry("subscription_events", OutputDataset.SOURCE_SUBSCRIPTION_EVENTS),
            Map.entry("currency_rates", OutputDataset.SOURCE_CURRENCY_RATES));

    record Case(String file, String folder, String stem, String kind, String reason) {}

    @TempDir static Path tmp;
    static SourceResult result;
    static List<Case> cases;

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) out.add(new Case(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
        }
        return out;
    }

    @BeforeAll
    static void run() throws Exception {
        cases = cases();
        LandingFixture zone = new LandingFixture(tmp.resolve("in")).base()
                .add("invoices", "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"good\",\"date\":\"2024-01-01\",\"currency\":\"USD\","
                        + "\"line_items\":[{\"type\":\"subscription\",\"external_id\":\"good_li\",\"subscription_external_id\":\"s1\",\"plan_external_id\":\"gold\","
                        + "\"service_period_start\":\"2024-01-01\",\"service_period_end\":\"2024-02-01\",\"amount_in_cents\":99999999999999}]}")
                .add("invoices", hugeInvoicePaidWithoutAmounts())
                .add("currency_rates", "{\"date\":\"2024-01-01\",\"currency\":\"EUR\",\"rate\":0.00001}")
                .write(false);
        for (Case c : cases) {
            Path target = Files.createDirectories(zone.root().resolve(c.folder())).resolve(c.stem() + ".jsonl");
            Files.copy(CORPUS.resolve(c.file()), target);
        }
        result = zone.run();
    }

    static final long LARGEST = 99_999_999_999_999L;
    static final int HUGE_ITEMS = 1_000;
    static final int HUGE_PAYMENTS = 93;

    /**
     * A valid neighbour that stopped the run: a payment without an amount is its invoice's whole
     * total, and 93 of them on an invoice of 1,000 items at the largest amount add up past 2^63 in
     * the sum that derives the missing status.
     */
    static String hugeInvoicePaidWithoutAmounts() {
        StringBuilder line = new StringBuilder("{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\","
                + "\"external_id\":\"huge\",\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":[");
        for (int i = 0; i < HUGE_ITEMS; i++) {
            line.append(i > 0 ? "," : "").append("{\"type\":\"one_time\",\"external_id\":\"huge_li").append(i)
                    .append("\",\"amount_in_cents\":").append(LARGEST).append('}');
        }
        line.append("],\"transactions\":[");
        for (int i = 0; i < HUGE_PAYMENTS; i++) {
            line.append(i > 0 ? "," : "").append("{\"external_id\":\"huge_tx").append(i)
                    .append("\",\"type\":\"payment\",\"result\":\"successful\",\"date\":\"2024-01-02\"}");
        }
        return line.append("]}").toString();
    }

    @AfterAll
    static void release() {
        result.release();
    }

    @Test
    void theReadmeListsEveryFileOfTheCorpus() throws IOException {
        List<String> listed = cases.stream().map(Case::file).sorted().toList();
        List<String> files;
        try (Stream<Path> all = Files.walk(CORPUS.resolve("json"))) {
            files = all.filter(Files::isRegularFile).map(p -> CORPUS.relativize(p).toString()).sorted().toList();
        }
        assertEquals(files, listed);
        assertTrue(cases.size() >= 30, "cases: " + cases.size());
    }

    @TestFactory
    Stream<DynamicTest> eachCaseIsRejectedWithItsReason() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.stem(), () -> {
            List<Row> hits = LandingFixture.rejects(result, c.kind()).stream()
                    .filter(r -> ((String) r.getAs(Rejects.RAW)).contains("\"" + c.stem() + "\"")).toList();
            assertEquals(1, hits.size(), () -> c + " in " + LandingFixture.allRejects(result));
            Row reject = hits.get(0);
            assertEquals(c.reason(), reject.getAs(Rejects.REASON), () -> c + ": " + reject.getAs(Rejects.DETAIL));
            String detail = reject.getAs(Rejects.DETAIL);
            assertFalse(detail == null || detail.isBlank(), c.toString());
            if (c.kind().equals(c.folder())) {
                // Decoded as the job reads text: a byte sequence that is not UTF-8 is U+FFFD.
                String line = new String(Files.readAllBytes(CORPUS.resolve(c.file())), StandardCharsets.UTF_8).strip();
                assertEquals(line, reject.getAs(Rejects.RAW), "a top-level record keeps its line exactly");
            }
        }));
    }

    @Test
    void paymentsWithoutAmountsPastSixtyFourBitsStillDeriveTheStatus() {
        Row invoice = LandingFixture.rows(result, OutputDataset.SOURCE_INVOICES).stream()
                .filter(r -> "huge".equals(r.getAs("EXTERNAL_ID"))).findFirst().orElseThrow();
        assertEquals(LARGEST * HUGE_ITEMS, (Long) invoice.getAs("TOTAL_IN_CENTS"));
        assertEquals(InvoiceStatus.PAID.ordinal(), ((Number) invoice.getAs("STATUS")).intValue());
        List<Row> payments = LandingFixture.rows(result, OutputDataset.SOURCE_TRANSACTIONS).stream()
                .filter(r -> ((String) r.getAs("EXTERNAL_ID")).startsWith("huge_tx")).toList();
        assertEquals(HUGE_PAYMENTS, payments.size());
        assertEquals(LARGEST * HUGE_ITEMS, (Long) payments.get(0).getAs("AMOUNT_IN_CENTS"));
    }

    /**
     * RAW is valid UTF-8 in the rejects as they are written, not only once collected (collecting
     * decodes the bytes, so the test above sees U+FFFD either way): a Latin-1 line's bytes, kept as
     * read, made DuckDB and pyarrow refuse the whole rejects dataset.
     */
    @Test
    void everyRejectIsValidUtf8() {
        result.rejects().forEach((kind, rows) -> {
            Column raw = org.apache.spark.sql.functions.col(Rejects.RAW);
            long invalid = rows.filter(raw.notEqual(org.apache.spark.sql.functions.decode(
                    org.apache.spark.sql.functions.encode(raw, "UTF-8"), "UTF-8"))).count();
            assertEquals(0, invalid, kind + ": rejects whose RAW is not valid UTF-8");
        });
    }

    @Test
    void noRecordIsLost() {
        DATASETS.forEach((kind, dataset) -> {
            long read = result.recordsRead().getOrDefault(kind, 0L);
            long valid = LandingFixture.rows(result, dataset).size();
            long rejected = result.rejects().containsKey(kind) ? LandingFixture.rejects(result, kind).size() : 0;
            assertEquals(read, valid + rejected, kind + ": read = valid + rejected");
        });
        // The good neighbours pass: the largest amount allowed and a rate that a double would write as 1.0E-5.
        assertEquals(99_999_999_999_999L, (Long) LandingFixture.rows(result, OutputDataset.SOURCE_INVOICE_LINE_ITEMS).stream()
                .filter(r -> "good_li".equals(r.getAs("EXTERNAL_ID"))).findFirst().orElseThrow().getAs("AMOUNT_IN_CENTS"));
        assertEquals(0, new java.math.BigDecimal("0.00001").compareTo(LandingFixture.rows(result, OutputDataset.SOURCE_CURRENCY_RATES).stream()
                .filter(r -> "EUR".equals(r.getAs("CURRENCY"))).findFirst().orElseThrow().getAs("RATE")));
    }
}
