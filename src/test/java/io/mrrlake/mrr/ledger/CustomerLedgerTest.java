package io.mrrlake.mrr.ledger;

import static io.mrrlake.mrr.ledger.LedgerFixture.cancel;
import static io.mrrlake.mrr.ledger.LedgerFixture.defaults;
import static io.mrrlake.mrr.ledger.LedgerFixture.event;
import static io.mrrlake.mrr.ledger.LedgerFixture.item;
import static io.mrrlake.mrr.ledger.LedgerFixture.run;
import static io.mrrlake.mrr.ledger.LedgerFixture.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.mrrlake.config.MrrSettings.ChurnRecognition;
import io.mrrlake.config.MrrSettings.FreePlan;
import io.mrrlake.config.MrrSettings.NewSubscriberInvoice;
import io.mrrlake.model.Ids;
import org.junit.jupiter.api.Test;

class CustomerLedgerTest {

    /** "type date movement mrr" per row, compact enough to read in a failure message. */
    static List<String> rows(LedgerResult r) {
        return r.movements().stream()
                .map(m -> m.type().wireName() + " " + m.date() + " " + m.mrrMovement() + " " + m.mrr())
                .toList();
    }

    private static LedgerFixture.ItemBuilder yearly() {
        return item("gold", "gold_yearly", 200000, "2024-01-01", "2025-01-01").interval("year", 1);
    }

    private static LedgerFixture.ItemBuilder silver() {
        return item("silver", "silver_monthly", 6000, "2024-02-10", "2024-03-10");
    }

    @Test
    void workedExamplesOneToFive() {
        LedgerResult r = run(defaults(), "2025-03-15",
                List.of(yearly(), silver(),
                        item("comeback", "gold_monthly", 15000, "2025-03-01", "2025-04-01")),
                cancel("silver", "2024-02-20"), cancel("gold", "2024-12-31"));
        assertEquals(List.of(
                "new_biz 2024-01-01T00:00:00Z 16667 16667",
                "expansion 2024-02-10T00:00:00Z 6000 22667",
                "contraction 2024-02-20T00:00:00Z -6000 16667",
                "churn 2024-12-31T00:00:00Z -16667 0",
                "reactivation 2025-03-01T00:00:00Z 15000 15000"), rows(r));
        assertEquals(15000, r.summary().mrr());
        assertEquals(LedgerFixture.t("2024-01-01"), r.summary().subscriberSince());
        assertEquals(CustomerSummary.Status.ACTIVE, r.summary().status());
        assertEquals("gold_yearly|silver_monthly|gold_monthly", r.summary().planNames());
        assertEquals("1 year|1 month", r.summary().billingCycles());
        assertEquals("purchased the gold_yearly plan", r.movements().get(0).description());
        assertEquals("cancelled the gold_yearly plan", r.movements().get(3).description());
        assertEquals("reactivated an old account with gold_monthly plan", r.movements().get(4).description());
    }

    @Test
    void endOfServicePeriodChurnIsDatedAtTheEndOfThePaidPeriod() {
        LedgerResult r = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2025-02-01",
                List.of(yearly()), cancel("gold", "2024-12-31"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 16667 16667", "churn 2025-01-01T00:00:00Z -16667 0"), rows(r));
        assertEquals(CustomerSummary.Status.CANCELLED, r.summary().status());
    }

    @Test
    void endOfServicePeriodChurnAfterTheAsOfIsNotYetApplied() {
        LedgerResult r = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2024-12-31T12:00:00Z",
                List.of(yearly()), cancel("gold", "2024-12-31"));
        assertEquals(1, r.movements().size());
        assertEquals(16667, r.summary().mrr());
    }

    @Test
    void endOfServicePeriodCancellationIsVoidWhenAnItemStartsInsideThePaidPeriod() {
        LedgerResult r = run(with(s -> s.churn(ChurnRecognition.END_OF_SERVICE_PERIOD)), "2024-04-01",
                List.of(item("m", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                        item("m", "gold_monthly", 5000, "2024-01-20", "2024-02-20")),
                cancel("m", "2024-01-15"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), rows(r));
    }

    @Test
    void groupingJoinsChangesWithinTheWindowOfTheFirst() {
        List<LedgerFixture.ItemBuilder> within = List.of(
                item("a", "silver_monthly", 6000, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z"),
                item("b", "gold_monthly", 15000, "2024-05-01T10:40:00Z", "2024-06-01T10:40:00Z"));
        assertEquals(List.of("new_biz 2024-05-01T10:00:00Z 6000 6000", "new_biz 2024-05-01T10:40:00Z 15000 21000"),
                rows(run(defaults(), "2024-05-10", within)));
        List<LedgerFixture.ItemBuilder> apart = List.of(
                item("a", "silver_monthly", 6000, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z"),
                item("b", "gold_monthly", 15000, "2024-05-01T11:30:00Z", "2024-06-01T11:30:00Z"));
        assertEquals(List.of("new_biz 2024-05-01T10:00:00Z 6000 6000", "expansion 2024-05-01T11:30:00Z 15000 21000"),
                rows(run(defaults(), "2024-05-10", apart)));
    }

    @Test
    void groupingWindowIsInclusiveAndCrossesTheMonthEnd() {
        List<LedgerFixture.ItemBuilder> exactlySixty = List.of(
                item("a", "s", 6000, "2024-05-01T10:00:00Z", "2024-06-01T10:00:00Z"),
                item("b", "g", 15000, "2024-05-01T11:00:00Z", "2024-06-01T11:00:00Z"));
        assertEquals("new_biz", run(defaults(), "2024-05-10", exactlySixty).movements().get(1).type().wireName());
        List<LedgerFixture.ItemBuilder> acrossMonthEnd = List.of(
                item("a", "s", 6000, "2024-05-31T23:50:00Z", "2024-06-30T23:50:00Z"),
                item("b", "g", 15000, "2024-06-01T00:10:00Z", "2024-07-01T00:10:00Z"));
        // docs/MRR.md "Movements": every later change within the window of the group's first change, so
        // 23:50 and 00:10 of the next month are one group: both rows new_biz, each dated at its own change.
        assertEquals("new_biz", run(defaults(), "2024-06-10", acrossMonthEnd).movements().get(1).type().wireName());
    }

    @Test
    void groupingOffMakesEveryChangeItsOwnGroupAndRanksSameInstantRows() {
        List<LedgerFixture.ItemBuilder> sameInstant = List.of(
                item("a", "silver_monthly", 6000, "2024-05-01", "2024-06-01"),
                item("b", "gold_monthly", 15000, "2024-05-01", "2024-06-01"));
        LedgerResult off = run(with(s -> s.grouping(0)), "2024-05-10", sameInstant);
        assertEquals(List.of("new_biz 2024-05-01T00:00:00Z 6000 6000", "expansion 2024-05-01T00:00:00Z 15000 21000"),
                rows(off));
        assertEquals(List.of(1, 2), off.movements().stream().map(Movement::rank).toList());
        LedgerResult on = run(defaults(), "2024-05-10", sameInstant);
        assertEquals(List.of("new_biz", "new_biz"), on.movements().stream().map(m -> m.type().wireName()).toList());
        assertEquals(List.of(1, 2), on.movements().stream().map(Movement::rank).toList());
    }

    @Test
    void unpaidFirstInvoiceMakesNoMrrUntilPaidUnlessIssuedCounts() {
        List<LedgerFixture.ItemBuilder> unpaid = List.of(item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01").unpaid());
        LedgerResult r = run(defaults(), "2024-01-15", unpaid);
        assertEquals(List.of(), rows(r));
        assertNull(r.summary().status(), "a lead");
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"),
                rows(run(with(s -> s.newSubscriber(NewSubscriberInvoice.ISSUED)), "2024-01-15", unpaid)));
    }

    @Test
    void laterItemsOfALiveSubscriptionCountWhenIssued() {
        LedgerResult r = run(defaults(), "2024-02-15", List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 8000, "2024-02-01", "2024-03-01").unpaid()));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-02-01T00:00:00Z 3000 8000"), rows(r));
        assertEquals("upgraded the gold_monthly plan", r.movements().get(1).description());
    }

    @Test
    void aPaidRenewalAfterAnUnpaidFirstInvoiceStartsTheSubscription() {
        LedgerResult r = run(defaults(), "2024-02-15", List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01").unpaid(),
                item("a", "gold_monthly", 5000, "2024-02-01", "2024-03-01")));
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 5000 5000"), rows(r));
    }

    @Test
    void setItemsAtOneStartAddUpAndSamePriceRenewalIsNoChange() {
        LedgerResult r = run(defaults(), "2024-02-15", List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01").id("x1").quantity(2),
                item("a", "gold_monthly", 3000, "2024-01-01", "2024-02-01").id("x2").quantity(1),
                item("a", "gold_monthly", 8000, "2024-02-01", "2024-03-01").quantity(3)));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 8000 8000"), rows(r));
        assertEquals(3, r.movements().get(0).quantity());
        assertEquals(1, r.intervals().size(), "same MRR, same quantity and plan: one interval");
    }

    @Test
    void differentialItemAddsToTheRunningMrr() {
        LedgerResult r = run(defaults(), "2016-03-20", List.of(
                item("a", "gold_monthly", 5000, "2016-03-01", "2016-04-01"),
                item("a", "gold_monthly", 2500, "2016-03-16", "2016-04-01").proration(ProrationType.DIFFERENTIAL)));
        assertEquals(List.of("new_biz 2016-03-01T00:00:00Z 5000 5000", "expansion 2016-03-16T00:00:00Z 4844 9844"), rows(r));
    }

    @Test
    void differentialMrrAddsItsNet() {
        LedgerResult r = run(defaults(), "2016-03-20", List.of(
                item("a", "gold_monthly", 5000, "2016-03-01", "2016-04-01"),
                item("a", "gold_monthly", -700, "2016-03-16", "2016-04-01").proration(ProrationType.DIFFERENTIAL_MRR)));
        assertEquals(List.of("new_biz 2016-03-01T00:00:00Z 5000 5000", "contraction 2016-03-16T00:00:00Z -700 4300"), rows(r));
    }

    /** Section 3: an unpaid first invoice, then a paid prorated upgrade of a credit and a charge. */
    private static List<LedgerFixture.ItemBuilder> upgradeAfterUnpaidFirstInvoice() {
        // 16 of January's 31 days: round(−5109 × 31/16) = −9899, round(15432 × 31/16) = 29900.
        return List.of(
                item("a", "pro_monthly", 9900, "2024-01-01", "2024-02-01").unpaid(),
                item("a", "pro_monthly", -5109, "2024-01-16", "2024-02-01").id("credit").order(1)
                        .proration(ProrationType.DIFFERENTIAL),
                item("a", "business_monthly", 15432, "2024-01-16", "2024-02-01").id("charge").order(2)
                        .proration(ProrationType.DIFFERENTIAL),
                item("a", "business_monthly", 29900, "2024-02-01", "2024-03-01"));
    }

    @Test
    void aPositiveDifferentialItemStartsASubscriptionThatIsNotLiveAndItsCreditIsDropped() {
        LedgerResult r = run(defaults(), "2024-02-15", upgradeAfterUnpaidFirstInvoice());
        assertEquals(List.of("new_biz 2024-01-16T00:00:00Z 29900 29900"), rows(r),
                "the credit has no MRR to come off, and the renewal at 29900 is no change");
        assertEquals(29900, r.summary().mrr());
        assertEquals(1, r.movements().get(0).quantity());
    }

    @Test
    void aCreditAloneLeavesASubscriptionThatIsNotLiveAsItWas() {
        LedgerResult r = run(defaults(), "2024-02-15", List.of(
                item("a", "pro_monthly", 9900, "2024-01-01", "2024-02-01").unpaid(),
                item("a", "pro_monthly", -5109, "2024-01-16", "2024-02-01").proration(ProrationType.DIFFERENTIAL),
                item("b", "pro_monthly", -700, "2024-01-20", "2024-02-01").proration(ProrationType.DIFFERENTIAL_MRR)));
        assertEquals(List.of(), rows(r));
        assertNull(r.summary().status(), "still a lead");
        assertEquals(List.of(), r.intervals(), "no interval: a credit is not a sign-up");
    }

    @Test
    void aPositiveDifferentialItemStillNeedsAPaidInvoiceToStart() {
        List<LedgerFixture.ItemBuilder> unpaidUpgrade = List.of(
                item("a", "pro_monthly", -5109, "2024-01-16", "2024-02-01").id("credit").unpaid()
                        .proration(ProrationType.DIFFERENTIAL),
                item("a", "business_monthly", 15432, "2024-01-16", "2024-02-01").id("charge").unpaid()
                        .proration(ProrationType.DIFFERENTIAL));
        assertEquals(List.of(), rows(run(defaults(), "2024-01-20", unpaidUpgrade)));
        assertEquals(List.of("new_biz 2024-01-16T00:00:00Z 29900 29900"),
                rows(run(with(s -> s.newSubscriber(NewSubscriberInvoice.ISSUED)), "2024-01-20", unpaidUpgrade)));
    }

    @Test
    void retractedCancellationsAndWithdrawnScheduledCancellationsAreAbsent() {
        List<LedgerFixture.ItemBuilder> items = List.of(yearly());
        assertEquals(1, run(defaults(), "2024-12-31",
                items, event("gold", SubscriptionEvent.Kind.CANCELLED, "2024-06-01", "2024-06-01", true)).movements().size());
        // Cancellation announced on 06-01 for 07-01, withdrawn on 06-15: never takes effect.
        assertEquals(1, run(defaults(), "2024-12-31", items,
                event("gold", SubscriptionEvent.Kind.CANCELLED, "2024-06-01", "2024-07-01", false),
                event("gold", SubscriptionEvent.Kind.SCHEDULED_CANCELLATION_RETRACTED, "2024-06-15", "2024-06-15", false))
                .movements().size());
        // A withdrawal after the effective date is too late.
        assertEquals(2, run(defaults(), "2024-12-31", items,
                event("gold", SubscriptionEvent.Kind.CANCELLED, "2024-06-01", "2024-07-01", false),
                event("gold", SubscriptionEvent.Kind.SCHEDULED_CANCELLATION_RETRACTED, "2024-07-15", "2024-07-15", false))
                .movements().size());
    }

    @Test
    void anItemAfterACancellationRestartsTheSubscriptionWhenPaid() {
        List<LedgerFixture.ItemBuilder> items = List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-01-20T00:00:00Z -5000 0",
                        "reactivation 2024-03-01T00:00:00Z 5000 5000"),
                rows(run(defaults(), "2024-03-10", items, cancel("a", "2024-01-20"))));
        List<LedgerFixture.ItemBuilder> unpaidRestart = List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01").unpaid());
        assertEquals(2, run(defaults(), "2024-03-10", unpaidRestart, cancel("a", "2024-01-20")).movements().size());
    }

    @Test
    void anEndedPeriodWithoutRenewalIsPastDue() {
        LedgerResult r = run(defaults(), "2024-03-10", List.of(item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01")));
        assertEquals(CustomerSummary.Status.PAST_DUE, r.summary().status());
        assertEquals(SubscriptionState.Status.PAST_DUE, r.subscriptions().get(0).status());
        assertEquals(5000, r.summary().mrr());
    }

    @Test
    void anUnpaidLatestInvoiceAfterItsDueDateIsPastDue() {
        List<LedgerFixture.ItemBuilder> items = List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 5000, "2024-02-01", "2024-03-01").unpaid().due("2024-02-08"));
        assertEquals(CustomerSummary.Status.PAST_DUE, run(defaults(), "2024-02-10", items).summary().status());
        assertEquals(CustomerSummary.Status.ACTIVE, run(defaults(), "2024-02-05", items).summary().status());
    }

    @Test
    void autoChurnCancelsAfterNDaysDatedAtTheEndOfThePeriod() {
        List<LedgerFixture.ItemBuilder> items = List.of(item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0"),
                rows(run(with(s -> s.autoChurn(30)), "2024-03-02", items)));
        assertEquals(1, run(with(s -> s.autoChurn(30)), "2024-03-01", items).movements().size(), "30 days not passed");
        assertEquals(1, run(defaults(), "2024-12-01", items).movements().size(), "off by default");
        // A renewal that comes later than N days after the end restarts it.
        List<LedgerFixture.ItemBuilder> late = List.of(items.get(0),
                item("a", "gold_monthly", 5000, "2024-04-01", "2024-05-01"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0",
                "reactivation 2024-04-01T00:00:00Z 5000 5000"), rows(run(with(s -> s.autoChurn(30)), "2024-04-10", late)));
    }

    @Test
    void freePlanKeepActiveStaysLiveAndComingBackIsExpansion() {
        List<LedgerFixture.ItemBuilder> items = List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "free", 0, "2024-02-01", "2024-03-01"),
                item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01"));
        LedgerResult keep = run(defaults(), "2024-03-10", items);
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "contraction 2024-02-01T00:00:00Z -5000 0",
                "expansion 2024-03-01T00:00:00Z 5000 5000"), rows(keep));
        assertEquals("downgraded from gold_monthly to free", keep.movements().get(1).description());
        assertTrue(keep.intervals().stream().anyMatch(i -> i.free() && i.mrr() == 0));
        assertEquals(CustomerSummary.Status.ACTIVE, run(defaults(), "2024-02-10", items).summary().status());
        LedgerResult churn = run(with(s -> s.freePlan(FreePlan.CHURN)), "2024-03-10", items);
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0",
                "reactivation 2024-03-01T00:00:00Z 5000 5000"), rows(churn));
    }

    @Test
    void aFreePlanChurnComesBeforeOtherChangesAtItsInstant() {
        // "z" ends on the free plan and "a" starts at the same instant; "a"'s item sorts first among items.
        List<LedgerFixture.ItemBuilder> items = List.of(
                item("z", "gold_monthly", 15000, "2024-01-01", "2024-02-01"),
                item("z", "gold_monthly", 15000, "2024-02-01", "2024-03-01"),
                item("a", "silver_monthly", 6000, "2024-03-01", "2024-04-01"),
                item("z", "free", 0, "2024-03-01", "2024-04-01"));
        LedgerResult off = run(with(s -> s.freePlan(FreePlan.CHURN).grouping(0)), "2024-03-10", items);
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 15000 15000", "churn 2024-03-01T00:00:00Z -15000 0",
                "reactivation 2024-03-01T00:00:00Z 6000 6000"), rows(off));
        LedgerResult on = run(with(s -> s.freePlan(FreePlan.CHURN)), "2024-03-10", items);
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 15000 15000", "contraction 2024-03-01T00:00:00Z -15000 0",
                "expansion 2024-03-01T00:00:00Z 6000 6000"), rows(on));
        assertEquals(List.of(1, 1, 2), on.movements().stream().map(Movement::rank).toList());
    }

    @Test
    void freeSignUpAndTrialLeaveALead() {
        LedgerResult free = run(defaults(), "2024-01-10", List.of(item("a", "free", 0, "2024-01-01", "2024-02-01")));
        assertEquals(List.of(), rows(free));
        assertNull(free.summary().status());
        assertTrue(free.intervals().get(0).free());
        LedgerResult trial = run(defaults(), "2024-02-10", List.of(
                item("a", "gold_monthly", 0, "2024-01-01", "2024-01-15").trial(),
                item("a", "gold_monthly", 5000, "2024-01-15", "2024-02-15")));
        assertEquals(List.of("new_biz 2024-01-15T00:00:00Z 5000 5000"), rows(trial));
        Interval t = trial.intervals().get(0);
        assertTrue(t.trial());
        assertEquals(LedgerFixture.t("2024-01-15"), t.end());
        assertNull(trial.intervals().get(1).end(), "the live interval is open");
    }

    @Test
    void aRateChangeAloneIsExchangeRateImpactNotAMovement() {
        // EUR invoices, USD account: 1 USD = 0.8 EUR, then 0.9 EUR.
        LedgerResult r = run(defaults(), "2024-03-10", List.of(
                item("a", "gold_monthly", 10000, "2024-01-01", "2024-02-01").currency("EUR", "1", "0.8"),
                item("a", "gold_monthly", 10000, "2024-02-01", "2024-03-01").currency("EUR", "1", "0.9"),
                item("a", "gold_monthly", 12000, "2024-03-01", "2024-04-01").currency("EUR", "1", "0.9")));
        // 10000/0.8 = 12500; then 10000/0.9 = 11111 (−1389 FX); then +2000 EUR = 2222 USD, MRR 13333.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 12500 12500", "expansion 2024-03-01T00:00:00Z 2222 13333"), rows(r));
        assertEquals(List.of(-1389L), r.fxImpacts().stream().map(FxImpact::amount).toList());
        assertEquals(2000L, r.movements().get(1).mrrMovementInInvoiceCurrency());
        assertEquals("EUR", r.movements().get(1).invoiceCurrency());
        assertEquals(13333, r.summary().mrr());
    }

    @Test
    void movementRemainderIsExchangeRateImpactAndCancellationRemovesExactly() {
        LedgerResult r = run(defaults(), "2024-03-10", List.of(
                item("a", "gold_monthly", 10000, "2024-01-01", "2024-02-01").currency("EUR", "1", "0.8"),
                item("a", "gold_monthly", 10001, "2024-02-01", "2024-03-01").currency("EUR", "1", "0.9")),
                cancel("a", "2024-02-15"));
        // movement round(1/0.9)=1; new MRR round(10001/0.9)=11112; FX = 11112 − 12500 − 1 = −1389
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 12500 12500", "expansion 2024-02-01T00:00:00Z 1 11112",
                "churn 2024-02-15T00:00:00Z -11112 0"), rows(r));
        long sum = r.movements().stream().mapToLong(Movement::mrrMovement).sum()
                + r.fxImpacts().stream().mapToLong(FxImpact::amount).sum();
        assertEquals(0, sum);
    }

    @Test
    void linkedSubscriptionsInOneGroupGiveOneRow() {
        LedgerResult r = run(defaults(), "2024-03-10", List.of(
                item("old", "silver_monthly", 6000, "2024-01-01", "2024-02-01").set("set1"),
                item("new", "gold_monthly", 15000, "2024-01-15T00:10:00Z", "2024-02-15T00:10:00Z").set("set1")),
                cancel("old", "2024-01-15"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 6000 6000", "expansion 2024-01-15T00:10:00Z 9000 15000"), rows(r));
        Movement m = r.movements().get(1);
        assertEquals("new", m.subscriptionExternalId());
        assertEquals("silver_monthly", m.previousPlanExternalId());
        assertEquals("gold_monthly", m.planExternalId());
        assertEquals("upgraded from silver_monthly to gold_monthly", m.description());
    }

    @Test
    void aFreeSignUpThatNeverWentLiveDoesNotPreventChurn() {
        LedgerResult r = run(defaults(), "2024-04-10", List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("b", "free", 0, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 5000, "2024-03-01", "2024-04-01")),
                cancel("a", "2024-01-20"));
        // b never became live (never above 0): so a's cancellation is a churn.
        assertEquals("churn", r.movements().get(1).type().wireName());
    }

    @Test
    void quantityChangesAreDescribed() {
        LedgerResult r = run(defaults(), "2024-02-10", List.of(
                item("a", "seat", 4000, "2024-01-01", "2024-02-01").quantity(4),
                item("a", "seat", 6000, "2024-02-01", "2024-03-01").quantity(6)));
        assertEquals("increased quantity from 4 to 6", r.movements().get(1).description());
        assertEquals(6, r.movements().get(1).quantity());
    }

    @Test
    void movementIdsAreNameBasedOnCustomerSubscriptionDateAndRank() {
        LedgerResult r = run(defaults(), "2024-02-10", List.of(item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01")));
        String sub = Ids.of(Ids.SUBSCRIPTION, LedgerFixture.DS, "a");
        assertEquals(Ids.of(Ids.MOVEMENT, LedgerFixture.CUSTOMER, sub, "2024-01-01T00:00:00Z", "1"), r.movements().get(0).uuid());
    }

    @Test
    void monthEndCountsFollowTheCustomersMrr() {
        LedgerResult r = run(defaults(), "2024-05-10", List.of(
                item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01"),
                item("a", "gold_monthly", 5000, "2024-04-01", "2024-05-01")),
                cancel("a", "2024-01-20"));
        assertEquals(List.of(new CountChange("2024-04", 1)), r.countChanges(), "gone again by the end of January");
        LedgerResult r2 = run(defaults(), "2024-05-10", List.of(item("a", "gold_monthly", 5000, "2024-01-01", "2024-02-01")),
                cancel("a", "2024-03-20"));
        assertEquals(List.of(new CountChange("2024-01", 1), new CountChange("2024-03", -1)), r2.countChanges());
    }

    @Test
    void monthsFollowTheTimeZone() {
        // 2024-02-01 03:00 UTC is still January in New York: a January month-end count.
        LedgerResult r = run(with(s -> s.zone("America/New_York")), "2024-02-10",
                List.of(item("a", "gold_monthly", 5000, "2024-02-01T03:00:00Z", "2024-03-01T03:00:00Z")));
        assertEquals(List.of(new CountChange("2024-01", 1)), r.countChanges());
    }
}
