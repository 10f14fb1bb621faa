package io.mrrlake.mrr.ledger;

/**
 * Ledger arithmetic that left the 64-bit range of minor units (an extreme ratio of two currency
 * rates, many large amounts summed): the run fails, and the message names the customer and, where
 * known, the subscription, so the records to look at can be found in the landing zone.
 */
public final class LedgerOverflow extends ArithmeticException {
    private LedgerOverflow(String message) {
        super(message);
    }

    static LedgerOverflow of(String customerUuid, String subscriptionKey, ArithmeticException cause) {
        if (cause instanceof LedgerOverflow named) return named;
        LedgerOverflow e = new LedgerOverflow("customer " + customerUuid
                + (subscriptionKey == null ? "" : ", subscription " + subscriptionKey)
                + ": " + cause.getMessage() + " (a figure beyond the 64-bit range of minor units:"
                + " check this customer's amounts and the currency rates on its invoice dates)");
        e.initCause(cause);
        return e;
    }
}
