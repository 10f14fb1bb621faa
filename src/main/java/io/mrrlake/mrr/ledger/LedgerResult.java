package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.util.List;

/** Everything one customer's ledger emits. */
public record LedgerResult(
        List<Movement> movements,
        List<Interval> intervals,
        List<SubscriptionState> subscriptions,
        List<FxImpact> fxImpacts,
        List<CountChange> countChanges,
        CustomerSummary summary) implements Serializable {}
