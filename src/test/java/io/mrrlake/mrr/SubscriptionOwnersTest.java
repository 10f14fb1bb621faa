package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static io.mrrlake.mrr.EngineTestSupport.mrr;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscription is (data_source_uuid, subscription_external_id), so its MRR is counted once, by the
 * customer of its first item (docs/MRR.md "A subscription over time"). Found by the differential
 * fuzz: the same subscription's renewal on another customer's invoice started it a second time, and
 * the business's MRR counted it twice, with nothing rejected.
 */
class SubscriptionOwnersTest {
    static SourceFixture f;
    static CalculatedResult result;

    @BeforeAll
    static void run() {
        f = new SourceFixture().plan("monthly", "month", 1)
                .customer("u1").customer("u2").customer("m1").customer("m2").merge("m2", "m1")
                .invoice("u1", "u1_i1", "2025-01-01", "paid").item("S", "monthly", 5000, "2025-01-01", "2025-02-01")
                .invoice("u2", "u2_i1", "2025-02-01", "paid").item("S", "monthly", 5000, "2025-02-01", "2025-03-01")
                // The cancellation names u2; it ends the subscription where it is held, u1's.
                .cancel("u2", "S", "2025-02-20")
                .invoice("m1", "m1_i1", "2025-01-01", "paid").item("T", "monthly", 3000, "2025-01-01", "2025-02-01")
                .invoice("m2", "m2_i1", "2025-02-01", "paid").item("T", "monthly", 3000, "2025-02-01", "2025-03-01");
        result = calculate(f, MrrSettings.defaults(), "2025-02-25");
    }

    @Test
    void anItemOfASubscriptionHeldByAnotherCustomerIsADuplicateKeyRejectNotASecondSubscription() {
        assertEquals(List.of("new_biz 2025-01-01T00:00:00Z 5000 5000", "churn 2025-02-20T00:00:00Z -5000 0"),
                movements(result, f, "u1"));
        assertEquals(List.of(), movements(result, f, "u2"));
        assertEquals(0L, mrr(result, f, "u2"));
        List<String> details = result.rejectsByKind().get("line_items").where(col("REASON").equalTo("duplicate_key"))
                .select("DETAIL").as(Encoders.STRING()).collectAsList();
        assertEquals(1, details.size(), details.toString());
        String expected = "subscription S of data source " + SourceFixture.DS + " belongs to customer "
                + f.customerUuid("u1") + " (its first item); this item is on an invoice of customer " + f.customerUuid("u2");
        assertEquals(expected, details.get(0).substring(0, expected.length()));
        assertEquals(1, result.get(OutputDataset.CALCULATED_SUBSCRIPTIONS)
                .where(col("SUBSCRIPTION_EXTERNAL_ID").equalTo("S")).count());
    }

    @Test
    void mergedCustomersShareTheirSubscriptions() {
        // m2 is merged into m1: one calculated customer, one subscription renewed at the same price.
        assertEquals(List.of("new_biz 2025-01-01T00:00:00Z 3000 3000"), movements(result, f, "m1"));
        assertEquals(3000L, mrr(result, f, "m1"));
    }
}
