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
import java.util.function.Function;

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

/**
 * Landing zone → the eleven source datasets and the rejects (docs/LANDING.md). The raw records of
 * each kind are read and counted here: that is where unreadable input shows, and the counts are the
 * run's records read. Raw records, the ranked records of each kind's deduplication, each reference
 * check's join, the invoice rows and the customer mapping are checkpointed (materialized, lineage
 * cut) where valid records and rejects part: both read them, and a plan that starts from
 * materialized rows stays small. Without the cuts every later plan carried the whole
 * validation of every kind it touches, and planning them cost more than running them.
 */
public final class SourceStage {
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

        Checked dataSources = validate(read(LandingKind.DATA_SOURCES), new DataSourceRules());
        Checked plans = validate(read(LandingKind.PLANS), new PlanRules());
        Checked customers = validate(read(LandingKind.CUSTOMERS), new CustomerRules());
        Dataset<Row> known = customers.valid();
        knownCustomers = known;

        Checked merges = validate(read(LandingKind.CUSTOMER_MERGES), new MergeRules())
                .then(settled(v -> References.requireKnown(v,
                        List.of(CustomerMerging.FROM_DATA_SOURCE_UUID, CustomerMerging.FROM_EXTERNAL_ID),
                        known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "customer_merges", "unknown_customer",
                        "from customer", asOf, checkpoints)))
                .then(settled(v -> References.requireKnown(v,
                        List.of(CustomerMerging.INTO_DATA_SOURCE_UUID, CustomerMerging.INTO_EXTERNAL_ID),
                        known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "customer_merges", "unknown_customer",
                        "into customer", asOf, checkpoints)));
        // A merge made after the as-of instant did not exist yet on that day.
        Dataset<Row> effectiveMerges = merges.valid()
                .filter(col(MergeRules.MERGED_AT).isNull().or(col(MergeRules.MERGED_AT).leq(asOfTs)));
        Dataset<Row> mapping = checkpoints.materialize(CustomerMerging.mapping(
                known.select(col(DATA_SOURCE_UUID), col(EXTERNAL_ID), col(CREATED_AT)), effectiveMerges, settings));

        Checked tags = validate(nested ? readChildren(known, RawColumns.TAGS, LandingKind.CUSTOMER_TAGS)
                : read(LandingKind.CUSTOMER_TAGS), new TagRules())
                .then(settled(v -> requireCustomer(v, CUSTOMER_EXTERNAL_ID, LandingKind.CUSTOMER_TAGS)));
        Checked attributes = validate(nested ? readChildren(known, RawColumns.CUSTOM, LandingKind.CUSTOMER_ATTRIBUTES)
                : read(LandingKind.CUSTOMER_ATTRIBUTES), new AttributeRules())
                .then(settled(v -> requireCustomer(v, CUSTOMER_EXTERNAL_ID, LandingKind.CUSTOMER_ATTRIBUTES)));
        Checked contacts = validate(read(LandingKind.CONTACTS), new ContactRules())
                .then(settled(v -> requireCustomer(v, CUSTOMER_EXTERNAL_ID, LandingKind.CONTACTS)));

        Checked invoices = validate(read(LandingKind.INVOICES), new InvoiceRules())
                .then(settled(v -> requireCustomer(v, DATA_SOURCE_CUSTOMER_EXTERNAL_ID, LandingKind.INVOICES)));
        Checked items = validate(nested ? readChildren(invoices.valid(), RawColumns.LINE_ITEMS, LandingKind.LINE_ITEMS)
                : read(LandingKind.LINE_ITEMS), new LineItemRules())
                .then(settled(v -> requireInvoice(v, invoices.valid(), LandingKind.LINE_ITEMS)))
                .then(settled(v -> requirePlan(v, plans.valid(), LandingKind.LINE_ITEMS)));
        Checked transactions = validate(nested ? readChildren(invoices.valid(), RawColumns.TRANSACTIONS, LandingKind.TRANSACTIONS)
                : read(LandingKind.TRANSACTIONS), new TransactionRules())
                .then(settled(v -> requireInvoice(v, invoices.valid(), LandingKind.TRANSACTIONS)));
        Checked events = validate(read(LandingKind.SUBSCRIPTION_EVENTS), new EventRules())
                .then(settled(v -> requireCustomer(v, DATA_SOURCE_CUSTOMER_EXTERNAL_ID, LandingKind.SUBSCRIPTION_EVENTS)))
                .then(settled(v -> requirePlan(v, plans.valid(), LandingKind.SUBSCRIPTION_EVENTS)));
        Checked rates = validate(read(LandingKind.CURRENCY_RATES), new RateRules());

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

    /**
     * Validates a kind. The deduplication materializes its ranked records (RecordValidation), so the
     * valid records and the rejects are cheap filters of materialized rows from there on.
     */
    private Checked validate(Dataset<Row> raw, KindRules rules) {
        return settled(r -> RecordValidation.validate(r, rules, asOf, checkpoints)).apply(raw);
    }

    /**
     * A step that cuts a new checkpoint of the valid records, after which the checkpoint it read is
     * freed: the step's rejects, the only other reader, are materialized first (they are few). So a
     * kind holds one copy of its records at a time, not one per step (raw, ranked, each reference
     * check), which is what decides the job's local disk at a million customers.
     */
    private Function<Dataset<Row>, Checked> settled(Function<Dataset<Row>, Checked> step) {
        return before -> {
            Checked next = step.apply(before);
            Dataset<Row> rejects = checkpoints.materialize(next.rejects());
            checkpoints.releaseUnder(before);
            return new Checked(next.valid(), rejects);
        };
    }

    /** Reads a kind, materializes it and counts it: reading is where unreadable files show. */
    private Dataset<Row> read(LandingKind kind) {
        return counted(kind, selection.select(kind, reader.read(kind)));
    }

    private Dataset<Row> readChildren(Dataset<Row> parents, String arrayColumn, LandingKind kind) {
        return counted(kind, JsonLandingReader.children(parents, DATA_SOURCE_UUID, EXTERNAL_ID, arrayColumn, kind));
    }

    private Dataset<Row> counted(LandingKind kind, Dataset<Row> raw) {
        try {
            Dataset<Row> kept = checkpoints.materialize(raw);
            recordsRead.put(kind.folder(), kept.count());
            return kept;
        } catch (Exception e) {
            throw new LandingUnreadableException("cannot read " + kind.folder() + " (" + reader.format().wireName()
                    + "): " + rootMessage(e), e);
        }
    }

    private Checked requireCustomer(Dataset<Row> records, String externalIdColumn, LandingKind kind) {
        return References.requireKnown(records, List.of(DATA_SOURCE_UUID, externalIdColumn),
                knownCustomers, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), kind.folder(),
                "unknown_customer", "customer", asOf, checkpoints);
    }

    private Checked requireInvoice(Dataset<Row> records, Dataset<Row> invoices, LandingKind kind) {
        // Not one of the contract's reject codes (docs/LANDING.md "Rejects"): a flat item or transaction whose invoice is not valid.
        return References.requireKnown(records, List.of(INVOICE_UUID), invoices.select(col(UUID)), List.of(UUID),
                kind.folder(), "unknown_invoice", "invoice", asOf, checkpoints);
    }

    private Checked requirePlan(Dataset<Row> records, Dataset<Row> plans, LandingKind kind) {
        return References.requireKnown(records, List.of(DATA_SOURCE_UUID, PLAN_EXTERNAL_ID), plans,
                List.of(DATA_SOURCE_UUID, EXTERNAL_ID), kind.folder(), "unknown_plan", "plan", asOf, checkpoints);
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
