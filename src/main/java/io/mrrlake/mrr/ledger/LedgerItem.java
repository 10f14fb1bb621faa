package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One subscription or trial line item with the facts the ledger needs, already joined in Spark:
 * its plan, its invoice's paid flag and due date, and the exchange rates of its start day.
 *
 * @param net          amount minus tax, in invoice currency minor units
 * @param rateAccount  the account currency's rate per USD on the item's start day (1 for USD)
 * @param rateInvoice  the invoice currency's rate per USD on that day
 */
public record LedgerItem(
        String itemUuid,
        String dataSourceUuid,
        String subscriptionExternalId,
        String subscriptionSetExternalId,
        String planUuid,
        String planExternalId,
        String planName,
        String intervalUnit,
        int intervalCount,
        boolean trial,
        Instant serviceStart,
        Instant serviceEnd,
        Integer eventOrder,
        Instant invoicedAt,
        String itemExternalId,
        String invoiceUuid,
        String currency,
        long net,
        ProrationType proration,
        long quantity,
        boolean invoicePaid,
        Instant invoiceDueAt,
        BigDecimal rateAccount,
        BigDecimal rateInvoice) implements Serializable {

    public String subscriptionKey() {
        return SubscriptionKey.of(dataSourceUuid, subscriptionExternalId);
    }

    public String planLabel() {
        return planName != null && !planName.isBlank() ? planName : planExternalId;
    }

    /** "1 month", "3 months", "1 year": the billing cycle as customers.BILLING_CYCLE lists it. */
    public String billingCycle() {
        return intervalCount + " " + intervalUnit + (intervalCount == 1 ? "" : "s");
    }
}
