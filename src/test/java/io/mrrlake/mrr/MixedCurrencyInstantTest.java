package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Items of one subscription in two currencies at one instant, in a JPY account (docs/MRR.md rule 11):
 * summed in the last item's currency, each other item converted into it at that instant's rates. An
 * item in the account currency carries rates of 1 (it needs none), which the conversion between the
 * two items read as a rate per USD: $100.00 + ¥4,350 came out as ¥4,450 or ¥645,250 by item order.
 */
class MixedCurrencyInstantTest {
    static final String AS_OF = "2024-06-30";
    static SourceFixture f;
    static CalculatedResult result;

    @BeforeAll
    static void run() {
        // JPY account, items of two currencies at one instant (docs/MRR.md rule 11): JPY 145, EUR 0.9, GBP 0.8 per USD.
        f = new SourceFixture().plan("m", "month", 1)
                .rate("2024-01-01", "JPY", "145").rate("2024-01-01", "EUR", "0.9").rate("2024-01-01", "GBP", "0.8")
                .customer("usdThenYen").invoice("usdThenYen", "p1", "2024-01-01", "paid")
                .item("p", "m", 10000, "2024-01-01", "2024-02-01")
                .invoice("usdThenYen", "p2", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("p", "m", 4350, "2024-01-01", "2024-02-01")
                .customer("yenThenUsd").invoice("yenThenUsd", "q1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("q", "m", 4350, "2024-01-01", "2024-02-01")
                .invoice("yenThenUsd", "q2", "2024-01-01", "paid").item("q", "m", 10000, "2024-01-01", "2024-02-01")
                .customer("eurGbp").invoice("eurGbp", "r1", "2024-01-01", "paid").invoiceCurrency("EUR")
                .item("r", "m", 9000, "2024-01-01", "2024-02-01")
                .invoice("eurGbp", "r2", "2024-01-01", "paid").invoiceCurrency("GBP")
                .item("r", "m", 8000, "2024-01-01", "2024-02-01")
                .rate("2024-01-15", "JPY", "145")
                .customer("yenPlusUsdSeat").invoice("yenPlusUsdSeat", "s1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("s", "m", 4350, "2024-01-01", "2024-02-01")
                .invoice("yenPlusUsdSeat", "s2", "2024-01-16", "paid").item("s", "m", 1000, "2024-01-16", "2024-02-01")
                .prorated("differential_mrr");
        result = calculate(f, Settings.of(s -> s.accountCurrency = "JPY"), AS_OF);
    }

    private static List<String> fxImpacts(CalculatedResult r, SourceFixture f, String customer) {
        return EngineTestSupport.fxImpacts(r, f.customerUuid(customer));
    }

    @Test
    void jpyAccountUsdAndYenItemsAtOneInstant() {
        // $100.00 + ¥4,350 at 145: 10000 × 145 / 100 + 4350 = 14500 + 4350 = ¥18,850, whichever item is last.
        // Before the fix, SubscriptionTimeline.mrrIn read the rates of 1 an account-currency item carries as
        // rates per USD: yen last, $100.00 became ¥100 (4450); dollar last, ¥4,350 became $4,350.00 (¥645,250).
        org.junit.jupiter.api.Assertions.assertAll(
                () -> assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 18850 18850"), movements(result, f, "usdThenYen")),
                () -> assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 18850 18850"), movements(result, f, "yenThenUsd")));
    }

    @Test
    void jpyAccountEurAndGbpItemsAtOneInstant() {
        // Control, neither is the account currency: €90.00 = $100.00, £80.00 = $100.00: ¥29,000.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 29000 29000"), movements(result, f, "eurGbp"));
    }

    @Test
    void jpyAccountUsdDifferentialOnAYenSubscription() {
        // Live ¥4,350 = $30.00 at 145; + $10.00 differential_mrr: $40.00 = ¥5,800; expansion 1450 (currency switch:
        // the whole difference is the movement, docs/MRR.md project rule), no FX.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350", "expansion 2024-01-16T00:00:00Z 1450 5800"),
                movements(result, f, "yenPlusUsdSeat"));
        assertEquals(List.of(), fxImpacts(result, f, "yenPlusUsdSeat"));
    }
}
