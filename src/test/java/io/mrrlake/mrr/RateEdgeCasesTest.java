package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;

import io.mrrlake.model.Ids;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the rate look-up of docs/MRR.md "Currency" and spec §4: for invoice currency C and
 * account currency A, factor = rate(A) / rate(C) × 10^(e(A) − e(C)), each rate the latest ON OR
 * BEFORE the item's start day in mrr.time_zone and at most mrr.max_rate_age_days (7) old, else the
 * item is a {@code missing_rate} reject; a currency equal to the account currency needs no rate.
 * Rates are per USD. Each case has its own currency or its own month, so no case sees another's rates.
 * One fixture, two runs: USD account in America/New_York, and EUR account in UTC.
 */
class RateEdgeCasesTest {
    static final String AS_OF = "2024-07-31";
    static SourceFixture f;
    /** Account USD, mrr.time_zone America/New_York (cases 1 to 3). */
    static CalculatedResult newYork;
    /** Account EUR, mrr.time_zone UTC (case 4). */
    static CalculatedResult euro;

    @BeforeAll
    static void run() {
        f = new SourceFixture().plan("m", "month", 1)
                // 1. Rates after the start day. Items start at noon UTC: the same date in New York.
                .rate("2024-04-11", "CHF", "0.9")
                .customer("afterOnly").invoice("afterOnly", "a1", "2024-04-10T12:00:00Z", "paid").invoiceCurrency("CHF")
                .item("a", "m", 9000, "2024-04-10T12:00:00Z", "2024-05-10T12:00:00Z")
                .rate("2024-04-05", "EUR", "0.9").rate("2024-04-11", "EUR", "0.8")
                .customer("older").invoice("older", "b1", "2024-04-10T12:00:00Z", "paid").invoiceCurrency("EUR")
                .item("b", "m", 9000, "2024-04-10T12:00:00Z", "2024-05-10T12:00:00Z")
                .customer("onTheDay").invoice("onTheDay", "c1", "2024-04-11T12:00:00Z", "paid").invoiceCurrency("EUR")
                .item("c", "m", 9000, "2024-04-11T12:00:00Z", "2024-05-11T12:00:00Z")
                // 2. Age boundary in New York: 2024-03-05T03:00Z is 2024-03-04 22:00 EST (UTC date 03-05).
                .rate("2024-02-26", "AUD", "1.5")
                .customer("zone7").invoice("zone7", "d1", "2024-03-05T03:00:00Z", "paid").invoiceCurrency("AUD")
                .item("d", "m", 15000, "2024-03-05T03:00:00Z", "2024-04-05T03:00:00Z")
                .rate("2024-02-25", "NZD", "1.6").rate("2024-03-05", "NZD", "1.6")
                .customer("zone8").invoice("zone8", "e1", "2024-03-05T03:00:00Z", "paid").invoiceCurrency("NZD")
                .item("e", "m", 16000, "2024-03-05T03:00:00Z", "2024-04-05T03:00:00Z")
                // 3. Lower-case codes (the source stage upper-cases them; the engine must not depend on it).
                .rate("2024-05-01", "sek", "10")
                .customer("lowerRate").invoice("lowerRate", "g1", "2024-05-02T12:00:00Z", "paid").invoiceCurrency("SEK")
                .item("g", "m", 100000, "2024-05-02T12:00:00Z", "2024-06-02T12:00:00Z")
                .rate("2024-05-01", "DKK", "6.4")
                .customer("lowerInvoice").invoice("lowerInvoice", "h1", "2024-05-02T12:00:00Z", "paid").invoiceCurrency("dkk")
                .item("h", "m", 64000, "2024-05-02T12:00:00Z", "2024-06-02T12:00:00Z")
                .rate("2024-05-01", "nok", "10.5")
                .customer("lowerBoth").invoice("lowerBoth", "i1", "2024-05-02T12:00:00Z", "paid").invoiceCurrency("nok")
                .item("i", "m", 105000, "2024-05-02T12:00:00Z", "2024-06-02T12:00:00Z")
                .customer("lowerUsd").invoice("lowerUsd", "j1", "2024-05-02T12:00:00Z", "paid").invoiceCurrency("usd")
                .item("j", "m", 10000, "2024-05-02T12:00:00Z", "2024-06-02T12:00:00Z")
                // 4. EUR account, GBP invoices. June: the only EUR rate is 8 days old; July: a EUR rate of the day before.
                .rate("2024-06-02", "EUR", "0.9").rate("2024-06-10", "GBP", "0.8")
                .customer("gbpNoEur").invoice("gbpNoEur", "k1", "2024-06-10T12:00:00Z", "paid").invoiceCurrency("GBP")
                .item("k", "m", 8000, "2024-06-10T12:00:00Z", "2024-07-10T12:00:00Z")
                .customer("eurNoEur").invoice("eurNoEur", "l1", "2024-06-10T12:00:00Z", "paid").invoiceCurrency("EUR")
                .item("l", "m", 5000, "2024-06-10T12:00:00Z", "2024-07-10T12:00:00Z")
                .rate("2024-07-08", "GBP", "0.8").rate("2024-07-09", "EUR", "0.9")
                .customer("gbpWithEur").invoice("gbpWithEur", "m1", "2024-07-10T12:00:00Z", "paid").invoiceCurrency("GBP")
                .item("n", "m", 8000, "2024-07-10T12:00:00Z", "2024-08-10T12:00:00Z");
        newYork = calculate(f, Settings.of(s -> s.timeZone = ZoneId.of("America/New_York")), AS_OF);
        euro = calculate(f, Settings.of(s -> s.accountCurrency = "EUR"), AS_OF);
    }

    private static List<String> rows(CalculatedResult r, String customer) {
        return movements(r, f.customerUuid(customer));
    }

    /** "REASON DETAIL" of the rejects of one subscription's items. */
    private static List<String> rejects(CalculatedResult r, String subscription) {
        return r.rejects().where(col("RAW").contains("\"SUBSCRIPTION_EXTERNAL_ID\":\"" + subscription + "\""))
                .select(concat_ws(" ", col("REASON"), col("DETAIL"))).as(Encoders.STRING()).collectAsList();
    }

    /** The missing_rate reject of the first item of {@code invoice}. */
    private static String missingRate(String currency, String day, String invoice) {
        return "missing_rate no rate for " + currency + " on or up to 7 days before " + day
                + " (line item " + Ids.of(Ids.LINE_ITEM, SourceFixture.DS, invoice + "-1") + ")";
    }

    @Test
    void aRateDatedAfterTheStartDayIsNeverUsed() {
        // CHF: the only rate is of 2024-04-11, the day after the start day 2024-04-10: no rate on or before it.
        assertEquals(List.of(), rows(newYork, "afterOnly"));
        assertEquals(List.of(missingRate("CHF", "2024-04-10", "a1")), rejects(newYork, "a"));
        // EUR 0.9 of 2024-04-05 (5 days old) and 0.8 of 2024-04-11: the start day 2024-04-10 takes the older,
        // 9000 / 0.9 × 10^(2 − 2) = 10000 (the newer would give 9000 / 0.8 = 11250).
        assertEquals(List.of("new_biz 2024-04-10T12:00:00Z 10000 10000"), rows(newYork, "older"));
        assertEquals(List.of(), rejects(newYork, "b"));
        // From its own day on the newer rate counts: start 2024-04-11, 9000 / 0.8 = 11250.
        assertEquals(List.of("new_biz 2024-04-11T12:00:00Z 11250 11250"), rows(newYork, "onTheDay"));
    }

    @Test
    void theAgeLimitCountsDaysInTheTimeZone() {
        // Start 2024-03-05T03:00Z = 2024-03-04 22:00 in New York: the start day is 2024-03-04 (UTC: 2024-03-05).
        // AUD 1.5 of 2024-02-26 is exactly 7 days before 2024-03-04 (2024 is a leap year): used,
        // 15000 / 1.5 = 10000. Counted from the UTC date it would be 8 days old and the item rejected.
        assertEquals(List.of("new_biz 2024-03-05T03:00:00Z 10000 10000"), rows(newYork, "zone7"));
        assertEquals(List.of(), rejects(newYork, "d"));
        // NZD 1.6 of 2024-02-25 is 8 days before 2024-03-04: too old. NZD 1.6 of 2024-03-05 is after the local
        // start day (it is the UTC date): not used either, so missing_rate. Taken in UTC, 16000 / 1.6 = 10000.
        assertEquals(List.of(), rows(newYork, "zone8"));
        assertEquals(List.of(missingRate("NZD", "2024-03-04", "e1")), rejects(newYork, "e"));
    }

    @Test
    void currencyCodesMatchWhateverTheirCase() {
        // Rate row "sek" 10, invoice SEK 100000 (SEK 1000.00): 100000 / 10 × 10^(2 − 2) = 10000.
        assertEquals(List.of("new_biz 2024-05-02T12:00:00Z 10000 10000"), rows(newYork, "lowerRate"));
        // Rate row "DKK" 6.4, invoice "dkk" 64000: 64000 / 6.4 = 10000.
        assertEquals(List.of("new_biz 2024-05-02T12:00:00Z 10000 10000"), rows(newYork, "lowerInvoice"));
        // Rate row "nok" 10.5, invoice "nok" 105000: 105000 / 10.5 = 10000.
        assertEquals(List.of("new_biz 2024-05-02T12:00:00Z 10000 10000"), rows(newYork, "lowerBoth"));
        // Invoice "usd" in a USD account: needs no rate (there is none), 10000 as it is.
        assertEquals(List.of("new_biz 2024-05-02T12:00:00Z 10000 10000"), rows(newYork, "lowerUsd"));
        for (String s : List.of("g", "h", "i", "j")) assertEquals(List.of(), rejects(newYork, s), s);
    }

    @Test
    void aNonUsdAccountCurrencyNeedsItsOwnRate() {
        // EUR account, GBP invoice on 2024-06-10: GBP 0.8 of the day, but the only EUR rate (2024-06-02) is
        // 8 days old, so rate(EUR) is missing and the reject names EUR.
        assertEquals(List.of(), rows(euro, "gbpNoEur"));
        assertEquals(List.of(missingRate("EUR", "2024-06-10", "k1")), rejects(euro, "k"));
        // The same day, an EUR invoice in the EUR account needs no rate: 5000 as it is.
        assertEquals(List.of("new_biz 2024-06-10T12:00:00Z 5000 5000"), rows(euro, "eurNoEur"));
        assertEquals(List.of(), rejects(euro, "l"));
        // 2024-07-10: GBP 0.8 (2024-07-08), EUR 0.9 (2024-07-09): 8000 × 0.9 / 0.8 × 10^(2 − 2) = 9000
        // (not 8000 × 0.8 / 0.9 = 7111, nor the USD 8000 / 0.8 = 10000).
        assertEquals(List.of("new_biz 2024-07-10T12:00:00Z 9000 9000"), rows(euro, "gbpWithEur"));
        assertEquals(List.of(), rejects(euro, "n"));
    }
}
