package io.mrrlake.mrr.ledger;

import java.io.Serializable;
import java.time.Instant;

/**
 * A customer's end state at the as-of instant.
 *
 * @param status        null for a lead: the customer's own lead status applies
 * @param planNames     every plan ever held, in the order first held, pipe-separated (null if none)
 * @param billingCycles the distinct billing cycles of those plans, same order (null if none)
 */
public record CustomerSummary(long mrr, Status status, Instant subscriberSince, String planNames,
                              String billingCycles) implements Serializable {

    public enum Status {
        PAST_DUE("Past Due"), ACTIVE("Active"), CANCELLED("Cancelled");

        private final String label;

        Status(String label) { this.label = label; }

        public String label() { return label; }
    }
}
