package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

import io.mrrlake.model.MovementType;

/** One row of calculated/mrr_movements, before the customer's attributes are joined. */
public record Movement(
        String uuid,
        Instant date,
        int rank,
        String dataSourceUuid,
        String subscriptionExternalId,
        String planExternalId,
        String previousPlanExternalId,
        MovementType type,
        long mrrMovement,
        long mrr,
        String invoiceCurrency,
        Long mrrMovementInInvoiceCurrency,
        long quantity,
        String description) implements Serializable {}
