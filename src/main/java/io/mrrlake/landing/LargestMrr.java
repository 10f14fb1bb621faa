package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;

/**
 * The largest |MRR| a line item can reach whatever its plan (docs/LANDING.md "Limits"): its net
 * amount ×365/12 (a day plan), and a prorated item's also × the seconds of a whole interval per
 * month over the seconds of its service period. The landing check bounds it in the invoice's
 * currency; the engine bounds it again once converted to the account currency. Exact decimal
 * arithmetic, so it cannot overflow itself.
 */
public final class LargestMrr {
    private LargestMrr() {}

    /**
     * @param net              amount minus tax, in the invoice currency's minor units (long)
     * @param periodSeconds    whole seconds of the service period, as the ledger counts them (long)
     * @param proratedNotDiff  {@code prorated} and a proration type other than differential_mrr
     *                         (a differential_mrr item's MRR is its net)
     * @return ceil(|net| × max(365/12, MAX_PRORATION_SECONDS / period seconds)), decimal
     */
    public static Column of(Column net, Column periodSeconds, Column proratedNotDiff) {
        Column magnitude = abs(net.cast("decimal(20,0)"));
        Column scale = when(proratedNotDiff.and(periodSeconds.gt(0)),
                lit(Limits.MAX_PRORATION_SECONDS).cast("decimal(20,0)").divide(periodSeconds.cast("decimal(20,0)")))
                .otherwise(lit(0));
        return ceil(magnitude.multiply(greatest(lit(Limits.DAY_PLAN_FACTOR), scale)));
    }

    /** Whole seconds from {@code start} to {@code end} (timestamps), as the ledger counts them. */
    public static Column periodSeconds(Column start, Column end) {
        return unix_micros(end).minus(unix_micros(start)).divide(1_000_000L).cast("long");
    }

    /** True when the item's {@code prorated} flag and {@code proration_type} scale its MRR by its period. */
    public static Column scalesByPeriod(Column prorated, Column prorationType) {
        return coalesce(prorated, lit(false)).and(coalesce(prorationType, lit("")).notEqual("differential_mrr"));
    }
}
