package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.MovementType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * calculated/mrr_monthly: every month from the first movement to the as-of month (gaps included),
 * MRR_END = MRR_START + the five movement types + FX_IMPACT exactly, by construction from sums.
 * One account currency per run, so the month spine is small (one row per month): its running sums
 * are a join of the spine with its own earlier months, not a window over one unpartitioned series
 * (which Spark can only run by moving every row into one partition).
 */
final class MonthlyRollForward {
    private MonthlyRollForward() {}

    static Dataset<Row> build(Dataset<Row> movements, Dataset<Row> fxImpacts, Dataset<Row> countChanges,
                              MrrSettings settings, Instant asOf) {
        String movementMonth = io.mrrlake.model.OutputDataset.CALCULATED_MRR_MOVEMENTS.partitionColumn().orElseThrow();
        String asOfMonth = YearMonth.from(asOf.atZone(settings.timeZone())).toString();
        Dataset<Row> spine = movements.agg(min(col(movementMonth)).as("FIRST"))
                .where(col("FIRST").isNotNull())
                .select(explode(sequence(to_date(concat(col("FIRST"), lit("-01"))),
                        to_date(lit(asOfMonth + "-01")), expr("interval 1 month"))).as("M"))
                .select(date_format(col("M"), Columns.MONTH_FORMAT).as(MONTH));

        Dataset<Row> byType = movements.groupBy(col(movementMonth).as("T_MONTH")).agg(
                typeSum(MovementType.NEW_BIZ, NEW_BIZ), typeSum(MovementType.EXPANSION, EXPANSION),
                typeSum(MovementType.CONTRACTION, CONTRACTION), typeSum(MovementType.CHURN, CHURN),
                typeSum(MovementType.REACTIVATION, REACTIVATION),
                typeCustomers(MovementType.NEW_BIZ, NEW_CUSTOMERS), typeCustomers(MovementType.CHURN, CHURNED_CUSTOMERS),
                typeCustomers(MovementType.REACTIVATION, REACTIVATED_CUSTOMERS));
        Dataset<Row> fx = fxImpacts.groupBy(Months.monthOf(col(DATE), settings.timeZone()).as("F_MONTH"))
                .agg(CheckedSums.wideSum(col(FX_IMPACT)).as(FX_IMPACT));
        Dataset<Row> counts = countChanges.groupBy(col(MONTH).as("C_MONTH")).agg(CheckedSums.wideSum(col(LedgerSchema.DELTA)).as("COUNT_DELTA"));

        Column change = col(NEW_BIZ).plus(col(EXPANSION)).plus(col(CONTRACTION)).plus(col(CHURN))
                .plus(col(REACTIVATION)).plus(col(FX_IMPACT));
        Dataset<Row> perMonth = spine
                .join(byType, col(MONTH).equalTo(col("T_MONTH")), "left")
                .join(fx, col(MONTH).equalTo(col("F_MONTH")), "left")
                .join(counts, col(MONTH).equalTo(col("C_MONTH")), "left")
                .na().fill(0L, new String[] {NEW_BIZ, EXPANSION, CONTRACTION, CHURN, REACTIVATION, FX_IMPACT,
                        NEW_CUSTOMERS, CHURNED_CUSTOMERS, REACTIVATED_CUSTOMERS, "COUNT_DELTA"})
                .withColumn("CHANGE", change);
        Dataset<Row> monthly = perMonth.join(upToMonth(perMonth), col(MONTH).equalTo(col("R_MONTH")))
                .withColumn(MRR_START, col(MRR_END).minus(col("CHANGE")))
                .withColumn(CUSTOMERS_START, col(CUSTOMERS_END).minus(col("COUNT_DELTA")));
        Column arpa = when(col(CUSTOMERS_END).gt(0),
                col(MRR_END).minus(pmod(col(MRR_END), col(CUSTOMERS_END))).divide(col(CUSTOMERS_END)))
                .otherwise(lit(0L));
        return monthly.select(col(MONTH), lit(settings.accountCurrency()).as(CURRENCY),
                exact(col(MRR_START), MRR_START), exact(col(NEW_BIZ), NEW_BIZ),
                exact(col(EXPANSION), EXPANSION), exact(col(CONTRACTION), CONTRACTION),
                exact(col(CHURN), CHURN), exact(col(REACTIVATION), REACTIVATION),
                exact(col(FX_IMPACT), FX_IMPACT), exact(col(MRR_END), MRR_END),
                exact(col(MRR_END).multiply(12L), ARR_END),
                exact(col(CUSTOMERS_START), CUSTOMERS_START), exact(col(CUSTOMERS_END), CUSTOMERS_END),
                exact(col(NEW_CUSTOMERS), NEW_CUSTOMERS), exact(col(CHURNED_CUSTOMERS), CHURNED_CUSTOMERS),
                exact(col(REACTIVATED_CUSTOMERS), REACTIVATED_CUSTOMERS), exact(arpa, ARPA),
                lit(Timestamp.from(asOf)).as(Columns.AS_OF));
    }

    /** Per month (R_MONTH): MRR_END and CUSTOMERS_END, the sums of CHANGE and COUNT_DELTA up to and including it. */
    private static Dataset<Row> upToMonth(Dataset<Row> perMonth) {
        Dataset<Row> earlier = perMonth.select(col(MONTH).as("E_MONTH"), col("CHANGE").as("E_CHANGE"),
                col("COUNT_DELTA").as("E_COUNT"));
        return perMonth.select(col(MONTH).as("R_MONTH"))
                .join(earlier, col("E_MONTH").leq(col("R_MONTH")))
                .groupBy(col("R_MONTH"))
                .agg(sum(col("E_CHANGE")).as(MRR_END), sum(col("E_COUNT")).as(CUSTOMERS_END));
    }

    /** A figure of the month's row as a long: its sums ran in decimal(38,0), and one that does not fit fails the run. */
    private static Column exact(Column wide, String name) {
        return CheckedSums.toLong(wide, "calculated/mrr_monthly " + name).as(name);
    }

    private static Column typeSum(MovementType type, String name) {
        return coalesce(CheckedSums.wideSum(when(col(MOVEMENT_TYPE).equalTo(type.wireName()), col(MRR_MOVEMENT))),
                lit(0L).cast(CheckedSums.WIDE)).as(name);
    }

    /**
     * Customers whose group of this type turns in the month: for new_biz and reactivation the row that
     * takes the customer above 0 (its group's first, where the customer's MRR before the row is 0),
     * for churn the row that brings it to 0 (its group's last). A group may cross a month's end
     * (docs/MRR.md), so its rows can fall in two months; counting every row's month counted one
     * customer new, or churned, in both. Within one month it is the same count as any row's.
     */
    private static Column typeCustomers(MovementType type, String name) {
        Column turning = type == MovementType.CHURN ? col(MRR).equalTo(0L)
                : col(MRR).minus(col(MRR_MOVEMENT)).equalTo(0L);
        return countDistinct(when(col(MOVEMENT_TYPE).equalTo(type.wireName()).and(turning), col(Columns.CUSTOMER_UUID)))
                .as(name);
    }
}
