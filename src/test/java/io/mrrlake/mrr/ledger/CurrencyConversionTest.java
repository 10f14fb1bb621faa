package io.mrrlake.mrr.ledger;

import static io.mrrlake.mrr.ledger.CustomerLedgerTest.rows;
import static io.mrrlake.mrr.ledger.LedgerFixture.cancel;
import static io.mrrlake.mrr.ledger.LedgerFixture.defaults;
import static io.mrrlake.mrr.ledger.LedgerFixture.item;
import static io.mrrlake.mrr.ledger.LedgerFixture.run;
import static io.mrrlake.mrr.ledger.LedgerFixture.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Section 4: factor = rate(account) / rate(invoice) × 10^(e(account) − e(invoice)), with e the
 * ISO 4217 minor-unit exponent, and a subscription's change at one instant converted once.
 * Rates are per USD, as in the currency_rates landing kind.
 */
class CurrencyConversionTest {

    @Test
    void workedExampleTenAZeroDecimalInvoiceCurrencyInAUsdAccount() {
        // ¥4,350 at 145 JPY per USD: round(4350 / 145 × 10^(2 − 0)) = 3000 US cents.
        LedgerResult r = run(defaults(), "2024-01-15", List.of(
                item("a", "silver_monthly", 4350, "2024-01-01", "2024-02-01").currency("JPY", "1", "145")));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000"), rows(r));
        assertEquals(4350L, r.movements().get(0).mrrMovementInInvoiceCurrency());
        assertEquals(3000, r.summary().mrr());
    }

    @Test
    void aUsdCustomerInAZeroDecimalAccount() {
        // $30.00 at 145 JPY per USD: round(3000 × 145 × 10^(0 − 2)) = ¥4,350, not ¥435,000.
        LedgerResult r = run(with(s -> s.account("JPY")), "2024-01-15", List.of(
                item("a", "silver_monthly", 3000, "2024-01-01", "2024-02-01").currency("USD", "145", "1")));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350"), rows(r));
        assertEquals(3000L, r.movements().get(0).mrrMovementInInvoiceCurrency());
    }

    @Test
    void aThreeDecimalInvoiceCurrency() {
        // KWD 30.700 (30700 fils) at 0.307 KWD per USD is $100.00; in a JPY account at 145 it is ¥14,500.
        List<LedgerFixture.ItemBuilder> kwd = List.of(
                item("a", "silver_monthly", 30700, "2024-01-01", "2024-02-01").currency("KWD", "1", "0.307"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), rows(run(defaults(), "2024-01-15", kwd)));
        List<LedgerFixture.ItemBuilder> kwdInYen = List.of(
                item("a", "silver_monthly", 30700, "2024-01-01", "2024-02-01").currency("KWD", "145", "0.307"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 14500 14500"),
                rows(run(with(s -> s.account("JPY")), "2024-01-15", kwdInYen)));
    }

    @Test
    void aFourDecimalInvoiceCurrencyThatTheJdkDoesNotKnow() {
        // UYW 12.3450 (123450 ten-thousandths) at 40 UYW per USD: round(123450 / 40 × 10^(2 − 4)) =
        // round(30.8625) = 31 US cents. UYW is ISO 4217's (four decimals) but in no JDK's currency list.
        List<LedgerFixture.ItemBuilder> uyw = List.of(
                item("a", "silver_monthly", 123450, "2024-01-01", "2024-02-01").currency("UYW", "1", "40"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 31 31"), rows(run(defaults(), "2024-01-15", uyw)));
    }

    @Test
    void itemsOfTwoCurrenciesAtOneInstantAreNeverAddedAsOne() {
        // $100.00 and ¥4,350 at 145 JPY per USD start the subscription together: $130.00, whichever
        // item comes last (before, 10000 + 4350 were added as 14350 of the last one's currency).
        LedgerFixture.ItemBuilder usd = item("a", "gold_monthly", 10000, "2024-01-01", "2024-02-01").id("usd")
                .currency("USD", "1", "1");
        LedgerFixture.ItemBuilder jpy = item("a", "gold_monthly", 4350, "2024-01-01", "2024-02-01").id("jpy")
                .currency("JPY", "1", "145");
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 13000 13000"), rows(run(defaults(), "2024-01-15", List.of(usd, jpy))));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 13000 13000"), rows(run(defaults(), "2024-01-15", List.of(jpy, usd))));
    }

    @Test
    void aDifferentialItemInAnotherCurrencyAddsToTheLiveMrrConverted() {
        // EUR 100.00 at 0.9 EUR per USD is $111.11 live; a USD differential of +$10.00 makes it
        // $121.11: an expansion of 1000 (before, 10000 EUR + 1000 USD made "11000", a contraction of 111).
        LedgerResult r = run(defaults(), "2024-01-20", List.of(
                item("a", "gold_monthly", 10000, "2024-01-01", "2024-02-01").currency("EUR", "1", "0.9"),
                item("a", "gold_monthly", 1000, "2024-01-16", "2024-02-01").id("seat")
                        .proration(ProrationType.DIFFERENTIAL_MRR).currency("USD", "1", "1")));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 11111 11111", "expansion 2024-01-16T00:00:00Z 1000 12111"), rows(r));
        assertEquals(12111, r.summary().mrr());
    }

    @Test
    void exchangeRateImpactAndCancellationKeepTheMinorUnits() {
        // ¥4,350 at 145, then the renewal at 150: 2900 cents, −100 of exchange-rate impact; the
        // cancellation removes the 2900 as it stands.
        LedgerResult r = run(defaults(), "2024-03-10", List.of(
                item("a", "silver_monthly", 4350, "2024-01-01", "2024-02-01").currency("JPY", "1", "145"),
                item("a", "silver_monthly", 4350, "2024-02-01", "2024-03-01").currency("JPY", "1", "150")),
                cancel("a", "2024-02-20"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000", "churn 2024-02-20T00:00:00Z -2900 0"), rows(r));
        assertEquals(List.of(-100L), r.fxImpacts().stream().map(FxImpact::amount).toList());
        assertEquals(-4350L, r.movements().get(1).mrrMovementInInvoiceCurrency());
    }

    @Test
    void twoProratedItemsOfOneSubscriptionAtOneInstantAreSummedThenConvertedOnce() {
        // 16 of January's 31 days: each item's MRR is round(2580 × 31/16) = 4999 EUR cents. At
        // 0.9 EUR per USD one item converts to 5554.4 → 5554, two separately to 11108; the sum
        // 9998 converts once to round(11108.9) = 11109.
        LedgerResult r = run(defaults(), "2024-01-20", List.of(
                item("a", "gold_monthly", 10000, "2024-01-01", "2024-02-01").currency("EUR", "1", "0.9"),
                item("a", "gold_monthly", 2580, "2024-01-16", "2024-02-01").id("seat1")
                        .proration(ProrationType.DIFFERENTIAL).currency("EUR", "1", "0.9"),
                item("a", "gold_monthly", 2580, "2024-01-16", "2024-02-01").id("seat2")
                        .proration(ProrationType.DIFFERENTIAL).currency("EUR", "1", "0.9")));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 11111 11111",
                "expansion 2024-01-16T00:00:00Z 11109 22220"), rows(r));
        assertEquals(9998L, r.movements().get(1).mrrMovementInInvoiceCurrency());
        assertEquals(List.of(), r.fxImpacts(), "round(19998 / 0.9) = 22220 = 11111 + 11109");
    }

    @Test
    void theConversionIsExactWithManyRateDigits() {
        // ¥123,456,789 at 151.123456789012 JPY per USD is $816,926.714245…: 81692671 cents, rounded once.
        assertEquals(81692671L, Money.convert(123456789, BigDecimal.ONE, new BigDecimal("151.123456789012"), 2));
        // ¥1 at 1.0005 KWD per yen is 1000.5 fils: rounded half away from zero, either sign.
        assertEquals(1001L, Money.convert(1, new BigDecimal("1.0005"), BigDecimal.ONE, 3));
        assertEquals(-1001L, Money.convert(-1, new BigDecimal("1.0005"), BigDecimal.ONE, 3));
    }

    @Test
    void aConversionBeyondSixtyFourBitsFailsNamingTheCustomerAndSubscription() {
        // Rates inside the landing limits (docs/LANDING.md), near opposite ends: a factor of about
        // 4.5·10^16 with the yen's exponent, and a million yen a month no longer fits in 64 bits.
        List<LedgerFixture.ItemBuilder> extreme = List.of(
                item("sub_extreme", "gold_monthly", 10_000_000, "2024-01-01", "2024-02-01").currency("JPY", "900000000", "0.000002"));
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                () -> run(defaults(), "2024-01-15", extreme));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("customer " + LedgerFixture.CUSTOMER)
                && e.getMessage().contains("subscription ") && e.getMessage().contains("sub_extreme"), e.getMessage());
    }

    @Test
    void aGroupAcrossAMonthEndBooksEachChangesExchangeRateImpactInItsOwnMonth() {
        // EUR 90.00 live at 0.9 EUR per USD ($100.00). A USD subscription starts at 23:30 on 31 January;
        // the EUR one renews at 00:10 on 1 February at 0.8 ($112.50), inside the same 60-minute group.
        // The renewal is exchange-rate impact alone (+1250), booked in February, so the January row's
        // MRR is 10000 + 5000, not 16250 (before, the group's whole impact came before its first row);
        // a February row of the same group (00:20, +2000) comes after it: 15000 + 1250 + 2000.
        LedgerResult r = run(defaults(), "2024-02-15", List.of(
                item("eur", "gold_monthly", 9000, "2024-01-01T00:10:00Z", "2024-02-01T00:10:00Z").currency("EUR", "1", "0.9"),
                item("eur", "gold_monthly", 9000, "2024-02-01T00:10:00Z", "2024-03-01T00:10:00Z").currency("EUR", "1", "0.8"),
                item("usd", "silver_monthly", 5000, "2024-01-31T23:30:00Z", "2024-02-29T23:30:00Z"),
                item("addon", "silver_monthly", 2000, "2024-02-01T00:20:00Z", "2024-03-01T00:20:00Z")));
        assertEquals(List.of("new_biz 2024-01-01T00:10:00Z 10000 10000", "expansion 2024-01-31T23:30:00Z 5000 15000",
                "expansion 2024-02-01T00:20:00Z 2000 18250"), rows(r));
        assertEquals(List.of("2024-02-01T00:10:00Z 1250"),
                r.fxImpacts().stream().map(f -> f.date() + " " + f.amount()).toList());
        assertEquals(18250, r.summary().mrr());
    }
}
