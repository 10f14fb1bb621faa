package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

/** Exchange-rate impact: a change of a subscription's account-currency MRR that is not a movement. */
public record FxImpact(Instant date, String dataSourceUuid, String subscriptionExternalId, long amount)
        implements Serializable {}
