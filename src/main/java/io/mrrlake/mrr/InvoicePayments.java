package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;

import io.mrrlake.model.Columns;
import io.mrrlake.model.InvoiceStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Whether an invoice is paid by the as-of instant (docs/MRR.md "A subscription over time", "Paid before counted"). */
final class InvoicePayments {
    private InvoicePayments() {}

    /** Successful transactions up to the as-of; a missing amount is the whole invoice total. */
    static Dataset<Row> successfulTransactions(Dataset<Row> invoices, Dataset<Row> transactions, Timestamp asOf) {
        Dataset<Row> inv = invoices.select(col(Columns.UUID).as("I_UUID"), col(TOTAL_IN_CENTS).as("I_TOTAL"),
                col(CURRENCY).as("I_CURRENCY"), col(Columns.CUSTOMER_UUID).as("I_CUSTOMER"));
        return successful(transactions, asOf)
                .join(inv, col(INVOICE_UUID).equalTo(col("I_UUID")), "inner")
                .withColumn("SIGNED", when(lower(col(TYPE)).equalTo("refund"), lit(-1L)).otherwise(lit(1L))
                        .multiply(coalesce(col(AMOUNT_IN_CENTS).cast("long"), col("I_TOTAL").cast("long"))));
    }

    /** Successful transactions dated at or before the as-of. */
    static Dataset<Row> successful(Dataset<Row> transactions, Timestamp asOf) {
        return transactions.where(lower(col(RESULT)).equalTo("successful").and(col(TRANSACTED_AT).leq(lit(asOf))));
    }

    /** Adds INVOICE_PAID: status paid, or successful payments net of refunds cover the total. */
    static Dataset<Row> withPaidFlag(Dataset<Row> invoices, Dataset<Row> transactions, Timestamp asOf) {
        // Only compared with the total, so left in decimal: payments without an amount each count the
        // whole total, and hundreds of them on one invoice pass 2^63 (a figure nobody reads, no failed run).
        Dataset<Row> paid = successfulTransactions(invoices, transactions, asOf)
                .groupBy(col(INVOICE_UUID)).agg(CheckedSums.wideSum(col("SIGNED")).as(PAID_IN_CENTS));
        Column covered = coalesce(col(PAID_IN_CENTS), lit(0L).cast(CheckedSums.WIDE))
                .geq(coalesce(col(TOTAL_IN_CENTS).cast("long"), lit(0L)));
        return invoices.join(paid, col(Columns.UUID).equalTo(col(INVOICE_UUID)), "left")
                .drop(INVOICE_UUID)
                .withColumn(INVOICE_PAID, coalesce(col(STATUS).equalTo(lit(InvoiceStatus.PAID.ordinal())), lit(false)).or(covered));
    }
}
