package io.mrrlake.mrr.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Ids;
import io.mrrlake.model.MinorUnits;
import io.mrrlake.model.MovementType;

/**
 * One customer's MRR ledger (docs/MRR.md "A subscription over time", "Currency", "Movements", "Customer status"): runs each subscription's
 * timeline, merges their changes in time order, groups them and turns each group into typed
 * movement rows. Pure Java: no Spark, so every rule is unit-tested directly.
 */
public final class CustomerLedger {
    private final String customerUuid;
    private final MrrSettings settings;
    private final Instant asOf;
    private final ZoneId zone;
    /** Null in the job's run: nothing is recorded. */
    private final LedgerTrace trace;

    private final List<Movement> movements = new ArrayList<>();
    private final List<FxImpact> fxImpacts = new ArrayList<>();
    private final Map<Instant, Integer> ranks = new HashMap<>();
    private final Set<String> liveSubscriptions = new HashSet<>();
    private final MonthEndCounter counter;
    private long mrr;
    private boolean everPositive;
    private boolean churned;
    private Instant subscriberSince;

    private CustomerLedger(String customerUuid, MrrSettings settings, Instant asOf, LedgerTrace trace) {
        this.customerUuid = customerUuid;
        this.trace = trace;
        this.settings = settings;
        this.asOf = asOf;
        this.zone = settings.timeZone();
        this.counter = new MonthEndCounter(zone);
    }

    public static LedgerResult run(String customerUuid, List<LedgerItem> items, List<SubscriptionEvent> events,
                                   MrrSettings settings, Instant asOf) {
        return run(customerUuid, items, events, settings, asOf, null);
    }

    /** As {@link #run(String, List, List, MrrSettings, Instant)}, writing each decision into {@code trace}. */
    public static LedgerResult run(String customerUuid, List<LedgerItem> items, List<SubscriptionEvent> events,
                                   MrrSettings settings, Instant asOf, LedgerTrace trace) {
        try {
            return new CustomerLedger(customerUuid, settings, asOf, trace).run(items, events);
        } catch (ArithmeticException e) {
            throw LedgerOverflow.of(customerUuid, null, e);
        }
    }

    private LedgerResult run(List<LedgerItem> items, List<SubscriptionEvent> events) {
        Map<String, List<LedgerItem>> itemsBySub = new TreeMap<>();
        for (LedgerItem i : items) itemsBySub.computeIfAbsent(i.subscriptionKey(), k -> new ArrayList<>()).add(i);
        Map<String, List<SubscriptionEvent>> eventsBySub = new HashMap<>();
        for (SubscriptionEvent e : events) eventsBySub.computeIfAbsent(e.subscriptionKey(), k -> new ArrayList<>()).add(e);

        List<Change> changes = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>();
        List<SubscriptionState> states = new ArrayList<>();
        List<SubscriptionTimeline.PlanHeld> plans = new ArrayList<>();
        boolean anyLive = false;
        boolean anyPastDue = false;
        for (Map.Entry<String, List<LedgerItem>> e : itemsBySub.entrySet()) {
            SubscriptionTimeline t;
            try {
                t = new SubscriptionTimeline(settings, asOf, trace)
                        .run(e.getValue(), eventsBySub.getOrDefault(e.getKey(), List.of()));
            } catch (ArithmeticException overflow) {
                throw LedgerOverflow.of(customerUuid, e.getKey(), overflow);
            }
            changes.addAll(t.changes);
            intervals.addAll(t.intervals);
            plans.addAll(t.plansHeld);
            SubscriptionState s = t.state();
            if (s != null) states.add(s);
            anyLive |= t.live();
            anyPastDue |= t.pastDue();
        }
        changes.sort(Change.ORDER);
        walk(changes);
        counter.finish();

        CustomerSummary.Status status = anyPastDue ? CustomerSummary.Status.PAST_DUE
                : anyLive ? CustomerSummary.Status.ACTIVE
                : (everPositive || !states.isEmpty()) ? CustomerSummary.Status.CANCELLED : null;
        plans.sort(Comparator.comparing(SubscriptionTimeline.PlanHeld::at));
        Set<String> planNames = new LinkedHashSet<>();
        Set<String> cycles = new LinkedHashSet<>();
        for (SubscriptionTimeline.PlanHeld p : plans) {
            planNames.add(p.plan());
            cycles.add(p.cycle());
        }
        CustomerSummary summary = new CustomerSummary(mrr, status, subscriberSince,
                planNames.isEmpty() ? null : String.join("|", planNames),
                cycles.isEmpty() ? null : String.join("|", cycles));
        return new LedgerResult(movements, intervals, states, fxImpacts, counter.changes(), summary);
    }

    /** Forms groups (mrr.activity_grouping_minutes) and applies them in time order. */
    private void walk(List<Change> changes) {
        List<Change> group = null;
        for (Change c : changes) {
            if (group != null && fitsGroup(group.get(0).instant(), c.instant())) {
                group.add(c);
                continue;
            }
            if (group != null) applyGroup(group);
            group = null;
            if (c.fxOnly() && c.liveBefore() == c.liveAfter()) {
                // Exchange-rate impact alone is never a movement and never opens a group.
                if (trace != null) {
                    trace.step(c.instant(), c.subscriptionKey(), LedgerTrace.Kind.FX, "exchange-rate impact "
                            + MinorUnits.format(c.fx(), settings.accountCurrency()) + " (a renewal at new rates; no movement)");
                }
                applyFx(c);
                mrr = Math.addExact(mrr, c.fx());
                counter.observe(c.instant(), mrr);
            } else {
                group = new ArrayList<>();
                group.add(c);
            }
        }
        if (group != null) applyGroup(group);
    }

    /**
     * Within the grouping window of the group's first change (inclusive), whatever the month:
     * the grouping rule (docs/MRR.md "Movements") takes "every later change of the same customer within that many
     * minutes of the group's first change", so a group may cross a month's end in mrr.time_zone.
     */
    private boolean fitsGroup(Instant first, Instant t) {
        int minutes = settings.activityGroupingMinutes();
        if (minutes <= 0) return false;
        return !t.isAfter(first.plus(Duration.ofMinutes(minutes)));
    }

    private void applyGroup(List<Change> group) {
        long before = mrr;
        long fx = 0;
        Map<String, RowDraft> drafts = new LinkedHashMap<>();
        for (Change c : group) {
            drafts.computeIfAbsent(c.subscriptionKey(), k -> new RowDraft(c)).add(c);
            applyFx(c);
            fx = Math.addExact(fx, c.fx());
        }
        long net = 0;
        for (Map.Entry<String, RowDraft> e : drafts.entrySet()) {
            if (e.getValue().liveAfter) liveSubscriptions.add(e.getKey());
            else liveSubscriptions.remove(e.getKey());
            net = Math.addExact(net, e.getValue().movement);
        }
        linkSubscriptions(drafts);
        // Exact: a sum outside 64 bits fails the run instead of wrapping (docs/LANDING.md "Limits").
        long after = Math.addExact(Math.addExact(before, net), fx);

        MovementType groupType = null;
        if (!everPositive && after > 0) groupType = MovementType.NEW_BIZ;
        else if (churned && after > 0) groupType = MovementType.REACTIVATION;
        else if (after == 0 && before > 0 && liveSubscriptions.isEmpty()) groupType = MovementType.CHURN;

        if (trace != null) noteGroup(group, before, after, fx);
        // A group's rows are dated at their subscriptions' first changes, which may fall in two months
        // when the group crosses a month's end. The monthly dataset books exchange-rate impact in the
        // month of its change, so a row's MRR and the month-end count take only the impact of changes
        // up to the row's month: a first-month row never carries a second month's impact.
        TreeMap<String, Long> fxByMonth = new TreeMap<>();
        for (Change c : group) {
            if (c.fx() != 0) fxByMonth.merge(counter.monthOf(c.instant()), c.fx(), Math::addExact);
        }
        long running = Math.addExact(before, fxUpTo(fxByMonth, counter.monthOf(group.get(0).instant())));
        counter.observe(group.get(0).instant(), running);
        for (RowDraft r : drafts.values()) {
            if (r.absorbed || r.movement == 0) continue;
            running = Math.addExact(Math.addExact(running, fxUpTo(fxByMonth, counter.monthOf(r.firstInstant))), r.movement);
            MovementType type = groupType != null ? groupType
                    : r.movement > 0 ? MovementType.EXPANSION : MovementType.CONTRACTION;
            Movement m = row(r, type, running);
            movements.add(m);
            counter.observe(r.firstInstant, running);
            if (trace != null) trace.movement(m.uuid(), reason(type, r, group.size(), drafts, before, after));
            if (type == MovementType.NEW_BIZ && subscriberSince == null) subscriberSince = r.firstInstant;
        }
        if (!fxByMonth.isEmpty()) {
            // Impact of a later month whose changes gave no row of their own.
            counter.observe(group.get(group.size() - 1).instant(), after);
        }
        if (groupType == MovementType.CHURN) churned = true;
        if (groupType == MovementType.REACTIVATION) churned = false;
        if (after > 0) everPositive = true;
        mrr = after;
    }

    private void noteGroup(List<Change> group, long before, long after, long fx) {
        int minutes = settings.activityGroupingMinutes();
        String window = minutes <= 0 ? "grouping off (mrr.activity_grouping_minutes = 0)"
                : "within " + minutes + " minutes of the first (mrr.activity_grouping_minutes)";
        trace.step(group.get(0).instant(), null, LedgerTrace.Kind.GROUP, group.size()
                + (group.size() == 1 ? " change" : " changes") + " " + window
                + ": customer MRR " + money(before) + " → " + money(after)
                + (fx != 0 ? " (exchange-rate impact " + money(fx) + ")" : ""));
    }

    /** The rule of docs/MRR.md "Movements" that typed the row, and how it was grouped and linked. */
    private String reason(MovementType type, RowDraft r, int groupSize, Map<String, RowDraft> drafts,
                          long before, long after) {
        String rule = switch (type) {
            case NEW_BIZ -> "rule 1: the customer never had MRR above 0 and has " + money(after) + " after the group";
            case REACTIVATION -> "rule 2: the customer had churned and has " + money(after) + " after the group";
            case CHURN -> "rule 3: MRR " + money(before) + " → 0 and no subscription of the customer is live";
            case EXPANSION -> "rule 4: the subscription's own change is above 0";
            case CONTRACTION -> "rule 4: the subscription's own change is below 0";
        };
        StringBuilder b = new StringBuilder(rule);
        if (groupSize > 1) b.append("; net change of a group of ").append(groupSize).append(" changes");
        for (RowDraft d : drafts.values()) {
            if (d.absorbed && r.subscriptionSetExternalId != null && r.subscriptionSetExternalId.equals(d.subscriptionSetExternalId)) {
                b.append("; linked: ended subscription ").append(d.subscriptionExternalId)
                        .append(" of the same subscription set ").append(r.subscriptionSetExternalId);
            }
        }
        return b.toString();
    }

    private String money(long amount) {
        return MinorUnits.format(amount, settings.accountCurrency());
    }

    /** In one group, an ended subscription and a started one of the same set give one row. */
    private static void linkSubscriptions(Map<String, RowDraft> drafts) {
        for (RowDraft started : drafts.values()) {
            if (!started.started() || started.subscriptionSetExternalId == null) continue;
            for (RowDraft ended : drafts.values()) {
                if (started.linkableWith(ended)) {
                    started.absorb(ended);
                    break;
                }
            }
        }
    }

    private Movement row(RowDraft r, MovementType type, long customerMrr) {
        int rank = ranks.merge(r.firstInstant, 1, Integer::sum);
        String subscriptionUuid = Ids.of(Ids.SUBSCRIPTION, r.dataSourceUuid, r.subscriptionExternalId);
        String uuid = Ids.of(Ids.MOVEMENT, customerUuid, subscriptionUuid, r.firstInstant.toString(),
                Integer.toString(rank));
        String plan = r.liveAfter ? r.planAfter : r.planBefore;
        String previousPlan = r.liveBefore ? r.planBefore : null;
        long quantity = type == MovementType.CHURN ? r.quantityBefore : r.liveAfter ? r.quantityAfter : 0;
        return new Movement(uuid, r.firstInstant, rank, r.dataSourceUuid, r.subscriptionExternalId, plan,
                previousPlan, type, r.movement, customerMrr, r.currency, r.movementInInvoiceCurrency, quantity,
                Descriptions.of(type, r));
    }

    /** Removes and sums the impact booked in {@code month} and the months before it. */
    private static long fxUpTo(TreeMap<String, Long> fxByMonth, String month) {
        long sum = 0;
        Map<String, Long> due = fxByMonth.headMap(month, true);
        for (long amount : due.values()) sum = Math.addExact(sum, amount);
        due.clear();
        return sum;
    }

    private void applyFx(Change c) {
        if (c.fx() != 0) {
            fxImpacts.add(new FxImpact(c.instant(), c.dataSourceUuid(), c.subscriptionExternalId(), c.fx()));
        }
    }
}
