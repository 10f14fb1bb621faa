package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.mrrlake.export.FileFormat;
import io.mrrlake.export.FilesReader;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples of docs/MRR.md "Worked examples" through the real job: a landing zone of Import-API
 * JSON Lines written here, `mrrlake run`, and the written datasets read back. Each example is its own
 * customer, so one run checks them all; a second run checks the variants that need another setting
 * or a later payment.
 */
class WorkedExamplesJobTest {
    static final String DS = "ds_worked_examples";

    @TempDir
    static Path dir;
    static Path defaultsOut;
    static Path variantsOut;
    static Path yenOut;

    @BeforeAll
    static void runBoth() throws IOException {
        SparkTest.spark();
        Path landing = dir.resolve("landing");
        writeLanding(landing, false);
        defaultsOut = dir.resolve("out-defaults");
        run(landing, defaultsOut);
        Path landingPaid = dir.resolve("landing-paid");
        writeLanding(landingPaid, true);
        variantsOut = dir.resolve("out-variants");
        run(landingPaid, variantsOut, "--set", "mrr.churn_recognition=end_of_service_period");
        yenOut = dir.resolve("out-yen");
        // Also the Parquet layout with a dataset filter: every other run here writes Delta.
        run(landing, yenOut, "--set", "mrr.account_currency=JPY", "--output-format", "parquet");
    }

    static void run(Path landing, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--input", landing.toString(), "--output", out.toString(),
                "--as-of", "2025-03-15", "--datasets", "calculated.*"));
        args.addAll(List.of(extra));
        CommandLineTest.Result r = CommandLineTest.exec(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void examplesOneToFiveOneCustomersLife() {
        assertEquals(List.of(
                "new_biz 2024-01-01T00:00:00Z 16667 16667",
                "expansion 2024-02-10T00:00:00Z 6000 22667",
                "contraction 2024-02-20T00:00:00Z -6000 16667",
                "churn 2024-12-31T00:00:00Z -16667 0",
                "reactivation 2025-03-01T00:00:00Z 15000 15000"), movements(defaultsOut, "c1"));
    }

    @Test
    void exampleFourWithEndOfServicePeriodIsDatedAtTheEndOfThePeriod() {
        assertEquals("churn 2025-01-01T00:00:00Z -16667 0", movements(variantsOut, "c1").get(3));
    }

    @Test
    void exampleSixTaxAndQuarters() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9000 9000"), movements(defaultsOut, "c6"));
    }

    @Test
    void exampleSevenGrouping() {
        assertEquals(List.of(
                "new_biz 2024-05-01T10:00:00Z 6000 6000",
                "new_biz 2024-05-01T10:40:00Z 15000 21000"), movements(defaultsOut, "c7"));
        assertEquals(List.of(
                "new_biz 2024-05-01T10:00:00Z 6000 6000",
                "expansion 2024-05-01T11:30:00Z 15000 21000"), movements(defaultsOut, "c7late"));
    }

    @Test
    void exampleEightUnpaidThenPaid() {
        assertEquals(List.of(), movements(defaultsOut, "c8"));
        assertEquals("New Lead", customerStatus(defaultsOut, "c8"));
        assertEquals(List.of("new_biz 2024-06-01T00:00:00Z 6000 6000"), movements(variantsOut, "c8"));
        // Paid now, but its only month ended 2024-07-01 without a renewal: live and past due (section 3).
        assertEquals("Past Due", customerStatus(variantsOut, "c8"));
    }

    @Test
    void exampleNineProratedSeat() {
        assertEquals(List.of(
                "new_biz 2016-03-01T00:00:00Z 5000 5000",
                "expansion 2016-03-16T00:00:00Z 4844 9844"), movements(defaultsOut, "c9"));
    }

    @Test
    void exampleTenZeroDecimalCurrency() {
        // ¥4,350 at 145 JPY per USD: round(4350 / 145 × 10^(2 − 0)) = 3000 US cents.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000"), movements(defaultsOut, "c10"));
        assertEquals(List.of(4350L), invoiceCurrencyMovements(defaultsOut, "c10"));
        // The same plan paid in dollars: $30.00.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000"), movements(defaultsOut, "c10usd"));
    }

    @Test
    void exampleTenInAYenAccount() {
        // The yen customer needs no conversion; the dollar customer's $30.00 is ¥4,350, not ¥435,000.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350"), movements(yenOut, "c10"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350"), movements(yenOut, "c10usd"));
        assertEquals(List.of(3000L), invoiceCurrencyMovements(yenOut, "c10usd"));
        // Example 6's $90.00 a month is ¥13,050; the KWD customer's KWD 30.700 ($100.00) is ¥14,500.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 13050 13050"), movements(yenOut, "c6"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 14500 14500"), movements(yenOut, "c11"));
        assertEquals("JPY", read(yenOut, OutputDataset.CALCULATED_MRR_MONTHLY).select("CURRENCY").distinct()
                .collectAsList().get(0).getString(0));
    }

    @Test
    void parquetOutputWithADatasetFilterHoldsTheCalculatedDatasetsOnly() {
        for (OutputDataset d : List.of(OutputDataset.CALCULATED_MRR_MONTHLY, OutputDataset.CALCULATED_MRR_MOVEMENTS)) {
            assertFalse(Files.exists(yenOut.resolve(d.path()).resolve("_delta_log")), d + " is plain Parquet");
            assertFalse(read(yenOut, d).isEmpty(), d + " has rows");
        }
        assertFalse(Files.exists(yenOut.resolve("source")), "source datasets were filtered out");
        assertFalse(Files.exists(yenOut.resolve("rejects")), "rejects were filtered out");
    }

    @Test
    void aThreeDecimalCurrency() {
        // KWD 30.700 is 30700 fils; at 0.307 KWD per USD: round(30700 / 0.307 × 10^(2 − 3)) = 10000 cents.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), movements(defaultsOut, "c11"));
        assertEquals(List.of(30700L), invoiceCurrencyMovements(defaultsOut, "c11"));
        // Its payment of 30700 fils, converted at its own day's rates like the MRR.
        assertEquals(10000L, (long) customer(defaultsOut, "c11").getAs("NET_PAYMENTS"));
        assertEquals(14500L, (long) customer(yenOut, "c11").getAs("NET_PAYMENTS"), "¥14,500 in a yen account");
    }

    @Test
    void aPaidProratedUpgradeAfterAnOpenFirstInvoiceStartsAtTheNewPlan() {
        // Section 3: the credit (−9899) has no MRR to come off; the charge (+29900) is the first item.
        // The renewal at 29900 that follows is no change.
        assertEquals(List.of("new_biz 2024-01-16T00:00:00Z 29900 29900"), movements(defaultsOut, "c12"));
        assertEquals("business_monthly", read(defaultsOut, OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(org.apache.spark.sql.functions.col("CUSTOMER_EXTERNAL_ID").equalTo("c12"))
                .collectAsList().get(0).getAs("PLAN_EXTERNAL_ID"));
        assertEquals(29900L, (long) customer(defaultsOut, "c12").getAs("MRR"));
    }

    // ---- reading the output ------------------------------------------------------------------------

    static Dataset<Row> read(Path out, OutputDataset d) {
        Path table = out.resolve(d.path());
        FileFormat format = Files.isDirectory(table.resolve("_delta_log")) ? FileFormat.DELTA : FileFormat.PARQUET;
        return FilesReader.read(SparkTest.spark(), table.toString(), format);
    }

    static List<String> movements(Path out, String customer) {
        return read(out, OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(org.apache.spark.sql.functions.col("CUSTOMER_EXTERNAL_ID").equalTo(customer))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(r -> r.getAs("MOVEMENT_TYPE") + " " + ((java.sql.Timestamp) r.getAs("DATE")).toInstant() + " "
                        + r.getAs("MRR_MOVEMENT") + " " + r.getAs("MRR"))
                .collect(Collectors.toList());
    }

    static List<Long> invoiceCurrencyMovements(Path out, String customer) {
        return read(out, OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(org.apache.spark.sql.functions.col("CUSTOMER_EXTERNAL_ID").equalTo(customer))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(r -> (Long) r.getAs("MRR_MOVEMENT_IN_INVOICE_CURRENCY")).collect(Collectors.toList());
    }

    static Row customer(Path out, String customer) {
        return read(out, OutputDataset.CALCULATED_CUSTOMERS)
                .where(org.apache.spark.sql.functions.col("EXTERNAL_ID").equalTo(customer))
                .collectAsList().get(0);
    }

    static String customerStatus(Path out, String customer) {
        return customer(out, customer).getAs("STATUS");
    }

    // ---- the landing zone ----------------------------------------------------------------------------

    static void writeLanding(Path root, boolean c8Paid) throws IOException {
        write(root, "data_sources", List.of("{\"uuid\":\"" + DS + "\",\"name\":\"Examples\",\"system\":\"Import API\"}"));
        write(root, "plans", List.of(
                plan("gold_yearly", "Gold", 1, "year"), plan("silver_monthly", "Silver", 1, "month"),
                plan("gold_monthly", "Gold", 1, "month"), plan("quarterly", "Quarterly", 3, "month"),
                plan("seat_monthly", "Seat", 1, "month"), plan("pro_monthly", "Pro", 1, "month"),
                plan("business_monthly", "Business", 1, "month")));
        List<String> customers = new ArrayList<>();
        for (String c : List.of("c1", "c6", "c7", "c7late", "c8", "c9", "c10", "c10usd", "c11", "c12")) {
            customers.add("{\"data_source_uuid\":\"" + DS + "\",\"external_id\":\"" + c + "\",\"name\":\"Customer " + c
                    + "\",\"email\":\"" + c + "@example.com\",\"created_at\":\"2015-01-01\"}");
        }
        write(root, "customers", customers);
        write(root, "invoices", List.of(
                invoice("c1", "i1", "2024-01-01", "paid", item("yearly", "gold_yearly", 200000, 0, "2024-01-01", "2025-01-01")),
                invoice("c1", "i2", "2024-02-10", "paid", item("silver", "silver_monthly", 6000, 0, "2024-02-10", "2024-03-10")),
                invoice("c1", "i3", "2025-03-01", "paid", item("comeback", "gold_monthly", 15000, 0, "2025-03-01", "2025-04-01")),
                invoice("c6", "i6", "2024-01-01", "paid", item("q", "quarterly", 32400, 5400, "2024-01-01", "2024-04-01")),
                invoice("c7", "i7a", "2024-05-01T10:00:00Z", "paid",
                        item("s7", "silver_monthly", 6000, 0, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z")),
                invoice("c7", "i7b", "2024-05-01T10:40:00Z", "paid",
                        item("g7", "gold_monthly", 15000, 0, "2024-05-01T10:40:00Z", "2024-06-01T10:40:00Z")),
                invoice("c7late", "i7c", "2024-05-01T10:00:00Z", "paid",
                        item("s7l", "silver_monthly", 6000, 0, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z")),
                invoice("c7late", "i7d", "2024-05-01T11:30:00Z", "paid",
                        item("g7l", "gold_monthly", 15000, 0, "2024-05-01T11:30:00Z", "2024-06-01T11:30:00Z")),
                c8Paid
                        ? invoiceWithPayment("c8", "i8", "2024-06-01",
                                item("s8", "silver_monthly", 6000, 0, "2024-06-01", "2024-07-01"), "2024-06-20")
                        : invoice("c8", "i8", "2024-06-01", "open", item("s8", "silver_monthly", 6000, 0, "2024-06-01", "2024-07-01")),
                invoice("c9", "i9a", "2016-03-01", "paid", item("seat", "seat_monthly", 5000, 0, "2016-03-01", "2016-04-01")),
                invoice("c9", "i9b", "2016-03-16", "paid",
                        item("seat", "seat_monthly", 2500, 0, "2016-03-16", "2016-04-01")
                                .replace("}", ",\"prorated\":true,\"proration_type\":\"differential\"}")),
                invoice("c10", "i10", "2024-01-01", "paid", "JPY", item("s10", "silver_monthly", 4350, 0, "2024-01-01", "2024-02-01")),
                invoice("c10usd", "i10usd", "2024-01-01", "paid",
                        item("s10usd", "silver_monthly", 3000, 0, "2024-01-01", "2024-02-01")),
                invoiceWithPayment("c11", "i11", "2024-01-01", "KWD",
                        item("s11", "silver_monthly", 30700, 0, "2024-01-01", "2024-02-01"), "2024-01-01"),
                // Example of section 3: the first invoice stays open; 16 of January's 31 days later a
                // paid prorated upgrade: round(−5109 × 31/16) = −9899 and round(15432 × 31/16) = 29900.
                invoice("c12", "i12a", "2024-01-01", "open", item("s12", "pro_monthly", 9900, 0, "2024-01-01", "2024-02-01")),
                invoice("c12", "i12b", "2024-01-16", "paid",
                        differential(item("s12", "pro_monthly", -5109, 0, "2024-01-16", "2024-02-01"), 1) + ","
                                + differential(item("s12", "business_monthly", 15432, 0, "2024-01-16", "2024-02-01"), 2)),
                invoice("c12", "i12c", "2024-02-01", "paid",
                        item("s12", "business_monthly", 29900, 0, "2024-02-01", "2024-03-01"))));
        write(root, "currency_rates", rates());
        write(root, "subscription_events", List.of(
                cancel("c1", "silver", "e1", "2024-02-20"),
                cancel("c1", "yearly", "e2", "2024-12-31T00:00:00Z")));
    }

    /**
     * Example 10's rates (145 JPY and 0.307 KWD per USD) on every day from the first example's month
     * to the as-of, so that a yen account can convert every example.
     */
    static List<String> rates() {
        List<String> lines = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2016, 3, 1); !d.isAfter(LocalDate.of(2025, 3, 15)); d = d.plusDays(1)) {
            lines.add("{\"date\":\"" + d + "\",\"currency\":\"JPY\",\"rate\":145}");
            lines.add("{\"date\":\"" + d + "\",\"currency\":\"KWD\",\"rate\":0.307}");
        }
        return lines;
    }

    /** A prorated differential item (its own external id, for two at one start in one subscription). */
    static String differential(String item, int eventOrder) {
        return item.replace("\"external_id\":\"li_", "\"external_id\":\"li_d" + eventOrder + "_").replace("\"quantity\":1}", "\"quantity\":1,\"prorated\":true,\"proration_type\":\"differential\",\"event_order\":"
                + eventOrder + "}");
    }

    static String plan(String id, String name, int count, String unit) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"external_id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"interval_count\":" + count + ",\"interval_unit\":\"" + unit + "\"}";
    }

    static String item(String sub, String plan, long amount, long tax, String start, String end) {
        return "{\"type\":\"subscription\",\"external_id\":\"li_" + sub + "_" + start + "\",\"subscription_external_id\":\""
                + sub + "\",\"plan_external_id\":\"" + plan + "\",\"service_period_start\":\"" + start
                + "\",\"service_period_end\":\"" + end + "\",\"amount_in_cents\":" + amount
                + ",\"tax_amount_in_cents\":" + tax + ",\"quantity\":1}";
    }

    static String invoice(String customer, String id, String date, String status, String items) {
        return invoice(customer, id, date, status, "USD", items);
    }

    static String invoice(String customer, String id, String date, String status, String currency, String item) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\"" + id
                + "\",\"date\":\"" + date + "\",\"currency\":\"" + currency + "\",\"status\":\"" + status
                + "\",\"line_items\":[" + item + "],\"transactions\":[]}";
    }

    static String invoiceWithPayment(String customer, String id, String date, String item, String paidAt) {
        return invoiceWithPayment(customer, id, date, "USD", item, paidAt);
    }

    static String invoiceWithPayment(String customer, String id, String date, String currency, String item, String paidAt) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\"" + id
                + "\",\"date\":\"" + date + "\",\"currency\":\"" + currency + "\",\"line_items\":[" + item + "],"
                + "\"transactions\":[{\"external_id\":\"t_" + id + "\",\"type\":\"payment\",\"result\":\"successful\",\"date\":\""
                + paidAt + "\"}]}";
    }

    static String cancel(String customer, String sub, String id, String effective) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer
                + "\",\"subscription_external_id\":\"" + sub + "\",\"external_id\":\"" + id
                + "\",\"event_type\":\"subscription_cancelled\",\"event_date\":\"" + effective
                + "\",\"effective_date\":\"" + effective + "\"}";
    }

    static void write(Path root, String kind, List<String> lines) throws IOException {
        Path folder = Files.createDirectories(root.resolve(kind));
        Files.write(folder.resolve("part-00000.jsonl"), lines);
    }
}
