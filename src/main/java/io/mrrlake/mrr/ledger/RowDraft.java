package io.mrrlake.mrr.ledger;

import java.time.Instant;

/** One subscription's net change within one group: the making of one movement row. */
final class RowDraft {
    final String dataSourceUuid;
    final String subscriptionExternalId;
    final String subscriptionSetExternalId;
    final Instant firstInstant;
    boolean liveBefore;
    boolean liveAfter;
    String planBefore;
    String planAfter;
    String planNameBefore;
    String planNameAfter;
    long quantityBefore;
    long quantityAfter;
    String currency;
    long movement;
    Long movementInInvoiceCurrency;
    boolean absorbed;

    RowDraft(Change first) {
        dataSourceUuid = first.dataSourceUuid();
        subscriptionExternalId = first.subscriptionExternalId();
        subscriptionSetExternalId = first.subscriptionSetExternalId();
        firstInstant = first.instant();
        liveBefore = first.liveBefore();
        planBefore = first.planBefore();
        planNameBefore = first.planNameBefore();
        quantityBefore = first.quantityBefore();
        currency = first.currency();
        movementInInvoiceCurrency = 0L;
    }

    void add(Change c) {
        movement = Math.addExact(movement, c.movement());
        if (movementInInvoiceCurrency != null && c.currency().equals(currency)) {
            movementInInvoiceCurrency = Math.addExact(movementInInvoiceCurrency, c.movementInInvoiceCurrency());
        } else {
            movementInInvoiceCurrency = null;
        }
        liveAfter = c.liveAfter();
        planAfter = c.planAfter();
        planNameAfter = c.planNameAfter();
        quantityAfter = c.quantityAfter();
    }

    boolean ended() { return liveBefore && !liveAfter; }

    boolean started() { return !liveBefore && liveAfter; }

    /** A linked subscription: the ended one's change and plan become this row's. */
    void absorb(RowDraft ended) {
        movement = Math.addExact(movement, ended.movement);
        movementInInvoiceCurrency = movementInInvoiceCurrency != null && ended.movementInInvoiceCurrency != null
                && ended.currency.equals(currency) ? Math.addExact(movementInInvoiceCurrency, ended.movementInInvoiceCurrency) : null;
        liveBefore = true;
        planBefore = ended.planBefore;
        planNameBefore = ended.planNameBefore;
        quantityBefore = ended.quantityBefore;
        ended.absorbed = true;
    }

    boolean linkableWith(RowDraft ended) {
        return started() && ended.ended() && !ended.absorbed && subscriptionSetExternalId != null
                && subscriptionSetExternalId.equals(ended.subscriptionSetExternalId)
                && dataSourceUuid.equals(ended.dataSourceUuid);
    }
}
