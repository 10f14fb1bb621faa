package io.mrrlake.mrr.ledger;

import java.time.Instant;
import java.util.Comparator;

/**
 * One change of one subscription's account-currency MRR, as the subscription timeline emits it.
 * A change whose movement is 0 but which moves the account-currency MRR is pure exchange-rate
 * impact ({@link #fxOnly}).
 *
 * @param kindRank {@link #ENDING} for a subscription's end (cancellation, auto churn, free-plan churn),
 *     {@link #ITEM} for an item's change: ends go first at one instant
 */
record Change(
        Instant instant,
        int kindRank,
        Integer eventOrder,
        Instant invoicedAt,
        String itemExternalId,
        String dataSourceUuid,
        String subscriptionExternalId,
        String subscriptionSetExternalId,
        long movement,
        long movementInInvoiceCurrency,
        long fx,
        boolean liveBefore,
        boolean liveAfter,
        String planBefore,
        String planAfter,
        String planNameBefore,
        String planNameAfter,
        long quantityBefore,
        long quantityAfter,
        String currency) {

    static final int ENDING = 0;
    static final int ITEM = 1;

    boolean fxOnly() { return movement == 0; }

    String subscriptionKey() { return SubscriptionKey.of(dataSourceUuid, subscriptionExternalId); }

    /** Time order, ties in the order of docs/MRR.md "A subscription over time", then subscription_external_id. */
    static final Comparator<Change> ORDER = Comparator
            .comparing(Change::instant)
            .thenComparingInt(Change::kindRank)
            .thenComparing(Change::eventOrder, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::invoicedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::itemExternalId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::subscriptionExternalId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::dataSourceUuid, Comparator.nullsLast(Comparator.naturalOrder()));
}
