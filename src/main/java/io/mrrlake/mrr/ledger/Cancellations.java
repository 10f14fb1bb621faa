package io.mrrlake.mrr.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.config.MrrSettings.ChurnRecognition;

/**
 * When a subscription's cancellations take its MRR to 0 (docs/MRR.md "A subscription over time", "Cancellation").
 */
final class Cancellations {
    private Cancellations() {}

    /**
     * The instants, at or before the as-of, where cancellations of one subscription drop its MRR.
     * A cancellation counts when it is not retracted and no scheduled-cancellation retraction of
     * the same subscription came between its event date and its effective date (project rule: the
     * customer withdrew the cancellation before it took effect).
     */
    static List<Instant> dropInstants(List<LedgerItem> items, List<SubscriptionEvent> events,
                                      MrrSettings settings, Instant asOf, LedgerTrace trace) {
        List<Instant> drops = new ArrayList<>();
        for (SubscriptionEvent c : events) {
            if (c.kind() != SubscriptionEvent.Kind.CANCELLED) {
                note(trace, c, "scheduled cancellation retracted (event date " + c.eventDate() + ")");
                continue;
            }
            if (c.retracted()) {
                note(trace, c, "cancellation effective " + c.effectiveDate() + " left out: the event was retracted");
                continue;
            }
            if (c.eventDate().isAfter(asOf)) continue;
            if (withdrawn(c, events, asOf)) {
                note(trace, c, "cancellation effective " + c.effectiveDate() + " left out: a scheduled-cancellation "
                        + "retraction came between its event date and its effective date");
                continue;
            }
            Instant drop = c.effectiveDate();
            if (settings.churnRecognition() == ChurnRecognition.END_OF_SERVICE_PERIOD) {
                Instant end = lastServiceEndStartedBefore(items, c.effectiveDate());
                if (end != null && end.isAfter(drop)) {
                    // An item that starts while the paid period still runs continues the
                    // subscription: the cancellation never takes effect. A credit continues nothing.
                    if (renewedWithin(items, c.effectiveDate(), end, settings.timeZone())) {
                        note(trace, c, "cancellation effective " + c.effectiveDate() + " has no effect: an item starts "
                                + "before the paid period ends at " + end + " (mrr.churn_recognition = end_of_service_period)");
                        continue;
                    }
                    drop = end;
                }
            }
            if (!drop.isAfter(asOf)) {
                drops.add(drop);
                note(trace, c, "subscription_cancelled, effective " + c.effectiveDate() + ": applies at " + drop
                        + (drop.equals(c.effectiveDate()) ? "" : ", the end of the paid period (mrr.churn_recognition)"));
            } else {
                note(trace, c, "subscription_cancelled, effective " + c.effectiveDate() + ": applies at " + drop
                        + ", after the as-of: not yet");
            }
        }
        return drops;
    }

    private static void note(LedgerTrace trace, SubscriptionEvent c, String text) {
        if (trace != null) {
            trace.step(c.eventDate(), c.subscriptionKey(), LedgerTrace.Kind.CANCELLATION, text);
        }
    }

    private static boolean withdrawn(SubscriptionEvent c, List<SubscriptionEvent> events, Instant asOf) {
        for (SubscriptionEvent r : events) {
            if (r.kind() != SubscriptionEvent.Kind.SCHEDULED_CANCELLATION_RETRACTED || r.retracted()) continue;
            if (r.eventDate().isAfter(asOf)) continue;
            if (!r.eventDate().isBefore(c.eventDate()) && r.eventDate().isBefore(c.effectiveDate())) return true;
        }
        return false;
    }

    /**
     * The end of the last service period that started before {@code t}: of the items with the latest
     * start before it, the latest end. Not the latest end of any earlier item: a yearly period
     * followed by a monthly one ends with the month.
     */
    private static Instant lastServiceEndStartedBefore(List<LedgerItem> items, Instant t) {
        Instant start = null;
        Instant end = null;
        for (LedgerItem i : items) {
            if (i.trial() || !i.serviceStart().isBefore(t)) continue;
            if (start == null || i.serviceStart().isAfter(start)) {
                start = i.serviceStart();
                end = i.serviceEnd();
            } else if (i.serviceStart().equals(start) && i.serviceEnd().isAfter(end)) {
                end = i.serviceEnd();
            }
        }
        return end;
    }

    private static boolean renewedWithin(List<LedgerItem> items, Instant from, Instant until, ZoneId zone) {
        for (LedgerItem i : items) {
            if (!i.trial() && !ItemMrr.credit(i, zone) && !i.serviceStart().isBefore(from)
                    && i.serviceStart().isBefore(until)) return true;
        }
        return false;
    }
}
