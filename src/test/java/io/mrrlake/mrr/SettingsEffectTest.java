package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.OutputDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For every setting of docs/MRR.md, a customer whose result differs between the default value
 * and another value. One fixture, one run per settings set (engine runs are the slow part).
 */
class SettingsEffectTest {
    static final String AS_OF = "2024-03-20";
    static SourceFixture f;
    static CalculatedResult defaults;
    static CalculatedResult others;
    static CalculatedResult euro;

    @BeforeAll
    static void run() {
        f = new SourceFixture().plan("m", "month", 1).plan("free", "month", 1)
                // churn_recognition
                .customer("churnRec").invoice("churnRec", "a1", "2024-01-01", "paid").item("a", "m", 5000, "2024-01-01", "2024-02-01")
                .cancel("churnRec", "a", "2024-01-15")
                // activity_grouping_minutes
                .customer("grouping").invoice("grouping", "b1", "2024-03-01", "paid")
                .item("b1", "m", 6000, "2024-03-01", "2024-04-01").item("b2", "m", 15000, "2024-03-01", "2024-04-01")
                // new_subscriber_invoice
                .customer("unpaid").invoice("unpaid", "c1", "2024-03-01", "open").item("c", "m", 7000, "2024-03-01", "2024-04-01")
                // exclude_invoice_statuses
                .customer("writtenOff").invoice("writtenOff", "d1", "2024-03-01", "written_off").item("d", "m", 8000, "2024-03-01", "2024-04-01")
                .payment("d1", "2024-03-01", 8000)
                // auto_churn_days
                .customer("lapsed").invoice("lapsed", "e1", "2024-01-01", "paid").item("e", "m", 9000, "2024-01-01", "2024-02-01")
                // free_plan
                .customer("free").invoice("free", "f1", "2024-02-01", "paid").item("f", "m", 5000, "2024-02-01", "2024-03-01")
                .invoice("free", "f2", "2024-03-01", "paid").item("f", "free", 0, "2024-03-01", "2024-04-01")
                // max_rate_age_days
                .customer("euro").invoice("euro", "g1", "2024-03-01", "paid").invoiceCurrency("EUR")
                .item("g", "m", 9000, "2024-03-01", "2024-04-01")
                .rate("2024-02-27", "EUR", "0.9")
                // time_zone
                .customer("zone").invoice("zone", "h1", "2024-03-01T03:00:00Z", "paid").item("h", "m", 4000, "2024-03-01T03:00:00Z", "2024-04-01T03:00:00Z");
        defaults = calculate(f, MrrSettings.defaults(), AS_OF);
        others = calculate(f, Settings.of(s -> {
            s.churnRecognition = MrrSettings.ChurnRecognition.END_OF_SERVICE_PERIOD;
            s.activityGroupingMinutes = 0;
            s.newSubscriberInvoice = MrrSettings.NewSubscriberInvoice.ISSUED;
            s.excludeInvoiceStatuses = Set.of("voided", "written_off");
            s.autoChurnDays = 30;
            s.freePlan = MrrSettings.FreePlan.CHURN;
            s.maxRateAgeDays = 1;
            s.timeZone = ZoneId.of("America/New_York");
        }), AS_OF);
        euro = calculate(f, Settings.of(s -> s.accountCurrency = "EUR"), AS_OF);
    }

    private static List<String> rows(CalculatedResult r, String customer) {
        return movements(r, f.customerUuid(customer));
    }

    @Test
    void churnRecognition() {
        assertEquals("churn 2024-01-15T00:00:00Z -5000 0", rows(defaults, "churnRec").get(1));
        assertEquals("churn 2024-02-01T00:00:00Z -5000 0", rows(others, "churnRec").get(1));
    }

    @Test
    void activityGroupingMinutes() {
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 6000 6000", "new_biz 2024-03-01T00:00:00Z 15000 21000"), rows(defaults, "grouping"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 6000 6000", "expansion 2024-03-01T00:00:00Z 15000 21000"), rows(others, "grouping"));
    }

    @Test
    void newSubscriberInvoice() {
        assertEquals(List.of(), rows(defaults, "unpaid"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 7000 7000"), rows(others, "unpaid"));
    }

    @Test
    void excludeInvoiceStatuses() {
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 8000 8000"), rows(defaults, "writtenOff"));
        assertEquals(List.of(), rows(others, "writtenOff"));
    }

    @Test
    void autoChurnDays() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9000 9000"), rows(defaults, "lapsed"));
        assertEquals("Past Due", customer(defaults, f.customerUuid("lapsed")).getAs("STATUS"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9000 9000", "churn 2024-02-01T00:00:00Z -9000 0"), rows(others, "lapsed"));
        assertEquals("Cancelled", customer(others, f.customerUuid("lapsed")).getAs("STATUS"));
    }

    @Test
    void freePlan() {
        assertEquals("contraction 2024-03-01T00:00:00Z -5000 0", rows(defaults, "free").get(1));
        assertEquals("Active", customer(defaults, f.customerUuid("free")).getAs("STATUS"));
        assertEquals("churn 2024-03-01T00:00:00Z -5000 0", rows(others, "free").get(1));
    }

    @Test
    void maxRateAgeDays() {
        // 9000 EUR / 0.9 = 10000 USD with a 2-day-old rate; with a 1-day limit the item is rejected.
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 10000 10000"), rows(defaults, "euro"));
        assertEquals(List.of(), rows(others, "euro"));
        assertEquals(0, defaults.rejects().count());
        assertEquals(List.of("missing_rate"), others.rejects().select("REASON").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    @Test
    void timeZone() {
        String month = "DATE_MONTH";
        assertEquals("2024-03", defaults.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(col("CUSTOMER_UUID").equalTo(f.customerUuid("zone"))).select(month).first().getString(0));
        assertEquals("2024-02", others.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(col("CUSTOMER_UUID").equalTo(f.customerUuid("zone"))).select(month).first().getString(0));
    }

    @Test
    void accountCurrency() {
        // 6000 + 15000 USD at 0.9 EUR per USD: 5400 + 13500 EUR; the EUR customer needs no rate.
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5400 5400", "new_biz 2024-03-01T00:00:00Z 13500 18900"), rows(euro, "grouping"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 9000 9000"), rows(euro, "euro"));
        assertEquals("EUR", customer(euro, f.customerUuid("euro")).getAs("CURRENCY"));
    }

    @Test
    void invariantsCheckerNamesTheCustomerAndMonthOfADroppedMovement() {
        java.util.Map<OutputDataset, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> tampered =
                new java.util.EnumMap<>(defaults.datasets());
        tampered.put(OutputDataset.CALCULATED_MRR_MOVEMENTS, defaults.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(col("CUSTOMER_UUID").notEqual(f.customerUuid("free")).or(col("MOVEMENT_TYPE").notEqual("contraction"))));
        List<String> violations = MrrInvariants.check(new CalculatedResult(tampered, defaults.rejectsByKind(), defaults.fxImpacts()),
                MrrSettings.defaults(), java.time.Instant.parse(AS_OF + "T23:59:59Z"));
        String free = f.customerUuid("free");
        org.junit.jupiter.api.Assertions.assertTrue(violations.stream().anyMatch(v -> v.contains(free) && v.contains("2024-03")), violations.toString());
        org.junit.jupiter.api.Assertions.assertTrue(violations.stream().anyMatch(v -> v.startsWith("month 2024-03")), violations.toString());
    }
}
