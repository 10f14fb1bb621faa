package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.mrrlake.config.MrrSettings;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/LANDING.md "Limits": an item whose largest possible MRR, converted to the account currency,
 * passes 10^16 is a {@code bad_number:amount_in_cents} reject, never a failed run. At 0.000002 JPY
 * per USD (inside the rates' limits) the factor is 1 / 0.000002 × 10^(2 − 0) = 5·10^7. The same
 * holds for a payment's amount, which NET_PAYMENTS converts.
 */
class ConversionLimitTest {
    static final String AS_OF = "2024-03-20";
    static SourceFixture f;
    static CalculatedResult result;

    @BeforeAll
    static void run() {
        f = new SourceFixture().plan("m", "month", 1)
                .rate("2024-03-01", "JPY", "0.000002")
                // ¥10^12 a month is 5·10^19 US cents: past 64 bits (the run failed in the ledger before).
                .customer("huge").invoice("huge", "h1", "2024-03-01", "paid").invoiceCurrency("JPY")
                .item("h", "m", 1_000_000_000_000L, "2024-03-01", "2024-04-01")
                .payment("h1", "2024-03-01", 1_000_000_000_000L)
                .invoice("huge", "h2", "2024-03-01", "paid").item("h_usd", "m", 5000, "2024-03-01", "2024-04-01")
                .payment("h2", "2024-03-01", 5000)
                // Largest MRR ceil(6,574,621 × 30.42) = 199,999,971 yen × 5·10^7 = 9,999,998,550,000,000: within.
                .customer("within").invoice("within", "w1", "2024-03-01", "paid").invoiceCurrency("JPY")
                .item("w", "m", 6_574_621L, "2024-03-01", "2024-04-01")
                // One yen more: ceil(6,574,622 × 30.42) = 200,000,002 × 5·10^7 = 10,000,000,100,000,000: outside.
                .customer("beyond").invoice("beyond", "b1", "2024-03-01", "paid").invoiceCurrency("JPY")
                .item("b", "m", 6_574_622L, "2024-03-01", "2024-04-01");
        result = calculate(f, MrrSettings.defaults(), AS_OF);
    }

    @Test
    void anItemPastSixtyFourBitsOnceConvertedIsRejectedAndItsCustomersOtherItemsCount() {
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000"), movements(result, f.customerUuid("huge")));
        Row reject = result.rejects().where(col("RAW").contains("\"SUBSCRIPTION_EXTERNAL_ID\":\"h\"")).first();
        assertEquals("line_items", reject.getAs("KIND"));
        assertEquals("bad_number:amount_in_cents", reject.getAs("REASON"));
        String detail = reject.getAs("DETAIL");
        // ceil(10^12 × 30.42) × 5·10^7
        assertTrue(detail.contains("could reach 1521000000000000000000 in USD, outside ±9999999999999999"
                + " (converted at 0.000002 JPY and 1 USD per USD of 2024-03-01)"), detail);
    }

    @Test
    void aPaymentPastTheLimitOnceConvertedIsRejectedAndLeftOutOfNetPayments() {
        // 10^12 yen × 5·10^7 = 5·10^19 US cents; the $50.00 payment of the same customer counts.
        assertEquals(5000L, ((Number) customer(result, f.customerUuid("huge")).getAs("NET_PAYMENTS")).longValue());
        Row reject = result.rejectsByKind().get("transactions").first();
        assertEquals("transactions", reject.getAs("KIND"));
        assertEquals("bad_number:amount_in_cents", reject.getAs("REASON"));
        String detail = reject.getAs("DETAIL");
        assertTrue(detail.startsWith("the payment could reach 50000000000000000000 in USD, outside ±9999999999999999"
                + " (converted at 0.000002 JPY and 1 USD per USD of 2024-03-01) (transaction "), detail);
        assertEquals(1, result.rejectsByKind().get("transactions").count());
    }

    @Test
    void theBoundIsTheLargestMrrOfAnyPlanConvertedAndItsEdgeIsExact() {
        // The plan is monthly, so the MRR itself is 6,574,621 × 5·10^7 cents.
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 328731050000000 328731050000000"),
                movements(result, f.customerUuid("within")));
        assertEquals(List.of(), movements(result, f.customerUuid("beyond")));
        assertEquals(List.of("bad_number:amount_in_cents", "bad_number:amount_in_cents"),
                result.rejectsByKind().get("line_items").select("REASON").as(Encoders.STRING()).collectAsList());
    }
}
