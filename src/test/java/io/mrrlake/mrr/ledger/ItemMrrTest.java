package io.mrrlake.mrr.ledger;

import static io.mrrlake.mrr.ledger.LedgerFixture.item;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ItemMrrTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static long mrr(LedgerFixture.ItemBuilder b) {
        return ItemMrr.of(b.build(), UTC);
    }

    @Test
    void annualPlanIsDividedByTwelveAndRoundedHalfAwayFromZero() {
        assertEquals(16667, mrr(item("s", "gold_yearly", 200000, "2024-01-01", "2025-01-01").interval("year", 1)));
    }

    @Test
    void quarterlyPlanIsDividedByThree() {
        assertEquals(9000, mrr(item("s", "quarterly", 27000, "2024-01-01", "2024-04-01").interval("month", 3)));
    }

    @Test
    void dayPlansUseTwelveOver365MonthsPerDay() {
        // 700 × 365 / (7 × 12) = 3041.67
        assertEquals(3042, mrr(item("s", "weekly", 700, "2024-01-01", "2024-01-08").interval("day", 7)));
    }

    @Test
    void proratedItemIsScaledToOneWholeIntervalEndingAtItsEnd() {
        // 2500 × 31 / 16 = 4843.75
        assertEquals(4844, mrr(item("s", "gold_monthly", 2500, "2016-03-16", "2016-04-01")
                .proration(ProrationType.FULL)));
        assertEquals(4844, mrr(item("s", "gold_monthly", 2500, "2016-03-16", "2016-04-01")
                .proration(ProrationType.DIFFERENTIAL)));
    }

    @Test
    void proratedFullIntervalFollowsTheCalendarOfTheTimeZone() {
        // Ends 2016-03-01 03:00 UTC = 2016-02-29 22:00 in New York: the month before it starts on
        // 2016-01-29 22:00 there (31 days), but on 2016-02-01 03:00 in UTC (29 days).
        LedgerItem i = item("s", "m", 2900, "2016-02-15T03:00:00Z", "2016-03-01T03:00:00Z")
                .proration(ProrationType.FULL).build();
        assertEquals(31L * 86400, ItemMrr.fullIntervalSeconds(i, ZoneId.of("America/New_York")));
        assertEquals(5993, ItemMrr.of(i, ZoneId.of("America/New_York")), "2900 × 31/15 = 5993.33");
        assertEquals(5607, ItemMrr.of(i, UTC), "2900 × 29/15 = 5606.67");
    }

    @Test
    void differentialMrrAddsNetAsItIs() {
        assertEquals(-1234, mrr(item("s", "gold_yearly", -1234, "2024-01-10", "2024-02-01")
                .interval("year", 1).proration(ProrationType.DIFFERENTIAL_MRR)));
    }

    @Test
    void negativeHalvesRoundAwayFromZero() {
        assertEquals(-2, mrr(item("s", "q", -6, "2024-01-01", "2024-05-01").interval("month", 4)));
        assertEquals(2, mrr(item("s", "q", 6, "2024-01-01", "2024-05-01").interval("month", 4)));
    }

    @Test
    void trialItemsHaveNoMrr() {
        assertEquals(0, mrr(item("s", "gold_monthly", 5000, "2024-01-01", "2024-02-01").trial()));
    }
}
