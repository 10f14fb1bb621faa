package io.mrrlake.mrr.ledger;

import static io.mrrlake.mrr.ledger.CustomerLedgerTest.rows;
import static io.mrrlake.mrr.ledger.LedgerFixture.cancel;
import static io.mrrlake.mrr.ledger.LedgerFixture.defaults;
import static io.mrrlake.mrr.ledger.LedgerFixture.item;
import static io.mrrlake.mrr.ledger.LedgerFixture.run;
import static io.mrrlake.mrr.ledger.LedgerFixture.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.mrrlake.config.MrrSettings.ChurnRecognition;
import org.junit.jupiter.api.Test;

/**
 * "A subscription over time": the last service period is the one that started last (not the latest
 * end of any item), a credit renews nothing, and the plan after a change is never a credit's.
 */
class LastPeriodAndCreditsTest {

    /** A year paid on 2024-01-01, then a switch to a monthly price on 2024-03-01 → 2024-04-01. */
    private static List<LedgerFixture.ItemBuilder> yearThenMonth() {
        return List.of(item("a", "gold_yearly", 120000, "2024-01-01", "2025-01-01").interval("year", 1),
                item("a", "silver_monthly", 5000, "2024-03-01", "2024-04-01"));
    }

    private static final List<String> YEAR_THEN_MONTH = List.of("new_biz 2024-01-01T00:00:00Z 10000 10000",
            "contraction 2024-03-01T00:00:00Z -5000 5000");

    @Test
    void endOfServicePeriodDropsAtTheEndOfThePeriodThatStartedLast() {
        // Cancelled 2024-03-15: the last period that started before it is 2024-03-01 → 2024-04-01, so
        // the MRR drops on 2024-04-01 (the yearly item's end, 2025-01-01, is not that period's).
        LedgerResult r = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2024-06-01",
                yearThenMonth(), cancel("a", "2024-03-15"));
        assertEquals(concat(YEAR_THEN_MONTH, "churn 2024-04-01T00:00:00Z -5000 0"), rows(r));
    }

    @Test
    void autoChurnAndPastDueCountFromTheLastPeriodsEnd() {
        // 10 days after 2024-04-01 the as-of has passed the point: churn dated at the period's end.
        assertEquals(concat(YEAR_THEN_MONTH, "churn 2024-04-01T00:00:00Z -5000 0"),
                rows(run(with(s -> s.autoChurn(10)), "2024-06-01", yearThenMonth())));
        // Without auto churn the subscription stays live, past due since 2024-04-01.
        assertEquals(CustomerSummary.Status.PAST_DUE, run(defaults(), "2024-06-01", yearThenMonth()).summary().status());
    }

    @Test
    void aCreditInsideThePaidPeriodDoesNotUndoAnEndOfPeriodCancellation() {
        // Cancelled 2024-03-15 with the month paid to 2024-04-01; a differential credit for 03-15 →
        // 04-01 is round(-2500 × 31/17) = -4559 while still live, then the rest drops at the period's end.
        LedgerResult r = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2024-05-01",
                List.of(item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01"),
                        item("a", "gold_monthly", -2500, "2024-03-15", "2024-04-01").proration(ProrationType.DIFFERENTIAL)),
                cancel("a", "2024-03-15"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000", "contraction 2024-03-15T00:00:00Z -4559 441",
                "churn 2024-04-01T00:00:00Z -441 0"), rows(r));
        // A charge in the same place is a renewal while live: the cancellation has no effect.
        LedgerResult renewed = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2024-05-01",
                List.of(item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01"),
                        item("a", "gold_monthly", 2500, "2024-03-15", "2024-04-01").proration(ProrationType.DIFFERENTIAL)),
                cancel("a", "2024-03-15"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000", "expansion 2024-03-15T00:00:00Z 4559 9559"),
                rows(renewed));
    }

    @Test
    void thePlanAfterAnUpgradeIsTheChargesWhicheverItemSortsLast() {
        // pro → business on 2024-01-16: a charge for business and a credit for pro, both differential.
        // "b_credit" sorts after "a_charge"; the plan after is still business.
        LedgerResult r = run(defaults(), "2024-01-20", List.of(
                item("a", "pro_monthly", 9900, "2024-01-01", "2024-02-01"),
                item("a", "business_monthly", 15432, "2024-01-16", "2024-02-01").id("a_charge").proration(ProrationType.DIFFERENTIAL),
                item("a", "pro_monthly", -5109, "2024-01-16", "2024-02-01").id("b_credit").proration(ProrationType.DIFFERENTIAL)));
        Movement upgrade = r.movements().get(1);
        assertEquals("expansion", upgrade.type().wireName());
        assertEquals("pro_monthly", upgrade.previousPlanExternalId());
        assertEquals("business_monthly", upgrade.planExternalId(), upgrade.description());
        assertEquals("business_monthly", r.subscriptions().get(0).planName());
    }

    private static List<String> concat(List<String> head, String tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.stream.Stream.of(tail)).toList();
    }
}
