package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Rejects;
import io.mrrlake.model.Columns;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The MRR engine: source datasets in, the five calculated datasets out (docs/MRR.md).
 * <ol>
 *   <li>facts per line item, in Spark SQL ({@link ItemFacts}, {@link CancellationFacts});</li>
 *   <li>each customer's ledger on the executors ({@link LedgerStage}, pure Java inside);</li>
 *   <li>outputs in Spark SQL ({@link LedgerOutputs}, {@link MonthlyRollForward}, {@link CalculatedCustomers}).</li>
 * </ol>
 * Nothing per customer is collected to the driver. The ledger's rows are kept (see
 * {@link #calculate(SparkSession, Map, MrrSettings, Instant, UnaryOperator)}) because five outputs
 * read them.
 */
public final class MrrEngine {
    private MrrEngine() {}

    /** Step 1's facts: the ledger's items and events, the items rejected for a missing rate, the daily rates. */
    record Facts(ItemFacts itemFacts, ItemFacts.Result items, Dataset<Row> events, Dataset<Row> dailyRates) {}

    /** Step 1, shared by the run ({@link #calculate}) and the explain command ({@link CustomerWalks}). */
    static Facts facts(Map<OutputDataset, Dataset<Row>> source, MrrSettings settings, Instant asOf) {
        Dataset<Row> dailyRates = RateTable.daily(required(source, OutputDataset.SOURCE_CURRENCY_RATES),
                settings.maxRateAgeDays());
        ItemFacts itemFacts = new ItemFacts(settings, asOf, required(source, OutputDataset.SOURCE_INVOICES),
                required(source, OutputDataset.SOURCE_TRANSACTIONS), required(source, OutputDataset.SOURCE_PLANS), dailyRates);
        ItemFacts.Result items = itemFacts.build(required(source, OutputDataset.SOURCE_INVOICE_LINE_ITEMS));
        Dataset<Row> events = CancellationFacts.build(required(source, OutputDataset.SOURCE_SUBSCRIPTION_EVENTS),
                items.items(), asOf);
        return new Facts(itemFacts, items, events, dailyRates);
    }

    /**
     * {@link #calculate(SparkSession, Map, MrrSettings, Instant, UnaryOperator)} for callers with
     * nothing to free a checkpoint with (the engine's tests): the ledger is checkpointed without a
     * job of its own, and Spark frees its blocks once the dataset is garbage-collected. (With
     * adaptive execution the shuffles before it still run at once.)
     */
    public static CalculatedResult calculate(SparkSession spark, Map<OutputDataset, Dataset<Row>> source,
                                             MrrSettings settings, Instant asOf) {
        return calculate(spark, source, settings, asOf, ledger -> ledger.localCheckpoint(false));
    }

    /**
     * @param keepLedger how the ledger's rows are kept for the five outputs that read them: computed
     *                   once, and with their lineage cut. Persisting alone is not enough: every task
     *                   that reads a persisted dataset still carries its whole lineage, and the
     *                   ledger's (the cogroup, its row encoders, the facts' joins) is a task binary
     *                   of several MB. The run passes an eager checkpoint that it frees at its end.
     */
    public static CalculatedResult calculate(SparkSession spark, Map<OutputDataset, Dataset<Row>> source,
                                             MrrSettings settings, Instant asOf,
                                             UnaryOperator<Dataset<Row>> keepLedger) {
        Timestamp asOfTs = Timestamp.from(asOf);
        Dataset<Row> invoices = required(source, OutputDataset.SOURCE_INVOICES);
        Dataset<Row> transactions = required(source, OutputDataset.SOURCE_TRANSACTIONS);
        Dataset<Row> customers = required(source, OutputDataset.SOURCE_CUSTOMERS);
        Facts step1 = facts(source, settings, asOf);
        ItemFacts.Result facts = step1.items();
        Dataset<Row> dailyRates = step1.dailyRates();
        Dataset<Row> ledger = keepLedger.apply(LedgerStage.run(facts.items(), step1.events(), settings, asOf));

        LedgerOutputs outputs = new LedgerOutputs(ledger, settings, asOfTs);
        Dataset<Row> attributes = CalculatedCustomers.attributes(customers);
        Dataset<Row> movements = outputs.movements(attributes);
        Dataset<Row> fx = outputs.fxImpacts();
        NetPayments.Result payments = NetPayments.build(invoices, transactions, dailyRates, settings, asOfTs);
        Dataset<Row> calculatedCustomers = CalculatedCustomers.build(attributes, outputs.customerSummaries(),
                payments.perCustomer(),
                required(source, OutputDataset.SOURCE_TAGS), required(source, OutputDataset.SOURCE_CUSTOM_ATTRIBUTES),
                customers, settings, asOfTs);

        Map<OutputDataset, Dataset<Row>> out = new EnumMap<>(OutputDataset.class);
        out.put(OutputDataset.CALCULATED_CUSTOMERS, calculatedCustomers);
        out.put(OutputDataset.CALCULATED_MRR_MOVEMENTS, movements);
        out.put(OutputDataset.CALCULATED_SUBSCRIPTIONS, outputs.subscriptions());
        out.put(OutputDataset.CALCULATED_MRR_INTERVALS, outputs.intervals());
        out.put(OutputDataset.CALCULATED_MRR_MONTHLY,
                MonthlyRollForward.build(movements, fx, outputs.countChanges(), settings, asOf));
        Map<String, Dataset<Row>> rejects = Map.of(
                LandingKind.LINE_ITEMS.folder(), itemRejects(facts.rejected(), settings, asOfTs),
                LandingKind.TRANSACTIONS.folder(), payments.rejected());
        return new CalculatedResult(out, new TreeMap<>(rejects), fx);
    }

    static Dataset<Row> required(Map<OutputDataset, Dataset<Row>> source, OutputDataset d) {
        Dataset<Row> df = source.get(d);
        if (df == null) throw new IllegalArgumentException("MrrEngine needs source dataset " + d.dottedName());
        return df;
    }

    /**
     * Items of a subscription that another customer holds, items whose invoice or account currency had
     * no rate within mrr.max_rate_age_days of their start day, and items whose MRR could leave the
     * range the ledger computes in once converted.
     */
    private static Dataset<Row> itemRejects(Dataset<Row> rejected, MrrSettings settings, Timestamp asOf) {
        String account = settings.accountCurrency();
        Column ofItem = concat(lit(" (line item "), col(Columns.UUID), lit(")"));
        Column missingRate = concat(lit("no rate for "), when(col(RATE_INVOICE).isNull(), col(CURRENCY)).otherwise(lit(account)),
                lit(" on or up to " + settings.maxRateAgeDays() + " days before "), col(START_DAY).cast("string"), ofItem);
        Column tooLarge = concat(ConversionBound.detail("the item's MRR (amount minus tax, scaled to a whole interval of any plan)",
                account, col(ItemFacts.ACCOUNT_MRR_BOUND), col(CURRENCY), col(RATE_INVOICE), col(RATE_ACCOUNT), col(START_DAY)), ofItem);
        return Rejects.ofTyped(rejected, LandingKind.LINE_ITEMS.folder(), col(REASON),
                when(col(REASON).equalTo(SubscriptionOwners.REASON_CODE), concat(SubscriptionOwners.detail(), ofItem))
                        .when(col(REASON).equalTo(ItemFacts.MISSING_RATE), missingRate).otherwise(tooLarge),
                List.of(Columns.UUID, Columns.DATA_SOURCE_UUID, INVOICE_UUID, Columns.EXTERNAL_ID, TYPE,
                        SUBSCRIPTION_EXTERNAL_ID, PLAN_UUID, AMOUNT_IN_CENTS, TAX_AMOUNT_IN_CENTS, CURRENCY,
                        SERVICE_PERIOD_START, SERVICE_PERIOD_END), asOf.toInstant());
    }
}
