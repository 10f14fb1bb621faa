package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    // ---- reading the output ------------------------------------------------------------------------

    static Dataset<Row> read(Path out, OutputDataset d) {
        return FilesReader.read(SparkTest.spark(), out.resolve(d.path()).toString(), FileFormat.DELTA);
    }

    static List<String> movements(Path out, String customer) {
        return read(out, OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(org.apache.spark.sql.functions.col("CUSTOMER_EXTERNAL_ID").equalTo(customer))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(r -> r.getAs("MOVEMENT_TYPE") + " " + ((java.sql.Timestamp) r.getAs("DATE")).toInstant() + " "
                        + r.getAs("MRR_MOVEMENT") + " " + r.getAs("MRR"))
                .collect(Collectors.toList());
    }

    static String customerStatus(Path out, String customer) {
        return read(out, OutputDataset.CALCULATED_CUSTOMERS)
                .where(org.apache.spark.sql.functions.col("EXTERNAL_ID").equalTo(customer))
                .collectAsList().get(0).getAs("STATUS");
    }

    // ---- the landing zone ----------------------------------------------------------------------------

    static void writeLanding(Path root, boolean c8Paid) throws IOException {
        write(root, "data_sources", List.of("{\"uuid\":\"" + DS + "\",\"name\":\"Examples\",\"system\":\"Import API\"}"));
        write(root, "plans", List.of(
                plan("gold_yearly", "Gold", 1, "year"), plan("silver_monthly", "Silver", 1, "month"),
                plan("gold_monthly", "Gold", 1, "month"), plan("quarterly", "Quarterly", 3, "month"),
                plan("seat_monthly", "Seat", 1, "month")));
        List<String> customers = new ArrayList<>();
        for (String c : List.of("c1", "c6", "c7", "c7late", "c8", "c9")) {
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
                                .replace("}", ",\"prorated\":true,\"proration_type\":\"differential\"}"))));
        write(root, "subscription_events", List.of(
                cancel("c1", "silver", "e1", "2024-02-20"),
                cancel("c1", "yearly", "e2", "2024-12-31T00:00:00Z")));
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

    static String invoice(String customer, String id, String date, String status, String item) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\"" + id
                + "\",\"date\":\"" + date + "\",\"currency\":\"USD\",\"status\":\"" + status
                + "\",\"line_items\":[" + item + "],\"transactions\":[]}";
    }

    static String invoiceWithPayment(String customer, String id, String date, String item, String paidAt) {
        return "{\"data_source_uuid\":\"" + DS + "\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\"" + id
                + "\",\"date\":\"" + date + "\",\"currency\":\"USD\",\"line_items\":[" + item + "],"
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
