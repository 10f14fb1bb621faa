package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The ten worked examples of docs/MRR.md "Worked examples", through MrrEngine.calculate, with exact numbers. */
class WorkedExamplesTest {

    static SourceFixture plans() {
        return new SourceFixture().plan("gold_yearly", "year", 1).plan("silver_monthly", "month", 1)
                .plan("gold_monthly", "month", 1).plan("quarterly", "month", 3);
    }

    /** Examples 1–5: one customer's life. */
    static SourceFixture life() {
        return plans().customer("c1")
                .invoice("c1", "i1", "2024-01-01", "paid").item("yearly", "gold_yearly", 200000, "2024-01-01", "2025-01-01")
                .invoice("c1", "i2", "2024-02-10", "paid").item("silver", "silver_monthly", 6000, "2024-02-10", "2024-03-10")
                .cancel("c1", "silver", "2024-02-20")
                .cancel("c1", "yearly", "2024-12-31")
                .invoice("c1", "i3", "2025-03-01", "paid").item("comeback", "gold_monthly", 15000, "2025-03-01", "2025-04-01");
    }

    @Test
    void examplesOneToFive() {
        SourceFixture f = life();
        CalculatedResult r = calculate(f, MrrSettings.defaults(), "2025-03-15");
        assertEquals(List.of(
                "new_biz 2024-01-01T00:00:00Z 16667 16667",
                "expansion 2024-02-10T00:00:00Z 6000 22667",
                "contraction 2024-02-20T00:00:00Z -6000 16667",
                "churn 2024-12-31T00:00:00Z -16667 0",
                "reactivation 2025-03-01T00:00:00Z 15000 15000"), movements(r, f.customerUuid("c1")));
        Row c = customer(r, f.customerUuid("c1"));
        assertEquals("Active", c.getAs("STATUS"));
        assertEquals(15000L, (long) c.getAs("MRR"));
        assertEquals(180000L, (long) c.getAs("ARR"));
        assertEquals("2024-01-01T00:00:00Z", ((java.sql.Timestamp) c.getAs("SUBSCRIBER_SINCE")).toInstant().toString());
        assertEquals("gold_yearly|silver_monthly|gold_monthly", c.getAs("PLAN_NAME"));
        assertEquals("1 year|1 month", c.getAs("BILLING_CYCLE"));
        Row feb = r.get(OutputDataset.CALCULATED_MRR_MONTHLY).where("MONTH = '2024-02'").collectAsList().get(0);
        assertEquals(16667L, (long) feb.getAs("MRR_START"));
        assertEquals(6000L, (long) feb.getAs("EXPANSION"));
        assertEquals(-6000L, (long) feb.getAs("CONTRACTION"));
        assertEquals(16667L, (long) feb.getAs("MRR_END"));
        assertEquals(15, r.get(OutputDataset.CALCULATED_MRR_MONTHLY).count(), "2024-01 … 2025-03, gaps included");
    }

    @Test
    void exampleFourWithEndOfServicePeriodIsDatedAtThePeriodEnd() {
        SourceFixture f = life();
        MrrSettings eosp = Settings.of(s -> s.churnRecognition = MrrSettings.ChurnRecognition.END_OF_SERVICE_PERIOD);
        List<String> rows = movements(calculate(f, eosp, "2025-03-15"), f.customerUuid("c1"));
        assertEquals("churn 2025-01-01T00:00:00Z -16667 0", rows.get(3));
        assertEquals("contraction 2024-03-10T00:00:00Z -6000 16667", rows.get(2), "silver ends with its paid period");
    }

    @Test
    void exampleSixTaxIsExcludedAndQuartersDivideByThree() {
        SourceFixture f = plans().customer("c6")
                .invoice("c6", "i6", "2024-01-01", "paid").item("q", "quarterly", 32400, "2024-01-01", "2024-04-01").tax(5400);
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9000 9000"),
                movements(calculate(f, MrrSettings.defaults(), "2024-02-01"), f.customerUuid("c6")));
    }

    @Test
    void exampleSevenGroupingWithinAnHour() {
        SourceFixture f = plans().customer("c7").customer("c7b")
                .invoice("c7", "a", "2024-05-01T10:00:00Z", "paid").item("s", "silver_monthly", 6000, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z")
                .invoice("c7", "b", "2024-05-01T10:40:00Z", "paid").item("g", "gold_monthly", 15000, "2024-05-01T10:40:00Z", "2024-06-01T10:40:00Z")
                .invoice("c7b", "c", "2024-05-01T10:00:00Z", "paid").item("s2", "silver_monthly", 6000, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z")
                .invoice("c7b", "d", "2024-05-01T11:30:00Z", "paid").item("g2", "gold_monthly", 15000, "2024-05-01T11:30:00Z", "2024-06-01T11:30:00Z");
        CalculatedResult r = calculate(f, MrrSettings.defaults(), "2024-05-10");
        assertEquals(List.of("new_biz 2024-05-01T10:00:00Z 6000 6000", "new_biz 2024-05-01T10:40:00Z 15000 21000"),
                movements(r, f.customerUuid("c7")));
        assertEquals(List.of("new_biz 2024-05-01T10:00:00Z 6000 6000", "expansion 2024-05-01T11:30:00Z 15000 21000"),
                movements(r, f.customerUuid("c7b")));
        Row may = r.get(OutputDataset.CALCULATED_MRR_MONTHLY).where("MONTH = '2024-05'").collectAsList().get(0);
        assertEquals(2L, (long) may.getAs("NEW_CUSTOMERS"));
        assertEquals(2L, (long) may.getAs("CUSTOMERS_END"));
        assertEquals(21000L, (long) may.getAs("ARPA"));
    }

    /**
     * Example 7 across a month's end: a group takes every change within the window of its first,
     * whatever the month, and counts its customer once in the monthly customer counts.
     */
    @Test
    void exampleSevenAcrossAMonthEndCountsItsCustomerOnce() {
        SourceFixture f = plans().customer("n").customer("ch")
                .invoice("n", "a", "2024-05-31T23:40:00Z", "paid").item("s", "silver_monthly", 6000, "2024-05-31T23:40:00Z", "2024-06-30T23:40:00Z")
                .invoice("n", "b", "2024-06-01T00:20:00Z", "paid").item("g", "gold_monthly", 15000, "2024-06-01T00:20:00Z", "2024-07-01T00:20:00Z")
                .invoice("ch", "c", "2024-04-01", "paid").item("a", "silver_monthly", 6000, "2024-04-01", "2024-05-01")
                .item("b", "gold_monthly", 15000, "2024-04-01", "2024-05-01")
                .cancel("ch", "a", "2024-06-30T23:55:00Z").cancel("ch", "b", "2024-07-01T00:05:00Z");
        CalculatedResult r = calculate(f, MrrSettings.defaults(), "2024-07-15");
        assertEquals(List.of("new_biz 2024-05-31T23:40:00Z 6000 6000", "new_biz 2024-06-01T00:20:00Z 15000 21000"),
                movements(r, f.customerUuid("n")));
        assertEquals(List.of("new_biz 2024-04-01T00:00:00Z 6000 6000", "new_biz 2024-04-01T00:00:00Z 15000 21000",
                "churn 2024-06-30T23:55:00Z -6000 15000", "churn 2024-07-01T00:05:00Z -15000 0"),
                movements(r, f.customerUuid("ch")));
        Map<String, String> counts = new java.util.TreeMap<>();
        for (Row m : r.get(OutputDataset.CALCULATED_MRR_MONTHLY).collectAsList()) {
            counts.put(m.getAs("MONTH"), m.getAs("CUSTOMERS_START") + " +" + m.getAs("NEW_CUSTOMERS") + " -"
                    + m.getAs("CHURNED_CUSTOMERS") + " = " + m.getAs("CUSTOMERS_END"));
        }
        // n is new in May (above 0 after its May row), ch churns in July (at 0 after its July row).
        assertEquals(Map.of("2024-04", "0 +1 -0 = 1", "2024-05", "1 +1 -0 = 2", "2024-06", "2 +0 -0 = 2",
                "2024-07", "2 +0 -1 = 1"), counts);
    }

    @Test
    void exampleEightUnpaidUntilAPaymentArrives() {
        SourceFixture unpaid = plans().customer("c8")
                .invoice("c8", "i8", "2024-01-01", "open").item("m", "gold_monthly", 15000, "2024-01-01", "2024-02-01");
        CalculatedResult r = calculate(unpaid, MrrSettings.defaults(), "2024-01-20");
        assertEquals(List.of(), movements(r, unpaid.customerUuid("c8")));
        assertEquals("New Lead", customer(r, unpaid.customerUuid("c8")).getAs("STATUS"));

        SourceFixture paidLater = plans().customer("c8")
                .invoice("c8", "i8", "2024-01-01", "open").item("m", "gold_monthly", 15000, "2024-01-01", "2024-02-01")
                .payment("i8", "2024-01-25", 15000);
        CalculatedResult later = calculate(paidLater, MrrSettings.defaults(), "2024-01-28");
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 15000 15000"), movements(later, paidLater.customerUuid("c8")));
        assertEquals(15000L, (long) customer(later, paidLater.customerUuid("c8")).getAs("NET_PAYMENTS"));
        // Replaying the earlier day gives the earlier answer: the payment is after that as-of.
        assertEquals(List.of(), movements(calculate(paidLater, MrrSettings.defaults(), "2024-01-20"), paidLater.customerUuid("c8")));
    }

    @Test
    void exampleNineProratedDifferentialSeat() {
        SourceFixture f = plans().customer("c9")
                .invoice("c9", "i9", "2016-03-01", "paid").item("seat", "gold_monthly", 5000, "2016-03-01", "2016-04-01")
                .invoice("c9", "i9b", "2016-03-16", "paid").item("seat", "gold_monthly", 2500, "2016-03-16", "2016-04-01")
                .prorated("differential");
        assertEquals(List.of("new_biz 2016-03-01T00:00:00Z 5000 5000", "expansion 2016-03-16T00:00:00Z 4844 9844"),
                movements(calculate(f, MrrSettings.defaults(), "2016-03-20"), f.customerUuid("c9")));
    }

    @Test
    void exampleTenZeroDecimalCurrency() {
        SourceFixture f = plans().customer("c10")
                .invoice("c10", "i10", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("s10", "silver_monthly", 4350, "2024-01-01", "2024-02-01")
                .payment("i10", "2024-01-01", 4350)
                .rate("2024-01-01", "JPY", "145");
        CalculatedResult r = calculate(f, MrrSettings.defaults(), "2024-01-15");
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000"), movements(r, f.customerUuid("c10")));
        Row m = r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).collectAsList().get(0);
        assertEquals(4350L, (long) m.getAs("MRR_MOVEMENT_IN_INVOICE_CURRENCY"));
        assertEquals("JPY", m.getAs("INVOICE_CURRENCY"));
        assertEquals(3000L, (long) customer(r, f.customerUuid("c10")).getAs("NET_PAYMENTS"));
        assertEquals(3000L, (long) r.get(OutputDataset.CALCULATED_MRR_MONTHLY).where("MONTH = '2024-01'")
                .collectAsList().get(0).getAs("MRR_END"));
    }
}
