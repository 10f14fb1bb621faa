package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

/** One row of calculated/subscriptions: a subscription that was live at some point. */
public record SubscriptionState(
        String dataSourceUuid,
        String subscriptionExternalId,
        String subscriptionSetExternalId,
        String planUuid,
        String planName,
        long quantity,
        long mrr,
        String billingCurrency,
        String intervalUnit,
        int intervalCount,
        Status status,
        Instant startedAt,
        Instant cancelledAt) implements Serializable {

    public enum Status {
        ACTIVE, PAST_DUE, CANCELLED;

        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
