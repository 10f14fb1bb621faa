package io.mrrlake.mrr.ledger;

import io.mrrlake.model.MovementType;

/** DESCRIPTION of a movement row, in ChartMogul's words. */
final class Descriptions {
    private Descriptions() {}

    static String of(MovementType type, RowDraft r) {
        return switch (type) {
            case NEW_BIZ -> "purchased the " + r.planNameAfter + " plan";
            case REACTIVATION -> "reactivated an old account with " + r.planNameAfter + " plan";
            case CHURN -> "cancelled the " + r.planNameBefore + " plan";
            case EXPANSION, CONTRACTION -> change(type, r);
        };
    }

    private static String change(MovementType type, RowDraft r) {
        if (!r.liveAfter) return "cancelled the " + r.planNameBefore + " plan";
        if (!r.liveBefore) return "purchased the " + r.planNameAfter + " plan";
        if (r.planBefore != null && !r.planBefore.equals(r.planAfter)) {
            return (type == MovementType.EXPANSION ? "upgraded from " : "downgraded from ")
                    + r.planNameBefore + " to " + r.planNameAfter;
        }
        if (r.quantityAfter != r.quantityBefore) {
            return (r.quantityAfter > r.quantityBefore ? "increased quantity from " : "decreased quantity from ")
                    + r.quantityBefore + " to " + r.quantityAfter;
        }
        return (type == MovementType.EXPANSION ? "upgraded the " : "downgraded the ") + r.planNameAfter + " plan";
    }
}
