package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.landing.LargestMrr;
import io.mrrlake.model.Columns;
import io.mrrlake.model.InvoiceStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step 1 of the engine: each subscription/trial line item with the facts its customer's ledger
 * needs (docs/MRR.md "MRR of one item" to "A subscription over time"), as set operations in Spark SQL.
 */
final class ItemFacts {

    /**
     * Items ready for the ledger, and items the engine rejects (their source columns, the rates'
     * columns, REASON, ACCOUNT_MRR_BOUND and {@link SubscriptionOwners#OTHER_OWNER}): {@code duplicate_key}
     * for an item of a subscription that another customer holds ({@link SubscriptionOwners}),
     * {@code missing_rate}, or {@code bad_number:amount_in_cents} when the item's largest MRR converted
     * to the account currency is too large ({@link ConversionBound}).
     */
    record Result(Dataset<Row> items, Dataset<Row> rejected) {}

    /** The item's largest MRR ({@link LargestMrr}) in the account currency, rounded up; null in it already. */
    static final String ACCOUNT_MRR_BOUND = "ACCOUNT_MRR_BOUND";
    static final String MISSING_RATE = "missing_rate";

    private final MrrSettings settings;
    private final Timestamp asOf;
    private final Dataset<Row> invoices;
    private final Dataset<Row> transactions;
    private final Dataset<Row> plans;
    private final Dataset<Row> dailyRates;

    ItemFacts(MrrSettings settings, Instant asOf, Dataset<Row> invoices, Dataset<Row> transactions,
              Dataset<Row> plans, Dataset<Row> dailyRates) {
        this.settings = settings;
        this.asOf = Timestamp.from(asOf);
        this.invoices = invoices;
        this.transactions = transactions;
        this.plans = plans;
        this.dailyRates = dailyRates;
    }

    /**
     * The rated items and the rejected ones, each its own pipeline. Which items are rejected depends
     * on the invoice's currency, status and dates and the item's own amounts alone, so that pipeline
     * skips the paid flag (every transaction aggregated and joined to its invoice) and the plan: a
     * run computes it after the ledger's checkpoint, and it had recomputed the whole of the rated
     * items' pipeline (docs/BENCHMARKS.md, session 21). The subscriptions' owners are decided from
     * that lighter pipeline too, and the same small result marks both.
     */
    Result build(Dataset<Row> lineItems) {
        Dataset<Row> counted = lineItems
                .transform(this::filterSubscriptionItems)
                .transform(this::withInvoiceDates)
                .transform(this::filterExcludedAndFuture);
        Dataset<Row> owners = SubscriptionOwners.of(counted);
        Dataset<Row> rated = lineItems
                .transform(this::filterSubscriptionItems)
                .transform(this::withInvoice)
                .transform(this::filterExcludedAndFuture)
                .transform(items -> SubscriptionOwners.mark(items, owners))
                .transform(this::withPlan)
                .transform(ItemFacts::withNetAndProration)
                .transform(this::withRates)
                .transform(this::withAccountMrrBound)
                .where(rejectReason().isNull())
                .drop(ACCOUNT_MRR_BOUND, SubscriptionOwners.OTHER_OWNER);
        Dataset<Row> rejected = counted
                .transform(items -> SubscriptionOwners.mark(items, owners))
                .transform(ItemFacts::withNetAndProration)
                .transform(this::withRates)
                .transform(this::withAccountMrrBound)
                .withColumn(REASON, rejectReason())
                .where(col(REASON).isNotNull());
        return new Result(rated, rejected);
    }

    private static Column rejectReason() {
        return when(col(SubscriptionOwners.OTHER_OWNER).isNotNull(), lit(SubscriptionOwners.REASON_CODE))
                .when(col(RATE_INVOICE).isNull().or(col(RATE_ACCOUNT).isNull()), lit(MISSING_RATE))
                .when(ConversionBound.exceeded(col(ACCOUNT_MRR_BOUND)), lit(ConversionBound.TOO_LARGE));
    }

    /** ACCOUNT_MRR_BOUND: the landing check bounded the item's largest MRR in its own currency only. */
    private Dataset<Row> withAccountMrrBound(Dataset<Row> items) {
        Column largest = LargestMrr.of(col(NET), LargestMrr.periodSeconds(col(SERVICE_PERIOD_START), col(SERVICE_PERIOD_END)),
                LargestMrr.scalesByPeriod(col(PRORATED), col(PRORATION_TYPE)));
        return items.withColumn(ACCOUNT_MRR_BOUND, ConversionBound.magnitude(settings.accountCurrency(), largest,
                col(RATE_ACCOUNT), col(RATE_INVOICE), col(CURRENCY)));
    }

    private Dataset<Row> filterSubscriptionItems(Dataset<Row> items) {
        return items.where(subscriptionItem());
    }

    /** The invoice's customer, dates and paid-by-as-of flag (status paid, or payments net of refunds cover it). */
    private Dataset<Row> withInvoice(Dataset<Row> items) {
        return joinInvoice(items, InvoicePayments.withPaidFlag(invoices, transactions, asOf), col(INVOICE_PAID));
    }

    /** {@link #withInvoice} without the paid flag: what deciding an item's rate needs of its invoice. */
    private Dataset<Row> withInvoiceDates(Dataset<Row> items) {
        return joinInvoice(items, invoices);
    }

    private static Dataset<Row> joinInvoice(Dataset<Row> items, Dataset<Row> invoiceRows, Column... more) {
        List<Column> kept = new ArrayList<>(List.of(col(Columns.UUID).as("INV_UUID"), col(Columns.CUSTOMER_UUID),
                col(INVOICED_AT), col(DUE_AT), col(STATUS).as("INV_STATUS"), col(CURRENCY).as("INV_CURRENCY")));
        kept.addAll(List.of(more));
        Dataset<Row> inv = invoiceRows.select(kept.toArray(Column[]::new));
        return items.join(inv, col(INVOICE_UUID).equalTo(col("INV_UUID")), "inner").drop("INV_UUID");
    }

    /**
     * Items of the customers' invoices that {@link #build} leaves out before rates are looked up, with
     * REASON: one_time or excluded_status (the explain command lists them). Items after the as-of never
     * get here: the source stage cuts them ({@code SourceResult.lineItemsAfterAsOf}).
     */
    Dataset<Row> leftOut(Dataset<Row> lineItems) {
        return lineItems.transform(this::withInvoiceDates)
                .withColumn(REASON, when(not(subscriptionItem()), lit("one_time"))
                        .when(excludedStatus(), lit("excluded_status")))
                .where(col(REASON).isNotNull());
    }

    /** Section 1 (nothing after the as-of) and mrr.exclude_invoice_statuses. */
    private Dataset<Row> filterExcludedAndFuture(Dataset<Row> items) {
        return items.where(onOrBeforeAsOf().and(not(excludedStatus())));
    }

    private Column onOrBeforeAsOf() {
        return col(INVOICED_AT).leq(lit(asOf)).and(col(SERVICE_PERIOD_START).leq(lit(asOf)));
    }

    private Column excludedStatus() {
        List<Integer> excluded = new ArrayList<>();
        for (String s : settings.excludeInvoiceStatuses()) {
            InvoiceStatus.fromWire(s).ifPresent(st -> excluded.add(st.ordinal()));
        }
        return excluded.isEmpty() ? lit(false) : coalesce(col("INV_STATUS").isin(excluded.toArray()), lit(false));
    }

    private static Column subscriptionItem() {
        return col(TYPE).isin("subscription", "trial");
    }

    private Dataset<Row> withPlan(Dataset<Row> items) {
        Dataset<Row> p = plans.select(col(Columns.UUID).as("P_UUID"), col(NAME).as(PLAN_NAME),
                lower(col(INTERVAL)).as(INTERVAL), col(INTERVAL_COUNT).cast("int").as(INTERVAL_COUNT));
        return items.join(p, col(PLAN_UUID).equalTo(col("P_UUID")), "left").drop("P_UUID");
    }

    private static Dataset<Row> withNetAndProration(Dataset<Row> items) {
        return items
                .withColumn(NET, col(AMOUNT_IN_CENTS).cast("long").minus(coalesce(col(TAX_AMOUNT_IN_CENTS).cast("long"), lit(0L))))
                .withColumn(PRORATED, coalesce(get_json_object(col(TYPE_DATA), "$.prorated").cast("boolean"), lit(false)))
                .withColumn(PRORATION_TYPE, get_json_object(col(TYPE_DATA), "$.proration_type"));
    }

    /** Rates of the invoice and account currencies on the item's start day in mrr.time_zone. */
    private Dataset<Row> withRates(Dataset<Row> items) {
        String account = settings.accountCurrency();
        Column currency = upper(coalesce(col(CURRENCY), col("INV_CURRENCY")));
        Dataset<Row> withDay = items
                .withColumn(CURRENCY, currency)
                .withColumn(START_DAY, to_date(from_utc_timestamp(col(SERVICE_PERIOD_START), settings.timeZone().getId())));
        Dataset<Row> rated = RateTable.withRate(withDay, dailyRates, col(CURRENCY), col(START_DAY), "R_INV");
        rated = RateTable.withRate(rated, dailyRates, lit(account), col(START_DAY), "R_ACC");
        Column same = col(CURRENCY).equalTo(lit(account.toUpperCase(java.util.Locale.ROOT)));
        Column one = lit(java.math.BigDecimal.ONE).cast("decimal(38,12)");
        return rated
                .withColumn(RATE_INVOICE, when(same, one).otherwise(col("R_INV")))
                .withColumn(RATE_ACCOUNT, when(same, one).otherwise(col("R_ACC")))
                .drop("R_INV", "R_ACC");
    }
}
