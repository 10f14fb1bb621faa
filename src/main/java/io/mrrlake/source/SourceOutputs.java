package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.landing.RawColumns;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Columns;
import io.mrrlake.model.EventType;
import io.mrrlake.model.InvoiceStatus;
import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Valid, unique records → the source datasets: calculated customer ids, derived invoice totals and
 * statuses, the as-of cut-off, AS_OF and the month partition columns.
 */
final class SourceOutputs {
    private static final String MAPPED_CUSTOMER = "_MAPPED_CUSTOMER";
    private final Column asOfTs;
    private final Dataset<Row> mapping;

    /** @param mapping DATA_SOURCE_UUID, EXTERNAL_ID, CUSTOMER_UUID, IS_PRIMARY */
    SourceOutputs(Instant asOf, Dataset<Row> mapping) {
        this.asOfTs = lit(Timestamp.from(asOf));
        this.mapping = mapping;
    }

    Dataset<Row> dataSources(Dataset<Row> valid) {
        return finish(valid, DataSourceRules.OUTPUT, null);
    }

    Dataset<Row> plans(Dataset<Row> valid) {
        return finish(valid, PlanRules.OUTPUT, null);
    }

    Dataset<Row> customers(Dataset<Row> valid) {
        return finish(withCalculatedCustomer(valid, EXTERNAL_ID)
                .withColumn(UNMAPPED_ATTRIBUTES, CustomerRules.unmappedAttributes()), CustomerRules.OUTPUT, null);
    }

    Dataset<Row> tags(Dataset<Row> valid) {
        return finish(withCalculatedCustomer(valid, CUSTOMER_EXTERNAL_ID), TagRules.OUTPUT, null);
    }

    Dataset<Row> attributes(Dataset<Row> valid) {
        return finish(withCalculatedCustomer(valid, CUSTOMER_EXTERNAL_ID), AttributeRules.OUTPUT, null);
    }

    Dataset<Row> contacts(Dataset<Row> valid) {
        return finish(withCalculatedCustomer(valid, CUSTOMER_EXTERNAL_ID), ContactRules.OUTPUT, null);
    }

    /**
     * Invoices dated at or before the as-of instant. TOTAL_IN_CENTS is the sum of the invoice's valid
     * items (all of them: the invoice as issued); a missing status is paid when successful payments
     * minus successful refunds up to the as-of instant cover the total, else open.
     */
    Dataset<Row> invoices(Dataset<Row> invoices, Dataset<Row> items, Dataset<Row> transactions) {
        Dataset<Row> totals = items.groupBy(col(INVOICE_UUID).as("_T_INVOICE"))
                .agg(exactSum(col(AMOUNT_IN_CENTS), "total of invoice", col("_T_INVOICE")).as("_TOTAL"));
        Dataset<Row> withTotal = invoices.filter(col(INVOICED_AT).leq(asOfTs))
                .join(totals, col(UUID).equalTo(col("_T_INVOICE")), "left")
                .withColumn(TOTAL_IN_CENTS, coalesce(col("_TOTAL"), lit(0L)));
        Dataset<Row> paidAmounts = transactions
                .filter(col(RESULT).equalTo("successful").and(col(TRANSACTED_AT).leq(asOfTs)))
                .join(withTotal.select(col(UUID).as("_P_INVOICE"), col(TOTAL_IN_CENTS).as("_P_TOTAL")),
                        col(INVOICE_UUID).equalTo(col("_P_INVOICE")))
                .groupBy(col("_P_INVOICE"))
                // Only compared with the total, so summed in decimal with no 64-bit check: payments
                // without an amount each count the whole total, and hundreds of them may pass 2^63.
                .agg(sum(when(col(TYPE).equalTo("refund"), negate(coalesce(col(GIVEN_AMOUNT), col("_P_TOTAL"))))
                        .otherwise(coalesce(col(GIVEN_AMOUNT), col("_P_TOTAL"))).cast(WIDE)).as("_PAID"));
        Column derived = when(coalesce(col("_PAID"), lit(0L).cast(WIDE)).geq(col(TOTAL_IN_CENTS)), lit(InvoiceStatus.PAID.ordinal()))
                .otherwise(lit(InvoiceStatus.OPEN.ordinal()));
        Dataset<Row> rows = withTotal.join(paidAmounts, col(UUID).equalTo(col("_P_INVOICE")), "left")
                .withColumn(STATUS, coalesce(Values.ordinal(col(STATUS_NAME), InvoiceRules.STATUSES), derived))
                .withColumn(UNMAPPED_ATTRIBUTES, col(RawColumns.UNMAPPED))
                .withColumn(INVOICED_AT_MONTH, Values.month(col(INVOICED_AT)));
        return finish(withCalculatedCustomer(rows, DATA_SOURCE_CUSTOMER_EXTERNAL_ID), InvoiceRules.OUTPUT,
                INVOICED_AT_MONTH);
    }

    /** Wide enough for any sum of 64-bit values the stage can meet. */
    private static final String WIDE = "decimal(38,0)";

    /**
     * A sum of bigints that fails the run, naming what it sums, rather than wrap around (Spark's
     * bigint sum does outside ANSI mode). Landing limits keep it far from the edge for any real
     * invoice; the sum is taken in decimal so the check itself cannot overflow.
     */
    static Column exactSum(Column values, String what, Column owner) {
        Column total = sum(values.cast(WIDE));
        return when(total.gt(lit(Long.MAX_VALUE)).or(total.lt(lit(Long.MIN_VALUE))),
                raise_error(concat(lit(what + " "), owner, lit(" = "), total.cast("string"),
                        lit(" is outside the 64-bit range"))))
                .otherwise(total.cast("long"));
    }

    /**
     * Items of the invoices kept, starting at or before the as-of instant (an item without a service
     * period counts from its invoice's date). One-time items are partitioned by their invoice's month.
     */
    Dataset<Row> lineItems(Dataset<Row> items, Dataset<Row> invoiceRows) {
        Column month = when(col(TYPE).equalTo("one_time").or(col(SERVICE_PERIOD_START).isNull()),
                Values.month(col(INVOICED_AT))).otherwise(Values.month(col(SERVICE_PERIOD_START)));
        Dataset<Row> rows = withInvoice(items, invoiceRows)
                .filter(startsAt().leq(asOfTs))
                .withColumn(SERVICE_PERIOD_START_MONTH, month);
        return finish(rows, LineItemRules.OUTPUT, SERVICE_PERIOD_START_MONTH);
    }

    /**
     * Valid invoices dated after the as-of instant, which {@link #invoices} leaves out, with what
     * {@link #lineItemsAfterAsOf} needs of them: UUID, CURRENCY, INVOICED_AT and the customer's key.
     * No join: only the explain command reads them, and it joins the few it needs.
     */
    Dataset<Row> invoicesAfterAsOf(Dataset<Row> invoices) {
        return invoices.filter(col(INVOICED_AT).gt(asOfTs))
                .select(col(UUID), col(CURRENCY), col(INVOICED_AT), col(DATA_SOURCE_UUID), col(DATA_SOURCE_CUSTOMER_EXTERNAL_ID));
    }

    /**
     * Items that {@link #lineItems} leaves out for the as-of cut-off (their invoice's date or their
     * start is after it), with their invoice's currency and calculated customer: CUSTOMER_UUID, then
     * the columns of {@link #lineItems} without AS_OF and the month. Their invoices are the source
     * dataset's ({@link #invoices}) and those after the as-of instant ({@link #invoicesAfterAsOf}).
     */
    Dataset<Row> lineItemsAfterAsOf(Dataset<Row> items, Dataset<Row> invoiceRows, Dataset<Row> invoicesAfterAsOf) {
        List<Column> out = new ArrayList<>();
        out.add(col(CUSTOMER_UUID));
        for (String c : LineItemRules.OUTPUT) out.add(col(c));
        Dataset<Row> invoices = invoiceRows.select(col(UUID), col(CURRENCY), col(INVOICED_AT), col(CUSTOMER_UUID))
                .unionByName(withCalculatedCustomer(invoicesAfterAsOf, DATA_SOURCE_CUSTOMER_EXTERNAL_ID)
                        .select(col(UUID), col(CURRENCY), col(INVOICED_AT), col(CUSTOMER_UUID)));
        return withInvoice(items, invoices, col(CUSTOMER_UUID))
                .filter(col(INVOICED_AT).gt(asOfTs).or(startsAt().gt(asOfTs)))
                .select(out.toArray(Column[]::new));
    }

    /** The items joined to their invoice, with its CURRENCY, INVOICED_AT and the given columns. */
    private static Dataset<Row> withInvoice(Dataset<Row> items, Dataset<Row> invoices, Column... more) {
        List<Column> parent = new ArrayList<>(List.of(col(UUID).as("_I_INVOICE"), col(CURRENCY), col(INVOICED_AT)));
        parent.addAll(List.of(more));
        return items.join(invoices.select(parent.toArray(Column[]::new)), col(INVOICE_UUID).equalTo(col("_I_INVOICE")));
    }

    /** When an item counts from: its service period's start, or its invoice's date when it has none. */
    private static Column startsAt() {
        return coalesce(col(SERVICE_PERIOD_START), col(INVOICED_AT));
    }

    /** Transactions of the invoices kept, dated at or before the as-of instant; no amount = the invoice total. */
    Dataset<Row> transactions(Dataset<Row> transactions, Dataset<Row> invoiceRows) {
        Dataset<Row> parent = invoiceRows.select(col(UUID).as("_I_INVOICE"), col(CURRENCY),
                col(TOTAL_IN_CENTS).as("_I_TOTAL"));
        Dataset<Row> rows = transactions.join(parent, col(INVOICE_UUID).equalTo(col("_I_INVOICE")))
                .filter(col(TRANSACTED_AT).leq(asOfTs))
                .withColumn(AMOUNT_IN_CENTS, coalesce(col(GIVEN_AMOUNT), col("_I_TOTAL")))
                .withColumn(TRANSACTED_AT_MONTH, Values.month(col(TRANSACTED_AT)));
        return finish(rows, TransactionRules.OUTPUT, TRANSACTED_AT_MONTH);
    }

    /**
     * Events recorded and effective at or before the as-of instant. RETRACTED: a kept
     * subscription_event_retracted of the same data source names the event's external_id.
     */
    Dataset<Row> events(Dataset<Row> events) {
        Dataset<Row> kept = events.filter(col(EVENT_DATE).leq(asOfTs).and(col(EFFECTIVE_DATE).leq(asOfTs)));
        Dataset<Row> retractions = kept
                .filter(col(EVENT_TYPE_NAME).equalTo(EventType.SUBSCRIPTION_EVENT_RETRACTED.wireName()))
                // In the join's order (SortKeys.joinOn): the distinct rows are hash-partitioned by it.
                .select(col(RETRACTED_EVENT_ID).as("_R_ID"), col(DATA_SOURCE_UUID).as("_R_DS"))
                .distinct().withColumn("_R", lit(true));
        Dataset<Row> rows = kept.join(retractions, SortKeys.joinOn(List.of(DATA_SOURCE_UUID, EXTERNAL_ID), List.of("_R_DS", "_R_ID")), "left")
                .withColumn(RETRACTED, coalesce(col("_R"), lit(false)))
                .withColumn(EFFECTIVE_DATE_MONTH, Values.month(col(EFFECTIVE_DATE)));
        return finish(rows, EventRules.OUTPUT, EFFECTIVE_DATE_MONTH);
    }

    /** Rates of days up to the as-of instant's UTC date. */
    Dataset<Row> rates(Dataset<Row> rates, LocalDate asOfDate) {
        return finish(rates.filter(col(DATE).leq(lit(java.sql.Date.valueOf(asOfDate)))), RateRules.OUTPUT, null);
    }

    /** Adds CUSTOMER_UUID: the calculated customer of (DATA_SOURCE_UUID, externalIdColumn). */
    private Dataset<Row> withCalculatedCustomer(Dataset<Row> rows, String externalIdColumn) {
        Dataset<Row> m = mapping.select(col(Columns.DATA_SOURCE_UUID).as("_M_DS"), col(Columns.EXTERNAL_ID).as("_M_EXT"),
                col(Columns.CUSTOMER_UUID).as(MAPPED_CUSTOMER));
        return rows.join(m, SortKeys.joinOn(List.of(DATA_SOURCE_UUID, externalIdColumn), List.of("_M_DS", "_M_EXT")), "left")
                .withColumn(CUSTOMER_UUID, col(MAPPED_CUSTOMER));
    }

    /** The dataset's columns in docs/DATASETS.md order, then AS_OF, then the month column. */
    private Dataset<Row> finish(Dataset<Row> rows, List<String> columns, String monthColumn) {
        List<Column> out = new ArrayList<>();
        for (String c : columns) out.add(col(c));
        out.add(asOfTs.as(Columns.AS_OF));
        if (monthColumn != null) out.add(col(monthColumn));
        return rows.select(out.toArray(Column[]::new));
    }
}
