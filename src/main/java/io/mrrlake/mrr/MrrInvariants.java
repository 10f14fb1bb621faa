package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Checks the invariants of docs/MRR.md "Movements" on a calculated result, to the cent, over every
 * customer and month, and names the customer and month of each violation. The work runs in Spark;
 * only violations (at most {@link #LIMIT} per check) and the month rows reach the driver.
 * Reusable on generated data: {@code MrrInvariants.check(result, settings, asOf)} returns an empty
 * list when everything holds.
 */
public final class MrrInvariants {
    public static final int LIMIT = 20;

    private MrrInvariants() {}

    public static List<String> check(CalculatedResult result, MrrSettings settings, Instant asOf) {
        Dataset<Row> movements = result.get(OutputDataset.CALCULATED_MRR_MOVEMENTS);
        Dataset<Row> customers = result.get(OutputDataset.CALCULATED_CUSTOMERS);
        Dataset<Row> intervals = result.get(OutputDataset.CALCULATED_MRR_INTERVALS);
        Dataset<Row> monthly = result.get(OutputDataset.CALCULATED_MRR_MONTHLY);
        String monthColumn = OutputDataset.CALCULATED_MRR_MOVEMENTS.partitionColumn().orElseThrow();
        Dataset<Row> fx = result.fxImpacts() != null ? result.fxImpacts()
                .select(col(Columns.CUSTOMER_UUID), Months.monthOf(col(DATE), settings.timeZone()).as(MONTH), col(FX_IMPACT))
                : movements.sparkSession().emptyDataFrame()
                .select(lit(null).cast("string").as(Columns.CUSTOMER_UUID), lit(null).cast("string").as(MONTH), lit(0L).as(FX_IMPACT));
        // Every change of a customer's MRR, by month: movements and exchange-rate impact.
        Dataset<Row> changes = movements.select(col(Columns.CUSTOMER_UUID), col(monthColumn).as(MONTH), col(MRR_MOVEMENT).as("AMOUNT"))
                .unionByName(fx.select(col(Columns.CUSTOMER_UUID), col(MONTH), col(FX_IMPACT).as("AMOUNT")));

        List<String> out = new ArrayList<>();
        out.addAll(customerTotals(changes, customers, YearMonth.from(asOf.atZone(settings.timeZone())).toString()));
        out.addAll(customerMonthEnds(changes, intervals, settings, asOf));
        out.addAll(monthlyRollForward(monthly, changes, movements, monthColumn, settings, asOf));
        out.addAll(typeOrder(movements));
        out.addAll(uniqueDateRank(movements));
        return out;
    }

    /** Sum of a customer's movements = its MRR minus its exchange-rate impact. */
    private static List<String> customerTotals(Dataset<Row> changes, Dataset<Row> customers, String asOfMonth) {
        Dataset<Row> sums = changes.groupBy(col(Columns.CUSTOMER_UUID).as("C")).agg(CheckedSums.sumLong(col("AMOUNT"), "a customer's movements").as("S"));
        return strings(customers.join(sums, col(Columns.UUID).equalTo(col("C")), "left")
                .where(coalesce(col("S"), lit(0L)).notEqual(col(MRR)))
                .select(concat(lit("customer "), col(Columns.UUID), lit(" month " + asOfMonth + " (as-of): movements + FX impact = "),
                        coalesce(col("S"), lit(0L)).cast("string"), lit(" but MRR = "), col(MRR).cast("string"))));
    }

    /** For each customer and month with a change: its MRR at the month's end, from mrr_intervals, equals the running sum. */
    private static List<String> customerMonthEnds(Dataset<Row> changes, Dataset<Row> intervals, MrrSettings settings,
                                                  Instant asOf) {
        String asOfMonth = YearMonth.from(asOf.atZone(settings.timeZone())).toString();
        WindowSpec upTo = Window.partitionBy(col(Columns.CUSTOMER_UUID)).orderBy(col(MONTH))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> months = changes.groupBy(col(Columns.CUSTOMER_UUID), col(MONTH)).agg(CheckedSums.wideSum(col("AMOUNT")).as("A"))
                .withColumn("RUNNING", CheckedSums.toLong(sum(col("A")).over(upTo), "a customer's running MRR"))
                // The month end is the first instant of the next month in mrr.time_zone.
                .withColumn("T", to_utc_timestamp(add_months(to_date(concat(col(MONTH), lit("-01"))), 1).cast("timestamp"),
                        settings.timeZone().getId()));
        Dataset<Row> iv = intervals.select(col(Columns.CUSTOMER_UUID).as("I_C"), col(START_DATE), col(END_DATE), col(MRR));
        Column live = col("I_C").equalTo(col(Columns.CUSTOMER_UUID)).and(col(START_DATE).lt(col("T")))
                .and(col(END_DATE).isNull().or(col(END_DATE).geq(col("T"))));
        Dataset<Row> fromIntervals = months.join(iv, live, "left")
                .groupBy(col(Columns.CUSTOMER_UUID), col(MONTH), col("RUNNING"))
                .agg(coalesce(CheckedSums.sumLong(col(MRR), "a customer's MRR at a month end"), lit(0L)).as("AT_END"));
        Dataset<Row> mismatches = fromIntervals.where(col("RUNNING").notEqual(col("AT_END")).and(col(MONTH).leq(asOfMonth)));
        int minutes = settings.activityGroupingMinutes();
        if (minutes > 0) {
            // A group may cross a month's end (docs/MRR.md "Movements") and its rows are dated at their
            // subscriptions' first changes, so a change just after the end can be counted before it (one
            // subscription changed on both sides, or a linked pair): a month end with a change of the
            // customer within the grouping window before it and one at or after it is not compared.
            Dataset<Row> boundaries = intervals.select(col(Columns.CUSTOMER_UUID).as("N_C"), col(START_DATE).as("N_AT"))
                    .unionByName(intervals.select(col(Columns.CUSTOMER_UUID).as("N_C"), col(END_DATE).as("N_AT")))
                    .where(col("N_AT").isNotNull());
            Column window = expr("INTERVAL " + minutes + " MINUTES");
            Column before = col("N_AT").geq(col("S_T").minus(window)).and(col("N_AT").lt(col("S_T")));
            Column after = col("N_AT").geq(col("S_T")).and(col("N_AT").leq(col("S_T").plus(window)));
            Dataset<Row> straddled = months.select(col(Columns.CUSTOMER_UUID).as("S_C"), col(MONTH).as("S_M"), col("T").as("S_T"))
                    .join(boundaries, col("N_C").equalTo(col("S_C")).and(before.or(after)))
                    .groupBy(col("S_C"), col("S_M"))
                    .agg(max(before.cast("int")).as("B"), max(after.cast("int")).as("A"))
                    .where(col("B").equalTo(1).and(col("A").equalTo(1)))
                    .select(col("S_C"), col("S_M"));
            mismatches = mismatches.join(straddled, col(Columns.CUSTOMER_UUID).equalTo(col("S_C"))
                    .and(col(MONTH).equalTo(col("S_M"))), "left_anti");
        }
        return strings(mismatches
                .select(concat(lit("customer "), col(Columns.CUSTOMER_UUID), lit(" month "), col(MONTH),
                        lit(": movements + FX impact so far = "), col("RUNNING").cast("string"),
                        lit(" but MRR at month end from mrr_intervals = "), col("AT_END").cast("string"))));
    }

    /** Roll-forward to the cent, contiguous months, and month sums equal to the customers' rows. */
    private static List<String> monthlyRollForward(Dataset<Row> monthly, Dataset<Row> changes, Dataset<Row> movements,
                                                   String monthColumn, MrrSettings settings, Instant asOf) {
        List<String> out = new ArrayList<>();
        Dataset<Row> expected = changes.groupBy(col(MONTH).as("E_MONTH")).agg(CheckedSums.sumLong(col("AMOUNT"), "a month's movements").as("E"));
        Dataset<Row> perType = movements.groupBy(col(monthColumn).as("P_MONTH")).pivot(col(MOVEMENT_TYPE),
                List.of("new_biz", "expansion", "contraction", "churn", "reactivation").stream().map(x -> (Object) x).toList())
                .agg(CheckedSums.sumLong(col(MRR_MOVEMENT), "a month's movements of one type"));
        // Month rows are few (one per month): read them on the driver.
        List<Row> rows = monthly.join(expected, col(MONTH).equalTo(col("E_MONTH")), "left")
                .join(perType, col(MONTH).equalTo(col("P_MONTH")), "left")
                .orderBy(col(MONTH)).collectAsList();
        long previousEnd = 0;
        YearMonth previous = null;
        for (Row r : rows) {
            String m = r.getAs(MONTH);
            YearMonth ym = YearMonth.parse(m);
            long start = r.getAs(MRR_START);
            long end = r.getAs(MRR_END);
            long sumOfParts = start;
            for (String part : List.of(NEW_BIZ, EXPANSION, CONTRACTION, CHURN, REACTIVATION, FX_IMPACT)) {
                sumOfParts = Math.addExact(sumOfParts, (long) r.getAs(part));
            }
            if (previous != null && !ym.equals(previous.plusMonths(1))) out.add("month " + m + ": follows " + previous + " with a gap");
            if (start != previousEnd) out.add("month " + m + ": MRR_START " + start + " != previous MRR_END " + previousEnd);
            if (end != sumOfParts) out.add("month " + m + ": MRR_END " + end + " != start + movements + FX " + sumOfParts);
            Long e = r.getAs("E");
            if (end - start != (e == null ? 0 : e)) out.add("month " + m + ": change " + (end - start) + " != customers' changes " + e);
            for (String[] t : new String[][] {{"new_biz", NEW_BIZ}, {"expansion", EXPANSION}, {"contraction", CONTRACTION},
                    {"churn", CHURN}, {"reactivation", REACTIVATION}}) {
                Long fromRows = r.getAs(t[0]);
                if ((fromRows == null ? 0 : fromRows) != (long) r.getAs(t[1])) {
                    out.add("month " + m + ": " + t[1] + " " + r.getAs(t[1]) + " != sum of its rows " + fromRows);
                }
            }
            previousEnd = end;
            previous = ym;
        }
        String asOfMonth = YearMonth.from(asOf.atZone(settings.timeZone())).toString();
        if (previous != null && !previous.toString().equals(asOfMonth)) out.add("mrr_monthly ends at " + previous + ", not at the as-of month " + asOfMonth);
        if (previous == null && !movements.isEmpty()) out.add("mrr_monthly is empty although there are movements");
        return out;
    }

    /** new_biz at most once per customer; reactivation only after churn (the last other row before it is a churn). */
    private static List<String> typeOrder(Dataset<Row> movements) {
        // new_biz once: all new_biz rows form one group, the customer's first rows.
        WindowSpec upToRow = Window.partitionBy(col(Columns.CUSTOMER_UUID)).orderBy(col(DATE), col(RANK))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        List<String> out = new ArrayList<>(strings(movements
                .withColumn("OTHERS_SO_FAR", sum(when(col(MOVEMENT_TYPE).notEqual("new_biz"), 1).otherwise(0)).over(upToRow))
                .where(col(MOVEMENT_TYPE).equalTo("new_biz").and(col("OTHERS_SO_FAR").gt(0)))
                .select(concat(lit("customer "), col(Columns.CUSTOMER_UUID), lit(" month "), date_format(col(DATE), "yyyy-MM"),
                        lit(": new_biz at "), col(DATE).cast("string"), lit(" after other movements")))));
        WindowSpec before = Window.partitionBy(col(Columns.CUSTOMER_UUID)).orderBy(col(DATE), col(RANK))
                .rowsBetween(Window.unboundedPreceding(), -1);
        Dataset<Row> withPrevious = movements.withColumn("PREV_OTHER",
                last(when(col(MOVEMENT_TYPE).notEqual("reactivation"), col(MOVEMENT_TYPE)), true).over(before));
        out.addAll(strings(withPrevious
                .where(col(MOVEMENT_TYPE).equalTo("reactivation").and(coalesce(col("PREV_OTHER"), lit("none")).notEqual("churn")))
                .select(concat(lit("customer "), col(Columns.CUSTOMER_UUID), lit(" month "),
                        date_format(col(DATE), "yyyy-MM"), lit(": reactivation at "), col(DATE).cast("string"),
                        lit(" after "), coalesce(col("PREV_OTHER"), lit("no churn"))))));
        return out;
    }

    private static List<String> uniqueDateRank(Dataset<Row> movements) {
        return strings(movements.groupBy(col(Columns.CUSTOMER_UUID), col(DATE), col(RANK)).count().where(col("count").gt(1))
                .select(concat(lit("customer "), col(Columns.CUSTOMER_UUID), lit(" month "), date_format(col(DATE), "yyyy-MM"),
                        lit(": two rows with DATE "), col(DATE).cast("string"), lit(" and RANK "), col(RANK).cast("string"))));
    }

    private static List<String> strings(Dataset<Row> messages) {
        return messages.limit(LIMIT).collectAsList().stream().map(r -> r.getString(0)).toList();
    }
}
