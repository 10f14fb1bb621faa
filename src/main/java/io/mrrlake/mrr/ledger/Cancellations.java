package io.mrrlake.mrr.ledger;

import java.time.Instant;
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
                                      MrrSettings settings, Instant asOf) {
        List<Instant> drops = new ArrayList<>();
        for (SubscriptionEvent c : events) {
            if (c.kind() != SubscriptionEvent.Kind.CANCELLED || c.retracted()) continue;
            if (c.eventDate().isAfter(asOf) || withdrawn(c, events, asOf)) continue;
            Instant drop = c.effectiveDate();
            if (settings.churnRecognition() == ChurnRecognition.END_OF_SERVICE_PERIOD) {
                Instant end = lastServiceEndStartedBefore(items, c.effectiveDate());
                if (end != null && end.isAfter(drop)) {
                    // An item that starts while the paid period still runs continues the
                    // subscription: the cancellation never takes effect.
                    if (startsWithin(items, c.effectiveDate(), end)) continue;
                    drop = end;
                }
            }
            if (!drop.isAfter(asOf)) drops.add(drop);
        }
        return drops;
    }

    private static boolean withdrawn(SubscriptionEvent c, List<SubscriptionEvent> events, Instant asOf) {
        for (SubscriptionEvent r : events) {
            if (r.kind() != SubscriptionEvent.Kind.SCHEDULED_CANCELLATION_RETRACTED || r.retracted()) continue;
            if (r.eventDate().isAfter(asOf)) continue;
            if (!r.eventDate().isBefore(c.eventDate()) && r.eventDate().isBefore(c.effectiveDate())) return true;
        }
        return false;
    }

    private static Instant lastServiceEndStartedBefore(List<LedgerItem> items, Instant t) {
        Instant end = null;
        for (LedgerItem i : items) {
            if (i.trial() || !i.serviceStart().isBefore(t)) continue;
            if (end == null || i.serviceEnd().isAfter(end)) end = i.serviceEnd();
        }
        return end;
    }

    private static boolean startsWithin(List<LedgerItem> items, Instant from, Instant until) {
        for (LedgerItem i : items) {
            if (!i.trial() && !i.serviceStart().isBefore(from) && i.serviceStart().isBefore(until)) return true;
        }
        return false;
    }
}
