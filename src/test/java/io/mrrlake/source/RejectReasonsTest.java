package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.mrrlake.landing.Rejects;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One landing zone with one bad record per reason (and good ones beside them); one run, a test per reason. */
class RejectReasonsTest {
    @TempDir static Path tmp;
    static SourceResult result;

    static final String ITEM_OK = "{\"type\":\"subscription\",\"external_id\":\"li_ok\",\"subscription_external_id\":\"s1\",\"plan_external_id\":\"gold\",\"service_period_start\":\"2024-01-01\",\"service_period_end\":\"2024-02-01\",\"amount_in_cents\":1000}";
    static final String ITEM_FRACTION = "{\"type\":\"one_time\",\"external_id\":\"li_frac\",\"amount_in_cents\":12.5}";
    static final String ITEM_TEXT = "{\"type\":\"one_time\",\"external_id\":\"li_text\",\"amount_in_cents\":\"abc\"}";
    static final String ITEM_ZERO = "{\"type\":\"one_time\",\"external_id\":\"li_zero\",\"amount_in_cents\":100,\"quantity\":0}";
    static final String ITEM_PLAN = "{\"type\":\"subscription\",\"external_id\":\"li_plan\",\"subscription_external_id\":\"s2\",\"plan_external_id\":\"nope\",\"service_period_start\":\"2024-01-01\",\"service_period_end\":\"2024-02-01\",\"amount_in_cents\":1000}";
    static final String ITEM_PERIOD = "{\"type\":\"subscription\",\"external_id\":\"li_period\",\"subscription_external_id\":\"s3\",\"plan_external_id\":\"gold\",\"service_period_start\":\"2024-02-01\",\"service_period_end\":\"2024-01-01\",\"amount_in_cents\":1000}";
    static final String ITEM_TYPE = "{\"type\":\"weird\",\"external_id\":\"li_type\",\"amount_in_cents\":1}";
    static final String ITEM_NO_PLAN = "{\"type\":\"trial\",\"external_id\":\"li_noplan\",\"subscription_external_id\":\"s4\",\"service_period_start\":\"2024-01-01\",\"service_period_end\":\"2024-02-01\",\"amount_in_cents\":0}";
    static final String TX_DATE = "{\"type\":\"payment\",\"result\":\"successful\",\"date\":\"yesterday\"}";
    static final String INVOICE_OK = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i_ok\",\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":["
            + String.join(",", ITEM_OK, ITEM_FRACTION, ITEM_TEXT, ITEM_ZERO, ITEM_PLAN, ITEM_PERIOD, ITEM_TYPE, ITEM_NO_PLAN)
            + "],\"transactions\":[" + TX_DATE + "]}";
    static final String INVOICE_CURRENCY = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i_cur\",\"date\":\"2024-01-01\",\"currency\":\"XYZ\",\"line_items\":[" + ITEM_FRACTION + "]}";
    static final String INVOICE_GHOST = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"ghost\",\"external_id\":\"i_ghost\",\"date\":\"2024-01-01\",\"currency\":\"USD\"}";
    static final String NOT_JSON = "this is not json";
    static final String CUSTOMER_NO_ID = "{\"data_source_uuid\":\"ds_1\",\"name\":\"No Id\"}";
    static final String CUSTOMER_C2_OLD = "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c2\",\"name\":\"Old name\",\"updated_at\":\"2024-01-01\"}";
    static final String CUSTOMER_C2_NEW = "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c2\",\"name\":\"New name\",\"updated_at\":\"2024-02-01\"}";
    static final String CUSTOMER_C3 = "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c3\",\"name\":\"Twin\"}";
    static final String PLAN_BAD_UNIT = "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"weekly\",\"name\":\"Weekly\",\"interval_count\":1,\"interval_unit\":\"week\"}";
    static final String EVENT_GHOST = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"ghost\",\"subscription_external_id\":\"s1\",\"event_type\":\"subscription_cancelled\",\"event_date\":\"2024-03-01\",\"effective_date\":\"2024-03-01\"}";
    static final String RATE_BAD = "{\"date\":\"2024-01-01\",\"currency\":\"EUR\",\"rate\":\"lots\"}";
    /** Gold is an ISO 4217 code without a minor unit: no amount can be kept in it. */
    static final String RATE_GOLD = "{\"date\":\"2024-01-01\",\"currency\":\"XAU\",\"rate\":\"0.0005\"}";

    @BeforeAll
    static void run() throws Exception {
        result = new LandingFixture(tmp.resolve("in")).base()
                .add("customers", CUSTOMER_NO_ID, CUSTOMER_C2_OLD, CUSTOMER_C2_NEW, CUSTOMER_C3, CUSTOMER_C3)
                .add("plans", PLAN_BAD_UNIT)
                .add("invoices", INVOICE_OK, INVOICE_CURRENCY, INVOICE_GHOST, NOT_JSON, "", "\t", " \t ")
                .add("subscription_events", EVENT_GHOST)
                .add("currency_rates", RATE_BAD, RATE_GOLD)
                .run();
    }

    @AfterAll
    static void release() {
        result.release();
    }

    private static Row onlyReject(String kind, String reason) {
        List<Row> hits = LandingFixture.rejects(result, kind).stream()
                .filter(r -> reason.equals(r.getAs(Rejects.REASON))).collect(Collectors.toList());
        assertEquals(1, hits.size(), () -> kind + " " + reason + " in " + LandingFixture.allRejects(result));
        Row r = hits.get(0);
        assertEquals(kind, r.getAs(Rejects.KIND));
        assertTrue(((String) r.getAs(Rejects.SOURCE_FILE)).contains("/" + (kind.equals("line_items") || kind.equals("transactions") ? "invoices" : kind) + "/"));
        return r;
    }

    private static void assertReject(String kind, String reason, String raw) {
        assertEquals(raw, onlyReject(kind, reason).getAs(Rejects.RAW));
    }

    @Test
    void missingField() {
        assertReject("customers", "missing_field:external_id", CUSTOMER_NO_ID);
        assertReject("line_items", "missing_field:plan_external_id", ITEM_NO_PLAN);
    }

    @Test
    void badEnum() {
        assertReject("plans", "bad_enum:interval_unit", PLAN_BAD_UNIT);
        assertReject("line_items", "bad_enum:type", ITEM_TYPE);
    }

    @Test
    void unknownPlan() {
        assertReject("line_items", "unknown_plan", ITEM_PLAN);
    }

    @Test
    void unknownCustomer() {
        assertReject("invoices", "unknown_customer", INVOICE_GHOST);
        assertReject("subscription_events", "unknown_customer", EVENT_GHOST);
    }

    @Test
    void unknownCurrencyRejectsTheInvoiceWithItsItems() {
        assertReject("invoices", "unknown_currency", INVOICE_CURRENCY);
        // Its item (which is bad itself) is inside the invoice's reject, not a reject of its own.
        long itemRejectsOfThatInvoice = LandingFixture.rejects(result, "line_items").stream()
                .filter(r -> ITEM_FRACTION.equals(r.getAs(Rejects.RAW))).count();
        assertEquals(1, itemRejectsOfThatInvoice, "only i_ok's copy of the fractional item is a line_items reject");
    }

    @Test
    void aCurrencyWithoutAMinorUnitIsUnknown() {
        Row r = onlyReject("currency_rates", "unknown_currency");
        assertEquals(RATE_GOLD, r.getAs(Rejects.RAW));
        assertEquals("currency is not an ISO-4217 currency code with a minor unit: XAU", r.getAs(Rejects.DETAIL));
    }

    @Test
    void badPeriod() {
        assertReject("line_items", "bad_period", ITEM_PERIOD);
    }

    @Test
    void badJson() {
        assertReject("invoices", "bad_json", NOT_JSON);
    }

    @Test
    void badNumberForAFractionAndForText() {
        List<Row> hits = LandingFixture.rejects(result, "line_items").stream()
                .filter(r -> "bad_number:amount_in_cents".equals(r.getAs(Rejects.REASON))).collect(Collectors.toList());
        assertEquals(List.of(ITEM_FRACTION, ITEM_TEXT).stream().sorted().toList(),
                hits.stream().map(r -> (String) r.getAs(Rejects.RAW)).sorted().toList());
        assertReject("currency_rates", "bad_number:rate", RATE_BAD);
    }

    @Test
    void zeroQuantity() {
        assertReject("line_items", "bad_number:quantity", ITEM_ZERO);
    }

    @Test
    void badTimestamp() {
        assertReject("transactions", "bad_timestamp:date", TX_DATE);
    }

    @Test
    void conflictingDuplicateKeepsTheLatestAndRejectsTheOther() {
        assertReject("customers", "duplicate_key", CUSTOMER_C2_OLD);
        List<Row> c2 = LandingFixture.rows(result, OutputDataset.SOURCE_CUSTOMERS).stream()
                .filter(r -> "c2".equals(r.getAs("EXTERNAL_ID"))).toList();
        assertEquals(1, c2.size());
        assertEquals("New name", c2.get(0).getAs("FULL_NAME"));
    }

    @Test
    void identicalCopiesCollapseSilently() {
        List<Row> c3 = LandingFixture.rows(result, OutputDataset.SOURCE_CUSTOMERS).stream()
                .filter(r -> "c3".equals(r.getAs("EXTERNAL_ID"))).toList();
        assertEquals(1, c3.size());
        assertTrue(LandingFixture.rejects(result, "customers").stream().noneMatch(r -> CUSTOMER_C3.equals(r.getAs(Rejects.RAW))));
    }

    @Test
    void everyRecordReadIsValidOrRejectedNothingElse() {
        // customers: c1, no-id, c2 twice, c3 twice = 6 read; 3 valid, 2 rejected, 1 collapsed copy.
        assertEquals(6L, result.recordsRead().get("customers"));
        assertEquals(3, LandingFixture.rows(result, OutputDataset.SOURCE_CUSTOMERS).size());
        assertEquals(2, LandingFixture.rejects(result, "customers").size());
        // invoices: 4 non-blank lines (the blank ones, of spaces and tabs too, are no record): 1 valid, 3 rejected.
        assertEquals(4L, result.recordsRead().get("invoices"));
        assertEquals(1, LandingFixture.rows(result, OutputDataset.SOURCE_INVOICES).size());
        assertEquals(3, LandingFixture.rejects(result, "invoices").size());
        // line items of the valid invoice: 8 read, 1 valid, 7 rejected.
        assertEquals(8L, result.recordsRead().get("line_items"));
        assertEquals(1, LandingFixture.rows(result, OutputDataset.SOURCE_INVOICE_LINE_ITEMS).size());
        assertEquals(7, LandingFixture.rejects(result, "line_items").size());
        Row invoice = LandingFixture.rows(result, OutputDataset.SOURCE_INVOICES).get(0);
        assertEquals(1000L, (Long) invoice.getAs("TOTAL_IN_CENTS"), "total of the valid items");
        assertEquals(0, (Integer) invoice.getAs("STATUS"), "no valid payment: open");
    }
}
