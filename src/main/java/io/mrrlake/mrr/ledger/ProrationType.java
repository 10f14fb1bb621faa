package io.mrrlake.mrr.ledger;

import java.util.Locale;

/** How a line item changes its subscription's MRR (docs/MRR.md "A subscription over time"). */
public enum ProrationType {
    /** Not prorated: sets the MRR. */
    NONE,
    /** Prorated, full: sets the MRR (scaled to a whole interval). */
    FULL,
    /** Prorated, differential: adds its (scaled) item MRR. */
    DIFFERENTIAL,
    /** project rule: adds its net amount as it is. */
    DIFFERENTIAL_MRR;

    /** From TYPE_DATA's prorated flag and proration_type; a prorated item without type is FULL. */
    public static ProrationType of(boolean prorated, String type) {
        if (!prorated) return NONE;
        if (type == null || type.isBlank()) return FULL;
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "differential" -> DIFFERENTIAL;
            case "differential_mrr" -> DIFFERENTIAL_MRR;
            default -> FULL;
        };
    }

    public boolean sets() { return this == NONE || this == FULL; }
}
