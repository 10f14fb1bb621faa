package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * NET_PAYMENTS per calculated customer: successful payments minus successful refunds up to the
 * as-of, each converted to the account currency at its own day's rates and rounded on its own.
 */
final class NetPayments {
    private NetPayments() {}

    /** CUSTOMER_UUID, NET_PAYMENTS. */
    static Dataset<Row> build(Dataset<Row> invoices, Dataset<Row> transactions, Dataset<Row> dailyRates,
                              MrrSettings settings, Timestamp asOf) {
        String account = settings.accountCurrency().toUpperCase(java.util.Locale.ROOT);
        Dataset<Row> tx = InvoicePayments.successfulTransactions(invoices, transactions, asOf)
                .withColumn("TX_CURRENCY", upper(coalesce(col(CURRENCY), col("I_CURRENCY"))))
                .withColumn(DAY, to_date(from_utc_timestamp(col(TRANSACTED_AT), settings.timeZone().getId())));
        tx = RateTable.withRate(tx, dailyRates, col("TX_CURRENCY"), col(DAY), "R_TX");
        tx = RateTable.withRate(tx, dailyRates, lit(account), col(DAY), "R_ACC");
        Column same = col("TX_CURRENCY").equalTo(lit(account));
        // Decimal arithmetic, rounded half away from zero (Spark's round on decimals is HALF_UP).
        Column converted = when(same, col("SIGNED")).otherwise(
                round(col("SIGNED").cast("decimal(38,0)").multiply(col("R_ACC")).divide(col("R_TX")), 0).cast("long"));
        return tx.where(same.or(col("R_TX").isNotNull().and(col("R_ACC").isNotNull())))
                .groupBy(col("I_CUSTOMER").as(Columns.CUSTOMER_UUID))
                .agg(sum(converted).as(NET_PAYMENTS));
    }
}
