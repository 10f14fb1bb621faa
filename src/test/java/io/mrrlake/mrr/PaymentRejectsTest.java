package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.mrrlake.config.MrrSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Successful transactions that NET_PAYMENTS cannot count are rejects of kind transactions, never a
 * silent gap or a failed run (docs/MRR.md "Currency", docs/LANDING.md "Limits"): a payment without a
 * rate of its day, and a payment whose amount passes the amount limit, which only a payment that
 * gives no amount can (it is its invoice's whole total).
 */
class PaymentRejectsTest {
    static final String AS_OF = "2024-03-31";
    /** The total of 1,000 items at the largest amount: what a payment without an amount stands for. */
    static final long HUGE_TOTAL = 99_999_999_999_999_000L;
    static final int HUGE_PAYMENTS = 93;
    static SourceFixture f;
    static CalculatedResult result;

    @BeforeAll
    static void run() {
        f = new SourceFixture().plan("m", "month", 1)
                .rate("2024-03-01", "EUR", "0.9")
                // Paid on the 20th: the last EUR rate is 19 days old, past mrr.max_rate_age_days (7).
                .customer("eur").invoice("eur", "e1", "2024-03-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 9000, "2024-03-01", "2024-04-01")
                .payment("e1", "2024-03-01", 9000)
                .payment("e1", "2024-03-20", 100)
                .customer("huge").invoice("huge", "h1", "2024-03-01", "open")
                .item("h", "m", 100_000, "2024-03-01", "2024-04-01");
        // 93 payments of the huge total add up past 2^63: the invoice's paid flag and the customer's
        // NET_PAYMENTS each summed them and stopped the run.
        for (int i = 0; i < HUGE_PAYMENTS; i++) f.payment("h1", "2024-03-02", HUGE_TOTAL);
        f.payment("h1", "2024-03-03", 4200);
        result = calculate(f, MrrSettings.defaults(), AS_OF);
    }

    private static Dataset<Row> transactionRejects() {
        return result.rejectsByKind().get("transactions");
    }

    @Test
    void aPaymentWithoutARateOfItsDayIsAMissingRateRejectAndTheOthersCount() {
        // 9000 EUR cents at 0.9 per dollar = 10,000 US cents; the 100 of the 20th is not converted.
        assertEquals(10_000L, ((Number) customer(result, f.customerUuid("eur")).getAs("NET_PAYMENTS")).longValue());
        Row reject = transactionRejects().where(col("REASON").equalTo("missing_rate")).first();
        String detail = reject.getAs("DETAIL");
        assertTrue(detail.startsWith("no rate for EUR on or up to 7 days before 2024-03-20 (transaction "), detail);
        assertEquals(1, transactionRejects().where(col("REASON").equalTo("missing_rate")).count());
    }

    @Test
    void paymentsPastTheAmountLimitAreRejectedAndTheRunGoesOn() {
        assertEquals(4200L, ((Number) customer(result, f.customerUuid("huge")).getAs("NET_PAYMENTS")).longValue());
        List<String> details = transactionRejects().where(col("REASON").equalTo("bad_number:amount_in_cents"))
                .select("DETAIL").as(Encoders.STRING()).collectAsList();
        assertEquals(HUGE_PAYMENTS, details.size());
        assertTrue(details.get(0).startsWith("the payment's amount (its invoice's total when it gives none) is "
                + HUGE_TOTAL + ", beyond ±99999999999999 (transaction "), details.get(0));
        // The invoice counts as paid (its payments cover it), so its item's MRR counts from the start.
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 100000 100000"), movements(result, f.customerUuid("huge")));
    }
}
