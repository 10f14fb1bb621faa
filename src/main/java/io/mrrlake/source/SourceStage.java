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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

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
import io.mrrlake.spark.CheckpointLevel;
import io.mrrlake.spark.Checkpoints;
import io.mrrlake.spark.ParallelJobs;
import io.mrrlake.spark.ShuffleFiles;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
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
 * materialized rows and stay small. Kinds that name none of each other are judged side by side, in
 * three waves (customers, plans, data sources, rates; then the kinds that name them; then line items
 * and transactions).
 */
public final class SourceStage {
    private static final Logger LOG = LoggerFactory.getLogger(SourceStage.class);
    /**
     * Source datasets that alone read their kind's materialized pass once the stage is done (beside
     * the kind's rejects): the invoices' is freed in the stage, the merges' feed no dataset.
     */
    private static final Map<OutputDataset, LandingKind> SOLE_INPUTS = Map.of(
            OutputDataset.SOURCE_DATA_SOURCES, LandingKind.DATA_SOURCES,
            OutputDataset.SOURCE_PLANS, LandingKind.PLANS,
            OutputDataset.SOURCE_CUSTOMERS, LandingKind.CUSTOMERS,
            OutputDataset.SOURCE_CONTACTS, LandingKind.CONTACTS,
            OutputDataset.SOURCE_TAGS, LandingKind.CUSTOMER_TAGS,
            OutputDataset.SOURCE_CUSTOM_ATTRIBUTES, LandingKind.CUSTOMER_ATTRIBUTES,
            OutputDataset.SOURCE_INVOICE_LINE_ITEMS, LandingKind.LINE_ITEMS,
            OutputDataset.SOURCE_TRANSACTIONS, LandingKind.TRANSACTIONS,
            OutputDataset.SOURCE_SUBSCRIPTION_EVENTS, LandingKind.SUBSCRIPTION_EVENTS,
            OutputDataset.SOURCE_CURRENCY_RATES, LandingKind.CURRENCY_RATES);
    /** The widest wave has six kinds. */
    private static final int ALL_KINDS_AT_ONCE = 6;
    private final SparkSession spark;
    private final LandingReader reader;
    private final Instant asOf;
    private final Column asOfTs;
    private final Map<String, Long> recordsRead = new ConcurrentSkipListMap<>();
    private final Map<String, Dataset<Row>> rejects = new LinkedHashMap<>();
    private Dataset<Row> knownCustomers;
    private final Checkpoints checkpoints;
    private final RecordSelection selection;
    private final int parallelism;
    private ShuffleFiles shuffleFiles;

    private SourceStage(SparkSession spark, LandingReader reader, Instant asOf, RecordSelection selection, int parallelism,
                        StorageLevel checkpointLevel) {
        this.spark = spark;
        this.checkpoints = new Checkpoints(checkpointLevel);
        this.parallelism = parallelism;
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
        return run(spark, inputUri, format, asOf, customers, RecordSelection.ALL, ALL_KINDS_AT_ONCE, CheckpointLevel.MEMORY);
    }

    /**
     * As {@link #run(SparkSession, String, InputFormat, Instant, CustomerSettings)} on the selected
     * records only, with up to {@code parallelism} kinds judged at the same time ({@code run.parallel_jobs}),
     * the stage's checkpoints kept at {@code checkpointLevel}.
     */
    public static SourceResult run(SparkSession spark, String inputUri, InputFormat format, Instant asOf,
                                   CustomerSettings customers, RecordSelection selection, int parallelism,
                                   StorageLevel checkpointLevel) {
        // Month columns and timestamp texts are UTC; the job's sessions are UTC already (SparkSessions).
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        LandingZone zone = LandingZone.open(spark, inputUri, format);
        return new SourceStage(spark, new LandingReader(zone), asOf, selection, parallelism, checkpointLevel).build(customers);
    }

    private SourceResult build(CustomerSettings settings) {
        try (ShuffleFiles files = ShuffleFiles.watch(spark)) {
            shuffleFiles = files;
            return judge(settings);
        }
    }

    private SourceResult judge(CustomerSettings settings) {
        boolean nested = reader.format().nested();
        Map<OutputDataset, Dataset<Row>> out = new EnumMap<>(OutputDataset.class);

        // Three waves, each kind judged in one job and the kinds of a wave side by side: a wave
        // names only the valid records of earlier waves. Side by side, one kind's single gzip file
        // or its planning does not leave the other cores idle; the largest kind of a wave starts first.
        Map<LandingKind, Supplier<Dataset<Row>>> first = new LinkedHashMap<>();
        first.put(LandingKind.CUSTOMERS, () -> validate(read(LandingKind.CUSTOMERS), new CustomerRules()));
        first.put(LandingKind.DATA_SOURCES, () -> validate(read(LandingKind.DATA_SOURCES), new DataSourceRules()));
        first.put(LandingKind.PLANS, () -> validate(read(LandingKind.PLANS), new PlanRules()));
        first.put(LandingKind.CURRENCY_RATES, () -> validate(read(LandingKind.CURRENCY_RATES), new RateRules()));
        Map<LandingKind, Checked> settled = new EnumMap<>(settleAll(first));
        Dataset<Row> plans = settled.get(LandingKind.PLANS).valid();
        Dataset<Row> known = settled.get(LandingKind.CUSTOMERS).valid();
        knownCustomers = known;

        Map<LandingKind, Supplier<Dataset<Row>>> second = new LinkedHashMap<>();
        second.put(LandingKind.INVOICES, () -> requireCustomer(
                validate(read(LandingKind.INVOICES), new InvoiceRules()), DATA_SOURCE_CUSTOMER_EXTERNAL_ID));
        second.put(LandingKind.SUBSCRIPTION_EVENTS, () -> requirePlan(requireCustomer(
                validate(read(LandingKind.SUBSCRIPTION_EVENTS), new EventRules()), DATA_SOURCE_CUSTOMER_EXTERNAL_ID),
                plans));
        second.put(LandingKind.CUSTOMER_MERGES, () -> {
            Dataset<Row> judged = validate(read(LandingKind.CUSTOMER_MERGES), new MergeRules());
            judged = References.requireKnown(judged,
                    List.of(CustomerMerging.FROM_DATA_SOURCE_UUID, CustomerMerging.FROM_EXTERNAL_ID),
                    known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_customer", "from customer");
            return References.requireKnown(judged,
                    List.of(CustomerMerging.INTO_DATA_SOURCE_UUID, CustomerMerging.INTO_EXTERNAL_ID),
                    known, List.of(DATA_SOURCE_UUID, EXTERNAL_ID), "unknown_customer", "into customer");
        });
        // A nested child is read from a valid parent, so the check that its parent exists can only
        // pass: it is made for the flat formats alone, where it saves a join over every child.
        second.put(LandingKind.CUSTOMER_TAGS, () -> nested
                ? validate(readChildren(known, RawColumns.TAGS, LandingKind.CUSTOMER_TAGS), new TagRules())
                : requireCustomer(validate(read(LandingKind.CUSTOMER_TAGS), new TagRules()), CUSTOMER_EXTERNAL_ID));
        second.put(LandingKind.CUSTOMER_ATTRIBUTES, () -> nested
                ? validate(readChildren(known, RawColumns.CUSTOM, LandingKind.CUSTOMER_ATTRIBUTES), new AttributeRules())
                : requireCustomer(validate(read(LandingKind.CUSTOMER_ATTRIBUTES), new AttributeRules()), CUSTOMER_EXTERNAL_ID));
        second.put(LandingKind.CONTACTS, () ->
                requireCustomer(validate(read(LandingKind.CONTACTS), new ContactRules()), CUSTOMER_EXTERNAL_ID));
        settled.putAll(settleAll(second));
        if (nested) settled.put(LandingKind.CUSTOMERS, withoutChildren(settled.get(LandingKind.CUSTOMERS)));
        Dataset<Row> customers = settled.get(LandingKind.CUSTOMERS).valid();
        Dataset<Row> invoiceParents = settled.get(LandingKind.INVOICES).valid();

        Map<LandingKind, Supplier<Dataset<Row>>> third = new LinkedHashMap<>();
        third.put(LandingKind.LINE_ITEMS, () -> requirePlan(nested
                ? validate(readChildren(invoiceParents, RawColumns.LINE_ITEMS, LandingKind.LINE_ITEMS), new LineItemRules())
                : requireInvoice(validate(read(LandingKind.LINE_ITEMS), new LineItemRules()), invoiceParents), plans));
        third.put(LandingKind.TRANSACTIONS, () -> nested
                ? validate(readChildren(invoiceParents, RawColumns.TRANSACTIONS, LandingKind.TRANSACTIONS), new TransactionRules())
                : requireInvoice(validate(read(LandingKind.TRANSACTIONS), new TransactionRules()), invoiceParents));
        settled.putAll(settleAll(third));

        // A merge made after the as-of instant did not exist yet on that day.
        Dataset<Row> effectiveMerges = settled.get(LandingKind.CUSTOMER_MERGES).valid()
                .filter(col(MergeRules.MERGED_AT).isNull().or(col(MergeRules.MERGED_AT).leq(asOfTs)));
        Dataset<Row> mapping = checkpoints.materialize("customer mapping", CustomerMerging.mapping(
                customers.select(col(DATA_SOURCE_UUID), col(EXTERNAL_ID), col(CREATED_AT)), effectiveMerges, settings));

        SourceOutputs outputs = new SourceOutputs(asOf, mapping);
        out.put(OutputDataset.SOURCE_DATA_SOURCES, outputs.dataSources(settled.get(LandingKind.DATA_SOURCES).valid()));
        out.put(OutputDataset.SOURCE_PLANS, outputs.plans(plans));
        out.put(OutputDataset.SOURCE_CUSTOMERS, outputs.customers(customers));
        out.put(OutputDataset.SOURCE_TAGS, outputs.tags(settled.get(LandingKind.CUSTOMER_TAGS).valid()));
        out.put(OutputDataset.SOURCE_CUSTOM_ATTRIBUTES, outputs.attributes(settled.get(LandingKind.CUSTOMER_ATTRIBUTES).valid()));
        out.put(OutputDataset.SOURCE_CONTACTS, outputs.contacts(settled.get(LandingKind.CONTACTS).valid()));
        // The invoices' judged pass gives way to what is read of it later, each materialized: the
        // source dataset, the rejects, and the few invoices after the as-of instant (for the items
        // left out). Nested, that pass holds every line item and transaction as JSON text beside its
        // invoice: the largest of all the stage's data (docs/BENCHMARKS.md), read by nothing now.
        Checked invoices = settled.get(LandingKind.INVOICES);
        Map<String, Dataset<Row>> parts = new LinkedHashMap<>();
        parts.put("invoice rows", outputs.invoices(invoices.valid(),
                settled.get(LandingKind.LINE_ITEMS).valid(), settled.get(LandingKind.TRANSACTIONS).valid()));
        parts.put("rejects.invoices", invoices.rejects());
        parts.put("invoices after as-of", outputs.invoicesAfterAsOf(invoices.valid()));
        Map<String, Dataset<Row>> kept = replacing(invoices.judged(), parts);
        Dataset<Row> invoiceRows = kept.get("invoice rows");
        settled.put(LandingKind.INVOICES, Checked.rejectsOnly(kept.get("rejects.invoices")));
        out.put(OutputDataset.SOURCE_INVOICES, invoiceRows);
        out.put(OutputDataset.SOURCE_INVOICE_LINE_ITEMS, outputs.lineItems(settled.get(LandingKind.LINE_ITEMS).valid(), invoiceRows));
        out.put(OutputDataset.SOURCE_TRANSACTIONS, outputs.transactions(settled.get(LandingKind.TRANSACTIONS).valid(), invoiceRows));
        out.put(OutputDataset.SOURCE_SUBSCRIPTION_EVENTS, outputs.events(settled.get(LandingKind.SUBSCRIPTION_EVENTS).valid()));
        out.put(OutputDataset.SOURCE_CURRENCY_RATES, outputs.rates(settled.get(LandingKind.CURRENCY_RATES).valid(), asOf.atZone(ZoneOffset.UTC).toLocalDate()));

        settled.forEach((kind, checked) -> rejects.merge(kind.folder(), checked.rejects(), Dataset::unionByName));
        Dataset<Row> later = outputs.lineItemsAfterAsOf(settled.get(LandingKind.LINE_ITEMS).valid(), invoiceRows,
                kept.get("invoices after as-of"));
        shuffleFiles.releaseUnreachable();
        Map<OutputDataset, Dataset<Row>> soleInputs = new EnumMap<>(OutputDataset.class);
        SOLE_INPUTS.forEach((dataset, kind) -> soleInputs.put(dataset, settled.get(kind).judged()));
        return new SourceResult(out, rejects, recordsRead, mapping, checkpoints, later, soleInputs);
    }

    /**
     * The customers of the nested format once their tags and attributes are judged: their rejects and
     * their valid records without the children's texts, each materialized, in place of the judged
     * pass, which holds every tag and attribute as JSON text beside its customer and is read by
     * nothing now.
     */
    private Checked withoutChildren(Checked customers) {
        Map<String, Dataset<Row>> parts = new LinkedHashMap<>();
        parts.put("rejects.customers", customers.rejects());
        parts.put("valid customers", customers.valid()
                .drop(RawColumns.childArrays(LandingKind.CUSTOMERS).toArray(String[]::new)));
        Map<String, Dataset<Row>> kept = replacing(customers.judged(), parts);
        return new Checked(kept.get("valid customers"), kept.get("rejects.customers"), kept.get("valid customers"));
    }

    /** Materializes {@code parts} (named by their keys), then frees {@code judged}, which they read. */
    private Map<String, Dataset<Row>> replacing(Dataset<Row> judged, Map<String, Dataset<Row>> parts) {
        Map<String, Dataset<Row>> kept = checkpoints.materializeAll(parts, parallelism);
        checkpoints.release(judged);
        return kept;
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
            kept = checkpoints.materialize("judged " + kind.folder(), RecordValidation.keepable(judged));
            recordsRead.put(kind.folder(), checkpoints.rowCount(kept));
            LOG.info("read {}: {} records in {} s", kind.folder(), recordsRead.get(kind.folder()),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        } catch (Exception e) {
            throw new LandingUnreadableException("cannot read " + kind.folder() + " (" + reader.format().wireName()
                    + "): " + rootMessage(e) + brokenFiles(kind, e), e);
        }
        return new Checked(RecordValidation.valid(kept), RecordValidation.rejects(kept, kind.folder(), asOf), kept);
    }

    /** Settles the kinds side by side (up to {@code parallelism} at once); the first failure in their order is thrown. */
    private Map<LandingKind, Checked> settleAll(Map<LandingKind, Supplier<Dataset<Row>>> judged) {
        Map<LandingKind, Callable<Checked>> tasks = new LinkedHashMap<>();
        judged.forEach((kind, rows) -> tasks.put(kind, () -> settle(kind, rows.get())));
        Map<LandingKind, Checked> settled = ParallelJobs.runAll(tasks, parallelism);
        // The wave's judging plans are unreachable now: their shuffle files can go before the next wave writes its own.
        shuffleFiles.releaseUnreachable();
        return settled;
    }

    private Dataset<Row> read(LandingKind kind) {
        return selection.select(kind, reader.read(kind, selection.needles(kind)));
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

    /**
     * The kind's compressed files that cannot be read to their end, as a clause of the error: Spark's
     * error for a gzip file cut off ("Unexpected end of input stream") does not name the file. Asked
     * only when the failure is a stream that ended early or broken compression (each file is then
     * decompressed on the driver): an executor lost or a full disk is reported at once.
     */
    private String brokenFiles(LandingKind kind, Throwable failure) {
        if (!compressionBroke(failure)) return "";
        try {
            List<String> broken = reader.brokenCompressedFiles(kind);
            return broken.isEmpty() ? "" : "; file(s) that cannot be read to their end: " + String.join(", ", broken);
        } catch (RuntimeException e) { // the error above is the one to report
            return "";
        }
    }

    private static boolean compressionBroke(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.util.zip.ZipException) return true;
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("end of input stream") || m.contains("gzip") || m.contains("compressed")) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t + ")";
    }
}
