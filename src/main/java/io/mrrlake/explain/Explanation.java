package io.mrrlake.explain;

import java.time.Instant;
import java.util.List;

import io.mrrlake.mrr.ledger.LedgerTrace;

/**
 * Why one calculated customer's MRR is what it is: everything the explain command prints. Amounts are
 * integers in their currency's minor units; account-currency amounts are in {@link #accountCurrency}.
 */
public record Explanation(
        Customer customer,
        String accountCurrency,
        Instant asOf,
        List<SourceCustomer> sourceCustomers,
        List<Merge> merges,
        boolean autoMergeByExternalId,
        List<Subscription> subscriptions,
        List<LedgerTrace.Step> groups,
        List<Movement> movements,
        List<MonthFx> fxByMonth,
        List<Reject> rejects) {

    /** The calculated customer as the run's calculated/customers has it. */
    public record Customer(String uuid, String name, long mrr, String status) {}

    public record SourceCustomer(String dataSourceUuid, String externalId, String name, boolean primary) {}

    /** A merge record among the customer's source customers; {@code applied} false when after the as-of. */
    public record Merge(SourceKeyView from, SourceKeyView into, Instant mergedAt, boolean applied) {}

    public record SourceKeyView(String dataSourceUuid, String externalId) {}

    public record Subscription(String dataSourceUuid, String externalId, List<Item> items, List<LedgerTrace.Step> steps) {}

    /**
     * A line item and what became of it.
     *
     * @param taken   true when it took part in the subscription's MRR
     * @param why     the reason, or the reason code it was left out or rejected with
     * @param formula the item MRR with its terms filled in (null for items left out before the ledger)
     * @param rates   the rates used and their dates (null when no conversion was needed)
     */
    public record Item(String externalId, String invoiceExternalId, String type, Instant serviceStart,
                       Instant serviceEnd, long amount, long tax, String currency, String proration,
                       boolean invoicePaid, boolean taken, String why, String formula, Long itemMrr, String rates) {}

    /** A row of calculated/mrr_movements with the rule that chose it. */
    public record Movement(Instant date, int rank, String type, long mrrMovement, long mrr,
                           String dataSourceUuid, String subscriptionExternalId, String description, String reason) {}

    public record MonthFx(String month, long fxImpact) {}

    /** A record of the selected input that validation rejected. */
    public record Reject(String kind, String reason, String detail) {}
}
