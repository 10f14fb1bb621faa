package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;

/**
 * Sums of 64-bit minor units that fail the run instead of wrapping. The job runs without ANSI mode,
 * where Spark's sum of longs wraps around silently past 2^63; these sums add in decimal(38,0), which
 * no sum of 64-bit values over fewer than 10^19 rows can leave, and turn the total back into a long
 * only when it fits, raising an error that names the figure otherwise (docs/LANDING.md "Limits").
 */
final class CheckedSums {
    /** Wide enough for any sum of 64-bit values the job can meet. */
    static final String WIDE = "decimal(38,0)";

    private CheckedSums() {}

    /** Aggregate: the sum of {@code c} in {@link #WIDE}; give it to {@link #toLong} (or sum further) once summed. */
    static Column wideSum(Column c) {
        return sum(c.cast(WIDE));
    }

    /** Aggregate: the sum of {@code c} as a long; null for no rows; an error naming {@code figure} beyond 64 bits. */
    static Column sumLong(Column c, String figure) {
        return toLong(wideSum(c), figure);
    }

    /** {@code wide} as a long, or an error naming {@code figure} and the value when it does not fit. */
    static Column toLong(Column wide, String figure) {
        return when(wide.isNull(), lit(null).cast("long"))
                .when(wide.between(lit(new BigDecimal(Long.MIN_VALUE)), lit(new BigDecimal(Long.MAX_VALUE))), wide.cast("long"))
                .otherwise(raise_error(concat(lit(figure + " leaves the 64-bit range of minor units: "), wide.cast("string"))));
    }
}
