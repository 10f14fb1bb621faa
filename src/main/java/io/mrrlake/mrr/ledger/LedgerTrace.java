package io.mrrlake.mrr.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions one customer's ledger takes, in the order it takes them, written down where the
 * ledger takes them (the explain command shows them). The job's run passes none: the ledger then
 * records nothing and builds no text.
 */
public final class LedgerTrace {

    /** What a step is about. */
    public enum Kind { ITEM, CANCELLATION, AUTO_CHURN, FREE_PLAN, CHANGE, CONVERSION, FX, GROUP }

    /**
     * @param subscriptionKey the subscription the step belongs to, or null for the customer's own steps
     */
    public record Step(Instant at, String subscriptionKey, Kind kind, String text) {}

    /** Whether a line item took part in the subscription's MRR, and why. */
    public record ItemDecision(boolean taken, String why) {}

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, ItemDecision> items = new LinkedHashMap<>();
    private final Map<String, String> movementReasons = new LinkedHashMap<>();

    void step(Instant at, String subscriptionKey, Kind kind, String text) {
        steps.add(new Step(at, subscriptionKey, kind, text));
    }

    void item(LedgerItem item, boolean taken, String why) {
        items.put(item.itemUuid(), new ItemDecision(taken, why));
    }

    void movement(String movementUuid, String reason) {
        movementReasons.put(movementUuid, reason);
    }

    public List<Step> steps() { return Collections.unmodifiableList(steps); }

    /** By line item UUID. */
    public Map<String, ItemDecision> items() { return Collections.unmodifiableMap(items); }

    /** By movement UUID: the rule that chose the movement's type, its grouping and linking. */
    public Map<String, String> movementReasons() { return Collections.unmodifiableMap(movementReasons); }

    /** The key steps carry for a subscription (data source and external id). */
    public static String subscriptionKey(String dataSourceUuid, String subscriptionExternalId) {
        return SubscriptionKey.of(dataSourceUuid, subscriptionExternalId);
    }
}
