package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

/** One row of calculated/mrr_intervals: a span of constant MRR of one subscription. */
public record Interval(
        String dataSourceUuid,
        String subscriptionExternalId,
        String subscriptionSetExternalId,
        String planUuid,
        Instant start,
        Instant end,
        long mrr,
        long mrrInInvoiceCurrency,
        String invoiceCurrency,
        long quantity,
        boolean free,
        boolean trial) implements Serializable {}
