package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Currency rates forward-filled per day: for every currency and day, the latest rate on or before
 * that day, if it is at most {@code maxAgeDays} old. A small table (currencies × days), broadcast
 * into the joins that use it.
 */
final class RateTable {
    private RateTable() {}

    /** DAY (date), CURRENCY, RATE (decimal(38,12), per USD), RATE_DATE (the source rate's own date). */
    static Dataset<Row> daily(Dataset<Row> rates, int maxAgeDays) {
        Column next = lead(col(DATE), 1).over(Window.partitionBy(col(CURRENCY)).orderBy(col(DATE)));
        Column lastDay = least(date_add(col(DATE), maxAgeDays), coalesce(date_sub(col("NEXT_DATE"), 1), date_add(col(DATE), maxAgeDays)));
        return rates
                .select(col(DATE).cast("date").as(DATE), upper(col(CURRENCY)).as(CURRENCY), col(RATE).cast("decimal(38,12)").as(RATE))
                .where(col(RATE).isNotNull().and(col(RATE).gt(0)))
                .withColumn("NEXT_DATE", next)
                .select(col(CURRENCY), col(RATE), col(DATE).as(RATE_DATE), explode(sequence(col(DATE), lastDay)).as(DAY));
    }

    /**
     * Adds {@code rateColumn}: the rate of {@code currency} on {@code day}; USD is always 1 (rates
     * are per USD). Null when no rate is recent enough.
     */
    static Dataset<Row> withRate(Dataset<Row> df, Dataset<Row> daily, Column currency, Column day, String rateColumn) {
        String c = rateColumn + "_C";
        String d = rateColumn + "_D";
        Dataset<Row> r = daily.select(col(CURRENCY).as(c), col(DAY).as(d), col(RATE).as(rateColumn + "_R"));
        return df.join(broadcast(r), upper(currency).equalTo(col(c)).and(day.equalTo(col(d))), "left")
                .withColumn(rateColumn, when(upper(currency).equalTo("USD"), lit(java.math.BigDecimal.ONE).cast("decimal(38,12)"))
                        .otherwise(col(rateColumn + "_R")))
                .drop(c, d, rateColumn + "_R");
    }
}
