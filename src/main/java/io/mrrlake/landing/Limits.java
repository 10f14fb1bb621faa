package io.mrrlake.landing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The ranges a landing value must be in, chosen so that the job's later arithmetic cannot leave a
 * 64-bit integer for one record, with room to spare for sums (docs/LANDING.md "Limits" derives them).
 * A value outside is a reject that names the limit, never a failed run.
 */
public final class Limits {
    /** |amount| of every money field (amount, tax, discount, fees, transaction and event amounts). */
    public static final long MAX_AMOUNT = 99_999_999_999_999L;
    /**
     * |MRR| an item can reach with the largest factor its own fields allow: ×365/12 for a day plan,
     * and for a prorated item the whole interval over its service period (at most 31 days and one
     * hour of daylight saving in seconds, ×365/12 for a day plan, over the period in seconds).
     */
    public static final long MAX_ITEM_MRR = 9_999_999_999_999_999L;
    /** Seconds a prorated item's MRR may scale by: one day plus an hour, ×365/12 (the largest case). */
    public static final long MAX_PRORATION_SECONDS = (86_400L + 3_600L) * 365 / 12;
    /** Months of a day plan per day, as a decimal for the bound: 365/12 rounded up. */
    public static final BigDecimal DAY_PLAN_FACTOR = new BigDecimal("30.42");
    /** interval_count of a plan. */
    public static final int MAX_INTERVAL_COUNT = 1_000;
    /** A rate (units per US dollar): gold is about 0.0003, the weakest currencies about 10^6. */
    public static final BigDecimal MIN_RATE = new BigDecimal("0.000001");
    public static final BigDecimal MAX_RATE = new BigDecimal("1000000000");
    /** Dates and timestamps: from 1900-01-01 (inclusive) to 2201-01-01 (exclusive), UTC. */
    public static final Instant MIN_DATE = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant END_DATE = Instant.parse("2201-01-01T00:00:00Z");

    private Limits() {}
}
