package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

/**
 * A subscription event that can end a subscription: a cancellation, or the withdrawal of a
 * scheduled cancellation. Other event types do not change MRR (items do).
 *
 * @param retracted true when a later subscription_event_retracted withdrew this event
 */
public record SubscriptionEvent(
        String dataSourceUuid,
        String subscriptionExternalId,
        Kind kind,
        Instant eventDate,
        Instant effectiveDate,
        boolean retracted) implements Serializable {

    public enum Kind { CANCELLED, SCHEDULED_CANCELLATION_RETRACTED }

    public String subscriptionKey() {
        return SubscriptionKey.of(dataSourceUuid, subscriptionExternalId);
    }
}
