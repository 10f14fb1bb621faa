package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.customers.CustomerMerging;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.JsonLandingReader;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingReader;
import io.mrrlake.landing.LandingUnreadableException;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.landing.RawColumns;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Landing zone → the eleven source datasets and the rejects (docs/LANDING.md). Each kind is judged in
 * one pass: parsed, checked, typed, deduplicated and checked against the records it names, every
 * step a column expression or a join that keeps each record's row and marks its verdict
 * ({@link Verdicts}). That pass is materialized once (lineage cut) and counted: the count is the
 * kind's records read, a file that cannot be read fails there, and the valid records and the
 * rejects are two filters of the same materialized rows. Later kinds read the valid records of
 * earlier ones (their keys for reference checks, their nested children), so their plans start from
 * materialized rows and stay small.
 */
public final class SourceStage {
    private static final Logger LOG = LoggerFactory.getLogger(SourceStage.class);
    private final SparkSession spark;
    private final LandingReader reader;
    private final Instant asOf;
    private final Column asOfTs;
    private final Map<String, Long> recordsRead = new LinkedHashMap<>();
    private final Map<String, Dataset<Row>> rejects = new LinkedHashMap<>();
    private Dataset<Row> knownCustomers;
    private final Checkpoints checkpoints = new Checkpoints();
    private final RecordSelection selection;

    private SourceStage(SparkSession spark, LandingReader reader, Instant asOf, RecordSelection selection) {
        this.spark = spark;
        this.reader = reader;
        this.selection = selection;
        this.asOf = asOf;
        this.asOfTs = lit(Timestamp.from(asOf));
    }

    /**
     * @throws LandingUnreadableException when the input cannot be read at all (root missing,
     *         customers or invoices missing, unreadable files), with a message naming what
     */
    public static SourceResult run(SparkSession spark, String inputUri, InputFormat format, Instant asOf,
                                   CustomerSettings customers) {
        return run(spark, inputUri, format, asOf, customers, RecordSelection.ALL);
    }

    /** As {@link #run(SparkSession, String, InputFormat, Instant, CustomerSettings)} on the selected records only. */
    public static SourceResult run(SparkSession spark, String inputUri, InputFormat format, Instant asOf,
                                   CustomerSettings customers, RecordSelection selection) {
        // Month columns and timestamp texts are UTC; the job's sessions are UTC already (SparkSessions).
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        LandingZone zone = LandingZone.open(spark, inputUri, format);
        return new SourceStage(spark, new LandingReader(zone), asOf, selection).build(customers);
    }

    private SourceResult build(CustomerSettings settings) {
        boolean nested = reader.format().nested();
        Map<OutputDataset, Dataset<Row>> out = new EnumMap<>(OutputDataset.class);

        Checked dataSources = settle(LandingKind.DATA_SOURCES, validate(read(LandingKind.DATA_SOURCES), new DataSourceRules()));
        Checked plans = settle(LandingKind.PLANS, validate(read(LandingKind.PLANS), new PlanRules()));
        Checked customers = settle(LandingKind.CUSTOMERS, validate(read(LandingKind.CUSTOMERS), new CustomerRules()));
        Dataset<Row> known = customers.valid();
        knownCustomers = known;

        Dataset<Row> mergesJudged = validate(read(LandingKind.CUSTOMER_MERGES), new MergeRules());
        mergesJudged = References.requireKnown(mergesJudged,
                List.of(CustomerMerging.FROM_DATA_SOURCE_UUID, CustomerMerging.FROM_EXTERNAL_ID),
                known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_customer", "from customer");
        mergesJudged = References.requireKnown(mergesJudged,
                List.of(CustomerMerging.INTO_DATA_SOURCE_UUID, CustomerMerging.INTO_EXTERNAL_ID),
                known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_customer", "into customer");
        Checked merges = settle(LandingKind.CUSTOMER_MERGES, mergesJudged);
        // A merge made after the as-of instant did not exist yet on that day.
        Dataset<Row> effectiveMerges = merges.valid()
                .filter(col(MergeRules.MERGED_AT).isNull().or(col(MergeRules.MERGED_AT).leq(asOfTs)));
        Dataset<Row> mapping = checkpoints.materialize(CustomerMerging.mapping(
                known.select(col(DATA_SOURCE_UUID), col(EXTERNAL_ID), col(CREATED_AT)), effectiveMerges, settings));

        Checked tags = settle(LandingKind.CUSTOMER_TAGS, requireCustomer(validate(nested
                ? readChildren(known, RawColumns.TAGS, LandingKind.CUSTOMER_TAGS)
                : read(LandingKind.CUSTOMER_TAGS), new TagRules()), CUSTOMER_EXTERNAL_ID));
        Checked attributes = settle(LandingKind.CUSTOMER_ATTRIBUTES, requireCustomer(validate(nested
                ? readChildren(known, RawColumns.CUSTOM, LandingKind.CUSTOMER_ATTRIBUTES)
                : read(LandingKind.CUSTOMER_ATTRIBUTES), new AttributeRules()), CUSTOMER_EXTERNAL_ID));
        Checked contacts = settle(LandingKind.CONTACTS,
                requireCustomer(validate(read(LandingKind.CONTACTS), new ContactRules()), CUSTOMER_EXTERNAL_ID));

        Checked invoices = settle(LandingKind.INVOICES, requireCustomer(
                validate(read(LandingKind.INVOICES), new InvoiceRules()), DATA_SOURCE_CUSTOMER_EXTERNAL_ID));
        Dataset<Row> itemsJudged = validate(nested
                ? readChildren(invoices.valid(), RawColumns.LINE_ITEMS, LandingKind.LINE_ITEMS)
                : read(LandingKind.LINE_ITEMS), new LineItemRules());
        Checked items = settle(LandingKind.LINE_ITEMS,
                requirePlan(requireInvoice(itemsJudged, invoices.valid()), plans.valid()));
        Checked transactions = settle(LandingKind.TRANSACTIONS, requireInvoice(validate(nested
                ? readChildren(invoices.valid(), RawColumns.TRANSACTIONS, LandingKind.TRANSACTIONS)
                : read(LandingKind.TRANSACTIONS), new TransactionRules()), invoices.valid()));
        Checked events = settle(LandingKind.SUBSCRIPTION_EVENTS, requirePlan(requireCustomer(
                validate(read(LandingKind.SUBSCRIPTION_EVENTS), new EventRules()), DATA_SOURCE_CUSTOMER_EXTERNAL_ID),
                plans.valid()));
        Checked rates = settle(LandingKind.CURRENCY_RATES, validate(read(LandingKind.CURRENCY_RATES), new RateRules()));

        SourceOutputs outputs = new SourceOutputs(asOf, mapping);
        out.put(OutputDataset.SOURCE_DATA_SOURCES, outputs.dataSources(dataSources.valid()));
        out.put(OutputDataset.SOURCE_PLANS, outputs.plans(plans.valid()));
        out.put(OutputDataset.SOURCE_CUSTOMERS, outputs.customers(known));
        out.put(OutputDataset.SOURCE_TAGS, outputs.tags(tags.valid()));
        out.put(OutputDataset.SOURCE_CUSTOM_ATTRIBUTES, outputs.attributes(attributes.valid()));
        out.put(OutputDataset.SOURCE_CONTACTS, outputs.contacts(contacts.valid()));
        Dataset<Row> invoiceRows = checkpoints.materialize(outputs.invoices(invoices.valid(), items.valid(), transactions.valid()));
        out.put(OutputDataset.SOURCE_INVOICES, invoiceRows);
        out.put(OutputDataset.SOURCE_INVOICE_LINE_ITEMS, outputs.lineItems(items.valid(), invoiceRows));
        out.put(OutputDataset.SOURCE_TRANSACTIONS, outputs.transactions(transactions.valid(), invoiceRows));
        out.put(OutputDataset.SOURCE_SUBSCRIPTION_EVENTS, outputs.events(events.valid()));
        out.put(OutputDataset.SOURCE_CURRENCY_RATES, outputs.rates(rates.valid(), asOf.atZone(ZoneOffset.UTC).toLocalDate()));

        addRejects(LandingKind.DATA_SOURCES, dataSources);
        addRejects(LandingKind.CUSTOMERS, customers);
        addRejects(LandingKind.CUSTOMER_TAGS, tags);
        addRejects(LandingKind.CUSTOMER_ATTRIBUTES, attributes);
        addRejects(LandingKind.CONTACTS, contacts);
        addRejects(LandingKind.PLANS, plans);
        addRejects(LandingKind.INVOICES, invoices);
        addRejects(LandingKind.LINE_ITEMS, items);
        addRejects(LandingKind.TRANSACTIONS, transactions);
        addRejects(LandingKind.SUBSCRIPTION_EVENTS, events);
        addRejects(LandingKind.CURRENCY_RATES, rates);
        addRejects(LandingKind.CUSTOMER_MERGES, merges);
        return new SourceResult(out, rejects, recordsRead, mapping, checkpoints);
    }

    private static Dataset<Row> validate(Dataset<Row> raw, KindRules rules) {
        return RecordValidation.validate(raw, rules);
    }

    /**
     * Materializes a kind's judged records (the one pass over them) and counts them: that is where a
     * file that cannot be read shows, and every record read has its row, whatever its verdict.
     */
    private Checked settle(LandingKind kind, Dataset<Row> judged) {
        Dataset<Row> kept;
        long started = System.nanoTime();
        try {
            kept = checkpoints.materialize(judged);
            recordsRead.put(kind.folder(), kept.count());
            LOG.info("read {}: {} records in {} s", kind.folder(), recordsRead.get(kind.folder()),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        } catch (Exception e) {
            throw new LandingUnreadableException("cannot read " + kind.folder() + " (" + reader.format().wireName()
                    + "): " + rootMessage(e), e);
        }
        return new Checked(RecordValidation.valid(kept), RecordValidation.rejects(kept, kind.folder(), asOf));
    }

    private Dataset<Row> read(LandingKind kind) {
        return selection.select(kind, reader.read(kind));
    }

    private Dataset<Row> readChildren(Dataset<Row> parents, String arrayColumn, LandingKind kind) {
        return JsonLandingReader.children(parents, DATA_SOURCE_UUID, EXTERNAL_ID, arrayColumn, kind);
    }

    private Dataset<Row> requireCustomer(Dataset<Row> judged, String externalIdColumn) {
        return References.requireKnown(judged, List.of(DATA_SOURCE_UUID, externalIdColumn),
                knownCustomers, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_customer", "customer");
    }

    private static Dataset<Row> requireInvoice(Dataset<Row> judged, Dataset<Row> invoices) {
        // Not one of the contract's reject codes (docs/LANDING.md "Rejects"): a flat item or transaction whose invoice is not valid.
        return References.requireKnown(judged, List.of(INVOICE_UUID), invoices.select(col(UUID)), List.of(UUID),
                "unknown_invoice", "invoice");
    }

    private static Dataset<Row> requirePlan(Dataset<Row> judged, Dataset<Row> plans) {
        return References.requireKnown(judged, List.of(DATA_SOURCE_UUID, PLAN_EXTERNAL_ID), plans,
                List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_plan", "plan");
    }

    private void addRejects(LandingKind kind, Checked checked) {
        rejects.merge(kind.folder(), checked.rejects(), Dataset::unionByName);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t + ")";
    }
}
