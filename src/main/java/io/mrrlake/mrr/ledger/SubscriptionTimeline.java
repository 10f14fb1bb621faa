package io.mrrlake.mrr.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.config.MrrSettings.FreePlan;
import io.mrrlake.config.MrrSettings.NewSubscriberInvoice;
import io.mrrlake.model.MinorUnits;
import io.mrrlake.mrr.ledger.LedgerTrace.Kind;

/**
 * One subscription's MRR over time (docs/MRR.md "A subscription over time" and "Currency"): walks its items and
 * cancellations in order and emits its changes, its MRR intervals and its end state.
 */
final class SubscriptionTimeline {

    /** The order of docs/MRR.md "A subscription over time". */
    static final Comparator<LedgerItem> ITEM_ORDER = Comparator
            .comparing(LedgerItem::serviceStart)
            .thenComparing(LedgerItem::eventOrder, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LedgerItem::invoicedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LedgerItem::itemExternalId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LedgerItem::itemUuid, Comparator.nullsLast(Comparator.naturalOrder()));

    /** A plan the subscription held while live, for customers.PLAN_NAME and BILLING_CYCLE. */
    record PlanHeld(Instant at, String plan, String cycle) {}

    private record Step(Instant instant, List<LedgerItem> batch) {}

    private record Open(Instant start, long mrr, long mrrInvoice, String currency, long quantity,
                        String planUuid, boolean free, boolean trial, Instant naturalEnd) {}

    private final MrrSettings settings;
    private final Instant asOf;
    private final ZoneId zone;
    private final int accountExponent;
    /** Null in the job's run: nothing is recorded. */
    private final LedgerTrace trace;

    final List<Change> changes = new ArrayList<>();
    final List<Interval> intervals = new ArrayList<>();
    final List<PlanHeld> plansHeld = new ArrayList<>();

    private boolean live;
    private boolean everLive;
    private long inv;
    private long acct;
    private long lastLiveAcct;
    private long quantity;
    private String currency;
    private LedgerItem current;
    private Instant lastEnd;
    private Instant startedAt;
    private Instant cancelledAt;
    private Open open;
    private String key;

    SubscriptionTimeline(MrrSettings settings, Instant asOf, LedgerTrace trace) {
        this.settings = settings;
        this.trace = trace;
        this.asOf = asOf;
        this.zone = settings.timeZone();
        this.accountExponent = MinorUnits.exponent(settings.accountCurrency());
    }

    SubscriptionTimeline run(List<LedgerItem> items, List<SubscriptionEvent> events) {
        key = items.get(0).subscriptionKey();
        List<LedgerItem> sorted = new ArrayList<>(items);
        sorted.sort(ITEM_ORDER);
        List<Step> steps = new ArrayList<>();
        for (Instant drop : Cancellations.dropInstants(sorted, events, settings, asOf, trace)) {
            steps.add(new Step(drop, null));
        }
        for (int i = 0; i < sorted.size(); ) {
            Instant start = sorted.get(i).serviceStart();
            List<LedgerItem> batch = new ArrayList<>();
            while (i < sorted.size() && sorted.get(i).serviceStart().equals(start)) batch.add(sorted.get(i++));
            steps.add(new Step(start, batch));
        }
        // Endings first at one instant, so that an item starting at a cancellation restarts the subscription.
        steps.sort(Comparator.comparing(Step::instant).thenComparing(s -> s.batch() == null ? 0 : 1));
        for (Step step : steps) {
            autoChurnBefore(step.instant());
            if (step.batch() == null) {
                if (trace != null && !live) note(step.instant(), Kind.CANCELLATION, "the subscription is not live: nothing changes");
                stop(step.instant(), Change.ENDING, null);
            }
            else apply(step.instant(), step.batch());
        }
        autoChurnByAsOf();
        closeOpen(null);
        return this;
    }

    /** The subscription's end state, or null if it never was live. */
    SubscriptionState state() {
        if (!everLive) return null;
        SubscriptionState.Status status = !live ? SubscriptionState.Status.CANCELLED
                : pastDue() ? SubscriptionState.Status.PAST_DUE : SubscriptionState.Status.ACTIVE;
        return new SubscriptionState(current.dataSourceUuid(), current.subscriptionExternalId(),
                current.subscriptionSetExternalId(), current.planUuid(), current.planName(), quantity,
                live ? acct : lastLiveAcct, currency, current.intervalUnit(), current.intervalCount(), status,
                startedAt, live ? null : cancelledAt);
    }

    boolean live() { return live; }

    long accountMrr() { return live ? acct : 0; }

    /**
     * Live, and either its last service period has ended without renewal or its latest invoice is
     * unpaid after its due date (docs/MRR.md "A subscription over time" and "Customer status").
     */
    boolean pastDue() {
        if (!live) return false;
        boolean ended = lastEnd != null && !lastEnd.isAfter(asOf);
        boolean overdue = !current.invoicePaid() && current.invoiceDueAt() != null
                && current.invoiceDueAt().isBefore(asOf);
        return ended || overdue;
    }

    private void autoChurnBefore(Instant next) {
        Instant point = autoChurnPoint();
        if (point != null && point.isBefore(next)) {
            if (trace != null) noteAutoChurn(point, "before the next step at " + next);
            stop(lastEnd, Change.ENDING, null);
        }
    }

    private void autoChurnByAsOf() {
        Instant point = autoChurnPoint();
        if (point != null && !point.isAfter(asOf)) {
            if (trace != null) noteAutoChurn(point, "by the as-of " + asOf);
            stop(lastEnd, Change.ENDING, null);
        }
    }

    private void noteAutoChurn(Instant point, String when) {
        note(lastEnd, Kind.AUTO_CHURN, "auto churn: the last period ended " + lastEnd + " without a new item and "
                + settings.autoChurnDays() + " days (mrr.auto_churn_days) passed at " + point + ", " + when);
    }

    private Instant autoChurnPoint() {
        if (settings.autoChurnDays() == null || !live || lastEnd == null) return null;
        return lastEnd.plus(Duration.ofDays(settings.autoChurnDays()));
    }

    /** Removes the subscription's account-currency MRR exactly as it stands: no exchange-rate impact. */
    private void stop(Instant t, int kindRank, LedgerItem item) {
        if (!live) return;
        changes.add(new Change(t, kindRank, item == null ? null : item.eventOrder(),
                item == null ? null : item.invoicedAt(), item == null ? null : item.itemExternalId(),
                current.dataSourceUuid(), current.subscriptionExternalId(), current.subscriptionSetExternalId(),
                -acct, -inv, 0, true, false, current.planExternalId(), current.planExternalId(),
                current.planLabel(), current.planLabel(), quantity, quantity, currency));
        if (trace != null) {
            note(t, Kind.CHANGE, "ends: MRR " + MinorUnits.format(inv, currency) + " → 0" + inAccount(currency, acct, 0));
        }
        closeOpen(t);
        lastLiveAcct = acct;
        live = false;
        acct = 0;
        inv = 0;
        cancelledAt = t;
    }

    private void apply(Instant t, List<LedgerItem> batch) {
        List<LedgerItem> mrrItems = batch.stream().filter(i -> !i.trial()).toList();
        List<LedgerItem> trials = batch.stream().filter(LedgerItem::trial).toList();
        if (!live) {
            start(t, mrrItems, trials);
            return;
        }
        if (trace != null) {
            for (LedgerItem i : trials) trace.item(i, false, "a trial item on a live subscription changes nothing");
        }
        if (mrrItems.isEmpty()) return; // a trial item on a live subscription changes nothing
        LedgerItem last = mrrItems.get(mrrItems.size() - 1);
        LedgerItem plan = planAfter(mrrItems);
        long newInv = newMrr(mrrItems, baseIn(last));
        if (trace != null) {
            boolean same = newInv == inv && last.currency().equals(currency);
            for (LedgerItem i : mrrItems) {
                trace.item(i, true, (i.proration().sets() ? "sets" : "adds to") + " the live subscription's MRR"
                        + (same ? " (the same MRR as before: no change)" : ""));
            }
        }
        long newQuantity = quantityAfter(mrrItems, quantity);
        // The last service period is the latest one's, not the latest end of any (docs/MRR.md rule 8).
        lastEnd = maxEnd(mrrItems);
        if (newInv == 0 && settings.freePlan() == FreePlan.CHURN) {
            if (trace != null) note(t, Kind.FREE_PLAN, "the MRR becomes 0: the subscription ends (mrr.free_plan = churn)");
            stop(t, Change.ENDING, last);
            current = plan;
            quantity = newQuantity;
            openNatural(t, last, maxEnd(mrrItems), false);
            return;
        }
        boolean sameCurrency = last.currency().equals(currency);
        long newAcct = toAccount(newInv, last);
        long movement;
        long movementInvoice;
        if (sameCurrency) {
            movementInvoice = newInv - inv;
            movement = toAccount(movementInvoice, last);
        } else {
            // project rule: a live subscription that switches invoice currency moves by the whole
            // account-currency difference; nothing of it is exchange-rate impact.
            movement = newAcct - acct;
            movementInvoice = Money.convertBack(movement, last.rateAccount(), last.rateInvoice(), shift(last));
        }
        long fx = newAcct - acct - movement;
        if (trace != null && (movement != 0 || fx != 0)) {
            if (newInv == 0) note(t, Kind.FREE_PLAN, "the MRR becomes 0: the subscription stays live (mrr.free_plan = keep_active)");
            noteConversion(t, newInv, last);
            note(t, Kind.CHANGE, "MRR " + MinorUnits.format(inv, currency) + " → " + MinorUnits.format(newInv, last.currency())
                    + inAccount(last.currency(), acct, newAcct)
                    + ": change " + account(movement) + (fx != 0 ? ", exchange-rate impact " + account(fx) : "")
                    + (sameCurrency ? "" : " (the invoice currency changed: the whole difference is the movement)"));
        }
        if (movement != 0 || fx != 0) {
            changes.add(new Change(t, Change.ITEM, last.eventOrder(), last.invoicedAt(), last.itemExternalId(),
                    last.dataSourceUuid(), last.subscriptionExternalId(), last.subscriptionSetExternalId(),
                    movement, movementInvoice, fx, true, true, current.planExternalId(), plan.planExternalId(),
                    current.planLabel(), plan.planLabel(), quantity, newQuantity, last.currency()));
        }
        boolean newInterval = newAcct != acct || newInv != inv || !sameCurrency || newQuantity != quantity
                || !Objects.equals(current.planUuid(), plan.planUuid());
        inv = newInv;
        acct = newAcct;
        currency = last.currency();
        quantity = newQuantity;
        current = plan;
        plansHeld.add(new PlanHeld(t, plan.planLabel(), plan.billingCycle()));
        if (newInterval) {
            closeOpen(t);
            openLive(t);
        }
    }

    /**
     * Items while not live: paid before counted, and live only once the MRR is above 0. With no MRR
     * to add to, an adding item that is a credit (item_mrr ≤ 0) changes nothing, and one above 0 is
     * taken as a first item: it sets the MRR (docs/MRR.md "A subscription over time", "Adding to nothing").
     */
    private void start(Instant t, List<LedgerItem> mrrItems, List<LedgerItem> trials) {
        List<LedgerItem> counted = mrrItems.stream()
                .filter(i -> settings.newSubscriberInvoice() != NewSubscriberInvoice.PAID || i.invoicePaid())
                .filter(i -> !ItemMrr.credit(i, zone))
                .toList();
        if (trace != null) noteStart(mrrItems, trials, counted);
        if (counted.isEmpty()) {
            if (!trials.isEmpty()) openNatural(t, trials.get(trials.size() - 1), maxEnd(trials), true);
            return;
        }
        LedgerItem last = counted.get(counted.size() - 1);
        LedgerItem plan = planAfter(counted);
        long newInv = 0;
        long newQuantity = 0;
        for (LedgerItem i : counted) {
            newInv = Math.addExact(newInv, mrrIn(i, last));
            newQuantity += i.quantity();
        }
        if (newInv <= 0) {
            if (trace != null) note(t, Kind.FREE_PLAN, "MRR " + MinorUnits.format(newInv, last.currency())
                    + ": a subscription goes live only once its MRR is above 0; it stays a free sign-up");
            openNatural(t, last, maxEnd(counted), false);
            return;
        }
        long newAcct = toAccount(newInv, last);
        if (trace != null) {
            noteConversion(t, newInv, last);
            note(t, Kind.CHANGE, (everLive ? "restarts" : "goes live") + ": MRR 0 → " + MinorUnits.format(newInv, last.currency())
                    + inAccount(last.currency(), 0, newAcct));
        }
        changes.add(new Change(t, Change.ITEM, last.eventOrder(), last.invoicedAt(), last.itemExternalId(),
                last.dataSourceUuid(), last.subscriptionExternalId(), last.subscriptionSetExternalId(),
                newAcct, newInv, 0, false, true, null, plan.planExternalId(), null, plan.planLabel(),
                0, newQuantity, last.currency()));
        live = true;
        everLive = true;
        if (startedAt == null) startedAt = t;
        cancelledAt = null;
        inv = newInv;
        acct = newAcct;
        currency = last.currency();
        quantity = newQuantity;
        current = plan;
        lastEnd = maxEnd(counted);
        plansHeld.add(new PlanHeld(t, plan.planLabel(), plan.billingCycle()));
        closeOpen(t);
        openLive(t);
    }

    /** Why each item of a batch on a subscription that is not live counts or not. */
    private void noteStart(List<LedgerItem> mrrItems, List<LedgerItem> trials, List<LedgerItem> counted) {
        for (LedgerItem i : trials) trace.item(i, false, "trial: a stretch of MRR 0, the subscription stays a lead");
        for (LedgerItem i : mrrItems) {
            if (counted.contains(i)) {
                trace.item(i, true, (live ? "" : "starts the subscription: ") + "invoice "
                        + (i.invoicePaid() ? "paid by the as-of" : "issued (mrr.new_subscriber_invoice = issued)"));
            } else if (settings.newSubscriberInvoice() == NewSubscriberInvoice.PAID && !i.invoicePaid()) {
                trace.item(i, false, "unpaid: the subscription is not live and its invoice is not paid by the as-of "
                        + "(mrr.new_subscriber_invoice = paid)");
            } else {
                trace.item(i, false, "a credit with no MRR to add to (the subscription is not live)");
            }
        }
    }

    private void noteConversion(Instant t, long amount, LedgerItem item) {
        if (item.currency().equalsIgnoreCase(settings.accountCurrency())) return;
        note(t, Kind.CONVERSION, "convert " + MinorUnits.format(amount, item.currency()) + " to "
                + settings.accountCurrency() + ": " + amount + " × " + item.rateAccount().stripTrailingZeros().toPlainString()
                + " / " + item.rateInvoice().stripTrailingZeros().toPlainString() + " × 10^" + shift(item) + " = "
                + account(toAccount(amount, item)) + " (rates per USD of the item's start day)");
    }

    /** The account-currency side of a change, when the invoice currency is another. */
    private String inAccount(String invoiceCurrency, long from, long to) {
        if (invoiceCurrency.equalsIgnoreCase(settings.accountCurrency())) return "";
        return " (in " + settings.accountCurrency().toUpperCase(java.util.Locale.ROOT) + " " + account(from) + " → " + account(to) + ")";
    }

    private String account(long amount) {
        return MinorUnits.format(amount, settings.accountCurrency());
    }

    private void note(Instant t, Kind kind, String text) {
        trace.step(t, key, kind, text);
    }

    /**
     * Items that set the MRR add up and replace {@code base}; differential items add to it. Every
     * amount is in the currency of the batch's last item ({@link #mrrIn}), as {@code base} is.
     */
    private long newMrr(List<LedgerItem> items, long base) {
        LedgerItem last = items.get(items.size() - 1);
        boolean anySet = false;
        long set = 0;
        long diff = 0;
        for (LedgerItem i : items) {
            long mrr = mrrIn(i, last);
            if (i.proration().sets()) {
                anySet = true;
                set = Math.addExact(set, mrr);
            } else {
                diff = Math.addExact(diff, mrr);
            }
        }
        return Math.addExact(anySet ? set : base, diff);
    }

    /**
     * The item's MRR in the currency of {@code batch}, the last item of its batch (docs/MRR.md rule
     * 11): items of one instant in another currency are converted at that instant's rates, with one
     * rounding, so that amounts of two currencies are never added as if they were one.
     */
    private long mrrIn(LedgerItem item, LedgerItem batch) {
        long mrr = ItemMrr.of(item, zone);
        if (item.currency().equals(batch.currency())) return mrr;
        // Each currency's rate relative to the account currency (rate / account rate): an item in the
        // account currency carries 1 and 1, not the currency's rate per USD, so the rates per USD of
        // two items are not comparable when one of them is in a non-USD account currency.
        return Money.convert(mrr, batch.rateInvoice().multiply(item.rateAccount()),
                item.rateInvoice().multiply(batch.rateAccount()),
                MinorUnits.exponent(batch.currency()) - MinorUnits.exponent(item.currency()));
    }

    /**
     * The live MRR that differential items add to, in the currency of {@code batch}: the invoice-currency
     * MRR as it stands, or, when the batch is in another currency, the account-currency MRR converted
     * back at the batch's rates (docs/MRR.md rule 11).
     */
    private long baseIn(LedgerItem batch) {
        return batch.currency().equals(currency) ? inv
                : Money.convertBack(acct, batch.rateAccount(), batch.rateInvoice(), shift(batch));
    }

    /** Invoice currency to account currency at the item's start day (docs/MRR.md "Currency"). */
    private long toAccount(long amountInInvoiceCurrency, LedgerItem item) {
        return Money.convert(amountInInvoiceCurrency, item.rateAccount(), item.rateInvoice(), shift(item));
    }

    /** e(account) − e(invoice): the minor units' part of the conversion factor. */
    private int shift(LedgerItem item) {
        return accountExponent - MinorUnits.exponent(item.currency());
    }

    /** project rule: the quantity is the sum over the items that set the MRR; differential items keep it. */
    private static long quantityAfter(List<LedgerItem> items, long base) {
        long q = 0;
        boolean anySet = false;
        for (LedgerItem i : items) {
            if (i.proration().sets()) {
                anySet = true;
                q = Math.addExact(q, i.quantity());
            }
        }
        return anySet ? q : base;
    }

    private void openLive(Instant t) {
        open = new Open(t, acct, inv, currency, quantity, current.planUuid(), inv == 0, false, null);
    }

    /** An interval of MRR 0 outside the live subscription (trial, or a free plan before going live). */
    private void openNatural(Instant t, LedgerItem item, Instant end, boolean trial) {
        closeOpen(t);
        open = new Open(t, 0, 0, item.currency(), item.quantity(), item.planUuid(), !trial, trial, end);
        if (current == null) current = item;
    }

    /** Closes the open interval at {@code t}; an interval outside the live subscription ends at its own end at the latest. */
    private void closeOpen(Instant t) {
        if (open == null) return;
        Instant end = open.naturalEnd() == null ? t
                : (t == null || open.naturalEnd().isBefore(t) ? open.naturalEnd() : t);
        if (end == null || end.isAfter(open.start())) {
            LedgerItem ref = current;
            intervals.add(new Interval(ref.dataSourceUuid(), ref.subscriptionExternalId(),
                    ref.subscriptionSetExternalId(), open.planUuid(), open.start(), end, open.mrr(),
                    open.mrrInvoice(), open.currency(), open.quantity(), open.free(), open.trial()));
        }
        open = null;
    }

    /**
     * The item whose plan the subscription holds after a batch: the last (in the order of "A
     * subscription over time") that is not a credit, so that an upgrade's credit for the old plan
     * never names the plan after, whatever the external ids; the last item when all are credits.
     */
    private LedgerItem planAfter(List<LedgerItem> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!ItemMrr.credit(items.get(i), zone)) return items.get(i);
        }
        return items.get(items.size() - 1);
    }

    private static Instant maxEnd(List<LedgerItem> items) {
        Instant end = null;
        for (LedgerItem i : items) end = max(end, i.serviceEnd());
        return end;
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }
}
