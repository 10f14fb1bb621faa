package io.mrrlake.report;

import static io.mrrlake.mrr.MrrColumns.*;

import org.apache.spark.sql.Row;

/**
 * One row of {@code calculated/mrr_monthly} as the report needs it: amounts in minor units of the
 * account currency, as in docs/DATASETS.md. Read by column name so the report does not depend on the
 * dataset's column order.
 */
public record MonthlyMrr(String month, String currency, long mrrStart, long newBiz, long expansion,
                         long contraction, long churn, long reactivation, long fxImpact, long mrrEnd,
                         long customersEnd) {

    /** A collected row of calculated/mrr_monthly (any integral column type; null counts as 0). */
    public static MonthlyMrr fromRow(Row row) {
        return new MonthlyMrr(row.getAs(MONTH), row.getAs(CURRENCY), amount(row, MRR_START),
                amount(row, NEW_BIZ), amount(row, EXPANSION), amount(row, CONTRACTION), amount(row, CHURN),
                amount(row, REACTIVATION), amount(row, FX_IMPACT), amount(row, MRR_END),
                amount(row, CUSTOMERS_END));
    }

    private static long amount(Row row, String column) {
        Object v = row.get(row.fieldIndex(column));
        return v == null ? 0L : ((Number) v).longValue();
    }

    /** The month's movements in the order the report draws them, with their type names. */
    public long[] movements() {
        return new long[] {newBiz, expansion, reactivation, contraction, churn, fxImpact};
    }

    public static final String[] MOVEMENT_NAMES =
            {"new business", "expansion", "reactivation", "contraction", "churn", "FX impact"};
}
