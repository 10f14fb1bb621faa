package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static io.mrrlake.mrr.EngineTestSupport.mrr;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The currency rule (docs/MRR.md "Currency") through the engine, with hand-computed values: for
 * invoice currency C and account currency A, factor = rate(A) / rate(C) × 10^(e(A) − e(C)); a subscription's change at one
 * instant is summed in C and converted once (movement = round(delta × factor), MRR = round(new ×
 * factor), the remainder is FX impact); endings remove the account-currency MRR as it stands.
 * Rounding is half away from zero (docs/MRR.md). Three runs: USD, JPY (free_plan = churn) and KWD
 * (auto_churn_days = 5) accounts, each with its own fixture. Tagged slow (about two minutes: three
 * engine runs), so `scripts/test --all` runs it; MixedCurrencyInstantTest, the case among them that
 * found a bug, runs in every test run.
 */
@Tag("slow")
class CurrencyScenariosTest {
    static final String AS_OF = "2024-06-30";
    static SourceFixture usd;
    static SourceFixture jpy;
    static SourceFixture kwd;
    static CalculatedResult usdRun;
    static CalculatedResult jpyRun;
    static CalculatedResult kwdRun;

    @BeforeAll
    static void run() {
        usd = new SourceFixture().plan("m", "month", 1).plan("free", "month", 1)
                .rate("2024-01-01", "JPY", "145").rate("2024-02-01", "JPY", "150")
                .rate("2024-01-01", "KWD", "0.307").rate("2024-02-01", "KWD", "0.308")
                .rate("2024-01-01", "BHD", "0.376")
                .rate("2024-01-01", "CLF", "0.025")
                .rate("2024-01-01", "EUR", "0.8").rate("2024-02-01", "EUR", "0.9").rate("2024-03-01", "EUR", "0.75")
                .rate("2024-01-01", "GBP", "0.8").rate("2024-02-01", "GBP", "0.8")
                // U1 the spec's ¥4,350; payment at 145, refund ¥1,450 at 150
                .customer("jpy").invoice("jpy", "j1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("j", "m", 4350, "2024-01-01", "2024-02-01")
                .payment("j1", "2024-01-01", 4350).transaction("j1", "2024-02-01", "refund", "successful", 1450)
                // U2 KWD (3), then an upgrade at a changed rate
                .customer("kwd").invoice("kwd", "k1", "2024-01-01", "paid").invoiceCurrency("KWD")
                .item("k", "m", 30700, "2024-01-01", "2024-02-01").payment("k1", "2024-01-01", 30700)
                .invoice("kwd", "k2", "2024-02-01", "paid").invoiceCurrency("KWD")
                .item("k", "m", 61400, "2024-02-01", "2024-03-01")
                // U3 BHD (3)
                .customer("bhd").invoice("bhd", "b1", "2024-01-01", "paid").invoiceCurrency("BHD")
                .item("b", "m", 12345, "2024-01-01", "2024-02-01").payment("b1", "2024-01-01", 12345)
                // U4 CLF (4)
                .customer("clf").invoice("clf", "c1", "2024-01-01", "paid").invoiceCurrency("CLF")
                .item("c", "m", 12345, "2024-01-01", "2024-02-01").payment("c1", "2024-01-01", 12345)
                // U5 EUR: renewal at a new rate, upgrade at another, cancellation
                .customer("eur").invoice("eur", "e1", "2024-01-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 10000, "2024-01-01", "2024-02-01")
                .invoice("eur", "e2", "2024-02-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 10000, "2024-02-01", "2024-03-01")
                .invoice("eur", "e3", "2024-03-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 15000, "2024-03-01", "2024-04-01")
                .cancel("eur", "e", "2024-03-20")
                // U6 exactly .5: GBP 10002 / 0.8 = 12502.5; down by 2: −2.5; payment and refund the same
                .customer("gbp").invoice("gbp", "g1", "2024-01-01", "paid").invoiceCurrency("GBP")
                .item("g", "m", 10002, "2024-01-01", "2024-02-01")
                .payment("g1", "2024-01-01", 10002).transaction("g1", "2024-02-01", "refund", "successful", 2)
                .invoice("gbp", "g2", "2024-02-01", "paid").invoiceCurrency("GBP")
                .item("g", "m", 10000, "2024-02-01", "2024-03-01")
                // U7 two items of one subscription at one instant: summed, converted once
                .customer("eurSum").invoice("eurSum", "s1", "2024-02-01", "paid").invoiceCurrency("EUR")
                .item("s", "m", 5000, "2024-02-01", "2024-03-01").item("s", "m", 5000, "2024-02-01", "2024-03-01")
                // U8 the same amounts at two instants
                .customer("eurTwo").invoice("eurTwo", "t1", "2024-02-01", "paid").invoiceCurrency("EUR")
                .item("t", "m", 5000, "2024-02-01", "2024-03-01")
                .invoice("eurTwo", "t2", "2024-02-05", "paid").invoiceCurrency("EUR")
                .item("t", "m", 10000, "2024-02-05", "2024-03-05")
                // U9 free plan under keep_active (the default) at a changed rate
                .customer("jpyFree").invoice("jpyFree", "f1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("f", "m", 4350, "2024-01-01", "2024-02-01")
                .invoice("jpyFree", "f2", "2024-02-01", "paid").invoiceCurrency("JPY")
                .item("f", "free", 0, "2024-02-01", "2024-03-01")
                // U10 renewal at the same price and a new rate, then a cancellation
                .customer("jpyCancel").invoice("jpyCancel", "x1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("x", "m", 4350, "2024-01-01", "2024-02-01")
                .invoice("jpyCancel", "x2", "2024-02-01", "paid").invoiceCurrency("JPY")
                .item("x", "m", 4350, "2024-02-01", "2024-03-01")
                .cancel("jpyCancel", "x", "2024-02-15")
                // U11 account currency, no rates in that month at all
                .customer("usdNoRate").invoice("usdNoRate", "u1", "2024-04-10", "paid")
                .item("u", "m", 1999, "2024-04-10", "2024-05-10").payment("u1", "2024-04-10", 1999)
                // U12 JPY without a rate within 7 days
                .customer("jpyMissing").invoice("jpyMissing", "z1", "2024-04-10", "paid").invoiceCurrency("JPY")
                .item("z", "m", 4350, "2024-04-10", "2024-05-10").payment("z1", "2024-04-10", 4350);
        usdRun = calculate(usd, MrrSettings.defaults(), AS_OF);

        jpy = new SourceFixture().plan("m", "month", 1).plan("free", "month", 1)
                .rate("2024-01-01", "JPY", "145").rate("2024-02-01", "JPY", "150")
                .rate("2024-01-01", "EUR", "0.8").rate("2024-01-01", "KWD", "0.307")
                .customer("usd").invoice("usd", "a1", "2024-01-01", "paid")
                .item("a", "m", 3000, "2024-01-01", "2024-02-01").payment("a1", "2024-01-01", 3000)
                .customer("eur").invoice("eur", "b1", "2024-01-01", "paid").invoiceCurrency("EUR")
                .item("b", "m", 10000, "2024-01-01", "2024-02-01")
                .customer("kwd").invoice("kwd", "c1", "2024-01-01", "paid").invoiceCurrency("KWD")
                .item("c", "m", 30700, "2024-01-01", "2024-02-01").payment("c1", "2024-01-01", 30700)
                .customer("yenNoRate").invoice("yenNoRate", "d1", "2024-05-10", "paid").invoiceCurrency("JPY")
                .item("d", "m", 5000, "2024-05-10", "2024-06-10").payment("d1", "2024-05-10", 5000)
                .customer("usdFree").invoice("usdFree", "e1", "2024-01-01", "paid")
                .item("e", "m", 3000, "2024-01-01", "2024-02-01")
                .invoice("usdFree", "e2", "2024-02-01", "paid").item("e", "free", 0, "2024-02-01", "2024-03-01")
                .customer("usdHalf").invoice("usdHalf", "g1", "2024-01-01", "paid")
                .item("g", "m", 1010, "2024-01-01", "2024-02-01")
                .invoice("usdHalf", "g2", "2024-01-03", "paid").item("g", "m", 1000, "2024-01-03", "2024-02-03")
                .customer("usdRenew").invoice("usdRenew", "h1", "2024-01-01", "paid")
                .item("h", "m", 3000, "2024-01-01", "2024-02-01")
                .invoice("usdRenew", "h2", "2024-02-01", "paid").item("h", "m", 3000, "2024-02-01", "2024-03-01");
        jpyRun = calculate(jpy, Settings.of(s -> {
            s.accountCurrency = "JPY";
            s.freePlan = MrrSettings.FreePlan.CHURN;
        }), AS_OF);

        kwd = new SourceFixture().plan("m", "month", 1)
                .rate("2024-01-01", "KWD", "0.307").rate("2024-02-01", "KWD", "0.308")
                .rate("2024-01-01", "JPY", "145").rate("2024-01-01", "BHD", "0.376")
                .rate("2024-01-01", "EUR", "0.8").rate("2024-02-01", "EUR", "0.9")
                .customer("usd").invoice("usd", "a1", "2024-01-01", "paid")
                .item("a", "m", 10000, "2024-01-01", "2024-02-01").payment("a1", "2024-01-01", 10000)
                .customer("jpy").invoice("jpy", "b1", "2024-01-01", "paid").invoiceCurrency("JPY")
                .item("b", "m", 4350, "2024-01-01", "2024-02-01").payment("b1", "2024-01-01", 4350)
                .customer("kwdNoRate").invoice("kwdNoRate", "c1", "2024-05-10", "paid").invoiceCurrency("KWD")
                .item("c", "m", 12345, "2024-05-10", "2024-06-10").payment("c1", "2024-05-10", 12345)
                .customer("bhd").invoice("bhd", "d1", "2024-01-01", "paid").invoiceCurrency("BHD")
                .item("d", "m", 37600, "2024-01-01", "2024-02-01")
                .customer("eur").invoice("eur", "e1", "2024-01-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 10000, "2024-01-01", "2024-02-01")
                .invoice("eur", "e2", "2024-02-01", "paid").invoiceCurrency("EUR")
                .item("e", "m", 10000, "2024-02-01", "2024-03-01")
                .customer("usdNoKwd").invoice("usdNoKwd", "f1", "2024-05-10", "paid")
                .item("f", "m", 1000, "2024-05-10", "2024-06-10").payment("f1", "2024-05-10", 1000);
        kwdRun = calculate(kwd, Settings.of(s -> {
            s.accountCurrency = "KWD";
            s.autoChurnDays = 5;
        }), AS_OF);

    }

    // ---- helpers ------------------------------------------------------------------------------


    private static List<String> fx(CalculatedResult r, SourceFixture f, String c) {
        return EngineTestSupport.fxImpacts(r, f.customerUuid(c));
    }

    /** MRR_MOVEMENT_IN_INVOICE_CURRENCY and INVOICE_CURRENCY per movement of one customer. */
    private static List<String> invoiceSide(CalculatedResult r, SourceFixture f, String c) {
        return r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).where(col("CUSTOMER_UUID").equalTo(f.customerUuid(c)))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(row -> row.getAs("MRR_MOVEMENT_IN_INVOICE_CURRENCY") + " " + row.getAs("INVOICE_CURRENCY")).toList();
    }

    private static long netPayments(CalculatedResult r, SourceFixture f, String c) {
        return customer(r, f.customerUuid(c)).getAs("NET_PAYMENTS");
    }


    /** "MRR_START NEW_BIZ EXPANSION CONTRACTION CHURN REACTIVATION FX_IMPACT MRR_END CURRENCY" of a month. */
    private static String month(CalculatedResult r, String month) {
        Row m = r.get(OutputDataset.CALCULATED_MRR_MONTHLY).where(col("MONTH").equalTo(month)).collectAsList().get(0);
        return m.getAs("MRR_START") + " " + m.getAs("NEW_BIZ") + " " + m.getAs("EXPANSION") + " " + m.getAs("CONTRACTION")
                + " " + m.getAs("CHURN") + " " + m.getAs("REACTIVATION") + " " + m.getAs("FX_IMPACT") + " "
                + m.getAs("MRR_END") + " " + m.getAs("CURRENCY");
    }

    private static List<String> rejects(CalculatedResult r, String kind, String rawContains) {
        return r.rejects().where(col("KIND").equalTo(kind).and(col("RAW").contains(rawContains)))
                .select(concat_ws(" ", col("REASON"), col("DETAIL"))).as(Encoders.STRING()).collectAsList().stream()
                .map(s -> s.replaceAll(" \\((line item|transaction) [^)]*\\)$", "")).toList();
    }

    // ---- USD account ----------------------------------------------------------------------------

    @Test
    void usdAccountZeroDecimalYen() {
        // round(4350 / 145 × 10^(2 − 0)) = 3000; the invoice side keeps 4350 JPY.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000"), movements(usdRun, usd, "jpy"));
        assertEquals(List.of("4350 JPY"), invoiceSide(usdRun, usd, "jpy"));
        // payment 3000; refund ¥1,450 at 150 on its own day: round(1450 / 150 × 100) = 967; 3000 − 967.
        assertEquals(2033L, netPayments(usdRun, usd, "jpy"));
    }

    @Test
    void usdAccountThreeDecimalKwdUpgradeAtAChangedRate() {
        // 30700 / 0.307 × 10^(2 − 3) = 10000. Upgrade to 61400 at 0.308: movement round(30700 / 0.308 / 10)
        // = round(9967.53) = 9968; MRR round(61400 / 0.308 / 10) = round(19935.06) = 19935; FX 19935 − 10000 − 9968 = −33.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000", "expansion 2024-02-01T00:00:00Z 9968 19935"),
                movements(usdRun, usd, "kwd"));
        assertEquals(List.of("30700 KWD", "30700 KWD"), invoiceSide(usdRun, usd, "kwd"));
        assertEquals(List.of("2024-02-01T00:00:00Z -33"), fx(usdRun, usd, "kwd"));
        assertEquals(10000L, netPayments(usdRun, usd, "kwd"));
    }

    @Test
    void usdAccountBhdAndClf() {
        // BHD: round(12345 / 0.376 / 10) = round(3283.24) = 3283. CLF (4): round(12345 / 0.025 / 100) = 4938.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3283 3283"), movements(usdRun, usd, "bhd"));
        assertEquals(3283L, netPayments(usdRun, usd, "bhd"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4938 4938"), movements(usdRun, usd, "clf"));
        assertEquals(4938L, netPayments(usdRun, usd, "clf"));
    }

    @Test
    void usdAccountEuroRenewalUpgradeCancellation() {
        // 10000 / 0.8 = 12500; renewal at 0.9: 11111, FX −1389, no row; upgrade to 15000 at 0.75:
        // movement round(5000 / 0.75) = 6667, MRR 20000, FX 20000 − 11111 − 6667 = 2222 (in the row's MRR);
        // cancellation: −20000 as it stands, no FX.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 12500 12500", "expansion 2024-03-01T00:00:00Z 6667 20000",
                "churn 2024-03-20T00:00:00Z -20000 0"), movements(usdRun, usd, "eur"));
        assertEquals(List.of("10000 EUR", "5000 EUR", "-15000 EUR"), invoiceSide(usdRun, usd, "eur"));
        assertEquals(List.of("2024-02-01T00:00:00Z -1389", "2024-03-01T00:00:00Z 2222"), fx(usdRun, usd, "eur"));
        Row sub = usdRun.get(OutputDataset.CALCULATED_SUBSCRIPTIONS)
                .where(col("CUSTOMER_UUID").equalTo(usd.customerUuid("eur"))).first();
        assertEquals(20000L, (long) sub.getAs("MRR"));
    }

    @Test
    void usdAccountHalfRoundsAwayFromZeroAlike() {
        // 10002 / 0.8 = 12502.5 → 12503; −2 / 0.8 = −2.5 → −3; MRR 10000 / 0.8 = 12500; FX 12500 − 12503 + 3 = 0.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 12503 12503", "contraction 2024-02-01T00:00:00Z -3 12500"),
                movements(usdRun, usd, "gbp"));
        assertEquals(List.of(), fx(usdRun, usd, "gbp"));
        // payment 12503, refund of 2 at 0.8: −3.
        assertEquals(12500L, netPayments(usdRun, usd, "gbp"));
    }

    @Test
    void usdAccountItemsAtOneInstantSummedFirstVersusTwoInstants() {
        // 5000 + 5000 EUR at 0.9: round(10000 / 0.9) = 11111, not 5556 + 5556 = 11112.
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 11111 11111"), movements(usdRun, usd, "eurSum"));
        assertEquals(List.of("10000 EUR"), invoiceSide(usdRun, usd, "eurSum"));
        assertEquals(List.of(), fx(usdRun, usd, "eurSum"));
        // At two instants: 5556, then delta 5000 → 5556, MRR round(10000 / 0.9) = 11111: FX −1 at an unchanged rate.
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 5556 5556", "expansion 2024-02-05T00:00:00Z 5556 11111"),
                movements(usdRun, usd, "eurTwo"));
        assertEquals(List.of("2024-02-05T00:00:00Z -1"), fx(usdRun, usd, "eurTwo"));
    }

    @Test
    void usdAccountFreePlanKeptActiveIsAChangeAtTheNewFactor() {
        // keep_active: not an ending, so movement round(−4350 / 150 × 100) = −2900, MRR 0, FX 0 − 3000 + 2900 = −100.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000", "contraction 2024-02-01T00:00:00Z -2900 0"),
                movements(usdRun, usd, "jpyFree"));
        assertEquals(List.of("2024-02-01T00:00:00Z -100"), fx(usdRun, usd, "jpyFree"));
    }

    @Test
    void usdAccountRenewalAtANewRateThenCancellation() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 3000 3000", "churn 2024-02-15T00:00:00Z -2900 0"),
                movements(usdRun, usd, "jpyCancel"));
        assertEquals(List.of("2024-02-01T00:00:00Z -100"), fx(usdRun, usd, "jpyCancel"));
        assertEquals(List.of("4350 JPY", "-4350 JPY"), invoiceSide(usdRun, usd, "jpyCancel"));
    }

    @Test
    void usdAccountNeedsNoRateForUsdAndRejectsAStaleYen() {
        assertEquals(List.of("new_biz 2024-04-10T00:00:00Z 1999 1999"), movements(usdRun, usd, "usdNoRate"));
        assertEquals(1999L, netPayments(usdRun, usd, "usdNoRate"));
        assertEquals(List.of(), rejects(usdRun, "line_items", "\"SUBSCRIPTION_EXTERNAL_ID\":\"u\""));
        assertEquals(List.of(), movements(usdRun, usd, "jpyMissing"));
        assertEquals(List.of("missing_rate no rate for JPY on or up to 7 days before 2024-04-10"),
                rejects(usdRun, "line_items", "\"SUBSCRIPTION_EXTERNAL_ID\":\"z\""));
        assertEquals(List.of("missing_rate no rate for JPY on or up to 7 days before 2024-04-10"),
                rejects(usdRun, "transactions", "z1-tx"));
        assertEquals(0L, netPayments(usdRun, usd, "jpyMissing"));
    }

    @Test
    void usdAccountMonthlyRollForwardReconciles() {
        // Jan: 3000 + 10000 + 3283 + 4938 + 12500 + 12503 + 3000 + 3000 = 52224.
        assertEquals("0 52224 0 0 0 0 0 52224 USD", month(usdRun, "2024-01"));
        // Feb: new_biz 11111 + 5556; expansion 9968 + 5556; contraction −3 − 2900; churn −2900;
        // FX −33 − 1389 − 1 − 100 − 100 = −1623; end 76989 (= the customers' MRR).
        assertEquals("52224 16667 15524 -2903 -2900 0 -1623 76989 USD", month(usdRun, "2024-02"));
        assertEquals("76989 0 6667 0 -20000 0 2222 65878 USD", month(usdRun, "2024-03"));
        assertEquals("65878 1999 0 0 0 0 0 67877 USD", month(usdRun, "2024-04"));
        long sum = 0;
        for (String c : List.of("jpy", "kwd", "bhd", "clf", "eur", "gbp", "eurSum", "eurTwo", "jpyFree", "jpyCancel",
                "usdNoRate")) {
            sum += mrr(usdRun, usd, c);
        }
        assertEquals(67877L, sum);
    }

    // ---- JPY account ----------------------------------------------------------------------------

    @Test
    void jpyAccountConvertsUsdEurKwd() {
        // $30.00: round(3000 × 145 / 1 × 10^(0 − 2)) = 4350 (not 435000).
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350"), movements(jpyRun, jpy, "usd"));
        assertEquals(4350L, netPayments(jpyRun, jpy, "usd"));
        // €100.00: 10000 × 145 / 0.8 × 10^(0 − 2) = 18125.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 18125 18125"), movements(jpyRun, jpy, "eur"));
        // KWD 30.700: 30700 × 145 / 0.307 × 10^(0 − 3) = 14500.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 14500 14500"), movements(jpyRun, jpy, "kwd"));
        assertEquals(14500L, netPayments(jpyRun, jpy, "kwd"));
    }

    @Test
    void jpyAccountYenNeedsNoRate() {
        assertEquals(List.of("new_biz 2024-05-10T00:00:00Z 5000 5000"), movements(jpyRun, jpy, "yenNoRate"));
        assertEquals(5000L, netPayments(jpyRun, jpy, "yenNoRate"));
        assertEquals(List.of(), rejects(jpyRun, "line_items", "\"SUBSCRIPTION_EXTERNAL_ID\":\"d\""));
    }

    @Test
    void jpyAccountFreePlanUnderChurnRemovesTheMrrAsItStands() {
        // 4350 at 145; the free plan on 2024-02-01 (150): −4350, not −4500, and no FX.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350", "churn 2024-02-01T00:00:00Z -4350 0"),
                movements(jpyRun, jpy, "usdFree"));
        assertEquals(List.of(), fx(jpyRun, jpy, "usdFree"));
    }

    @Test
    void jpyAccountHalfAndRenewal() {
        // 1010 × 1.45 = 1464.5 → 1465; −10 × 1.45 = −14.5 → −15; MRR 1450; FX 0.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1465 1465", "contraction 2024-01-03T00:00:00Z -15 1450"),
                movements(jpyRun, jpy, "usdHalf"));
        assertEquals(List.of(), fx(jpyRun, jpy, "usdHalf"));
        // $30.00 renewed at 150: 4500, FX +150, no row.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 4350 4350"), movements(jpyRun, jpy, "usdRenew"));
        assertEquals(List.of("2024-02-01T00:00:00Z 150"), fx(jpyRun, jpy, "usdRenew"));
        assertEquals(4500L, mrr(jpyRun, jpy, "usdRenew"));
    }

    @Test
    void jpyAccountMonthly() {
        // Jan new_biz 4350 + 18125 + 14500 + 4350 + 1465 + 4350 = 47140, contraction −15.
        assertEquals("0 47140 0 -15 0 0 0 47125 JPY", month(jpyRun, "2024-01"));
        assertEquals("47125 0 0 0 -4350 0 150 42925 JPY", month(jpyRun, "2024-02"));
        assertEquals("42925 5000 0 0 0 0 0 47925 JPY", month(jpyRun, "2024-05"));
    }

    // ---- KWD account ----------------------------------------------------------------------------

    @Test
    void kwdAccountConvertsUsdJpyBhd() {
        // $100.00: 10000 × 0.307 × 10^(3 − 2) = 30700; then auto churn at the period end, as it stands.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 30700 30700", "churn 2024-02-01T00:00:00Z -30700 0"),
                movements(kwdRun, kwd, "usd"));
        assertEquals(30700L, netPayments(kwdRun, kwd, "usd"));
        // ¥4,350: 4350 × 0.307 / 145 × 10^(3 − 0) = 9210.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9210 9210", "churn 2024-02-01T00:00:00Z -9210 0"),
                movements(kwdRun, kwd, "jpy"));
        assertEquals(9210L, netPayments(kwdRun, kwd, "jpy"));
        // BHD 37.600: 37600 × 0.307 / 0.376 × 10^0 = 30700.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 30700 30700", "churn 2024-02-01T00:00:00Z -30700 0"),
                movements(kwdRun, kwd, "bhd"));
    }

    @Test
    void kwdAccountAutoChurnRemovesTheMrrAsItStands() {
        // 10000 × 0.307 / 0.8 × 10 = 38375; renewal: 10000 × 0.308 / 0.9 × 10 = 34222.2 → 34222, FX −4153;
        // auto churn at 2024-03-01: −34222, no FX.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 38375 38375", "churn 2024-03-01T00:00:00Z -34222 0"),
                movements(kwdRun, kwd, "eur"));
        assertEquals(List.of("2024-02-01T00:00:00Z -4153"), fx(kwdRun, kwd, "eur"));
    }

    @Test
    void kwdAccountOwnCurrencyNeedsNoRateButUsdNeedsKwd() {
        assertEquals(List.of("new_biz 2024-05-10T00:00:00Z 12345 12345", "churn 2024-06-10T00:00:00Z -12345 0"),
                movements(kwdRun, kwd, "kwdNoRate"));
        assertEquals(12345L, netPayments(kwdRun, kwd, "kwdNoRate"));
        assertEquals(List.of(), movements(kwdRun, kwd, "usdNoKwd"));
        assertEquals(List.of("missing_rate no rate for KWD on or up to 7 days before 2024-05-10"),
                rejects(kwdRun, "line_items", "\"SUBSCRIPTION_EXTERNAL_ID\":\"f\""));
        assertEquals(List.of("missing_rate no rate for KWD on or up to 7 days before 2024-05-10"),
                rejects(kwdRun, "transactions", "f1-tx"));
    }

    @Test
    void kwdAccountMonthly() {
        assertEquals("0 108985 0 0 0 0 0 108985 KWD", month(kwdRun, "2024-01"));
        assertEquals("108985 0 0 0 -70610 0 -4153 34222 KWD", month(kwdRun, "2024-02"));
        assertEquals("34222 0 0 0 -34222 0 0 0 KWD", month(kwdRun, "2024-03"));
        assertEquals("0 12345 0 0 0 0 0 12345 KWD", month(kwdRun, "2024-05"));
        assertEquals("12345 0 0 0 -12345 0 0 0 KWD", month(kwdRun, "2024-06"));
    }
}
