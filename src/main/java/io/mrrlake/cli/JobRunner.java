package io.mrrlake.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.mrrlake.config.ConfigException;
import io.mrrlake.config.JobSettings;
import io.mrrlake.export.DatasetFilter;
import io.mrrlake.export.DatasetWrite;
import io.mrrlake.export.Destination;
import io.mrrlake.export.DestinationFactory;
import io.mrrlake.export.DestinationOutcome;
import io.mrrlake.export.DestinationWriter;
import io.mrrlake.export.FilesDestination;
import io.mrrlake.export.OverwriteMode;
import io.mrrlake.export.StoreTimeouts;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingUnreadableException;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.landing.Rejects;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.MrrColumns;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.report.HtmlReport;
import io.mrrlake.report.RunSummary;
import io.mrrlake.source.RecordSelection;
import io.mrrlake.source.SourceResult;
import io.mrrlake.source.SourceStage;
import io.mrrlake.spark.CheckpointLevel;
import io.mrrlake.spark.Checkpoints;
import io.mrrlake.spark.ProgressLog;
import io.mrrlake.spark.ShuffleFiles;
import io.mrrlake.spark.SparkSessions;
import io.mrrlake.webhook.WebhookEndpoint;
import io.mrrlake.webhook.WebhookEndpoints;
import io.mrrlake.webhook.WebhookOutcome;
import io.mrrlake.webhook.WebhookStage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

/**
 * One run: read and validate the landing zone, calculate, write every dataset to every destination,
 * deliver webhooks, record the summary. Destinations and webhooks are built (and so validated)
 * before Spark starts.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Below this a kind's share of rejects says little (a few plans, one bad one). */
    static final int MIN_RECORDS_FOR_A_KIND_SHARE = 100;

    private final JobSettings settings;
    private final List<Destination> destinations;
    private final List<WebhookEndpoint> endpoints;
    private final DatasetFilter datasetFilter;
    /** mrr_monthly for the run report: one row per month and currency, small. */
    private List<Row> monthlyRows = List.of();

    private JobRunner(JobSettings settings, List<Destination> destinations, List<WebhookEndpoint> endpoints) {
        this.settings = settings;
        this.destinations = destinations;
        this.endpoints = endpoints;
        this.datasetFilter = DatasetFilter.of("run.datasets", settings.datasets());
    }

    /** Builds the destinations and webhook endpoints from the settings: every key checked, no Spark yet. */
    public static JobRunner prepare(JobSettings settings) {
        List<Destination> destinations = new ArrayList<>();
        if (settings.outputUri() != null) {
            destinations.add(FilesDestination.forOutput(settings.outputUri(), settings.outputFormat(),
                    OverwriteMode.parse("output.overwrite", settings.outputOverwrite()), settings.outputCatalog()));
        }
        destinations.addAll(DestinationFactory.fromConfig(settings.destinations()));
        List<WebhookEndpoint> endpoints = WebhookEndpoints.fromConfig(settings.destinations());
        return new JobRunner(settings, destinations, endpoints);
    }

    /** The run command. Throws {@link RunFailedException} (exit 1) after recording the summary. */
    public RunSummary run() {
        if (destinations.isEmpty() && endpoints.isEmpty()) {
            throw new ConfigException("output.uri", "no destination: give --output URI or destinations in a --conf file");
        }
        if (!endpoints.isEmpty()) {
            // Webhooks keep their ledger and watermarks there: without one, a configuration error
            // (exit 2) before Spark starts, not a failed run after the whole calculation.
            stateLocation();
        }
        RunSummary summary = newSummary("run");
        Stages stages = new Stages(summary);
        SparkSession spark = session();
        // Before anything is read: a second run fails at once, and writes no summary over the first's.
        try (RunLock lock = lock(spark)) {
            return runLocked(spark, summary, stages, lock);
        }
    }

    private RunSummary runLocked(SparkSession spark, RunSummary summary, Stages stages, RunLock lock) {
        // Each dataset is materialized once and its lineage cut: the source and engine plans are deep,
        // and every later action (the engine, counts, each destination) would otherwise re-plan and
        // re-run them.
        Checkpoints checkpoints = new Checkpoints(checkpointLevel(spark));
        try (ShuffleFiles shuffleFiles = ShuffleFiles.watch(spark)) {
            Computed computed = compute(spark, summary, stages, checkpoints, shuffleFiles);
            // Only materialized datasets are reachable now: the calculation's shuffle files can go.
            shuffleFiles.releaseUnreachable();
            Map<OutputDataset, Dataset<Row>> sourceData = computed.source();
            Map<OutputDataset, Dataset<Row>> calculatedData = computed.calculated();
            Map<String, Dataset<Row>> rejects = computed.rejects();
            monthlyRows = calculatedData.get(OutputDataset.CALCULATED_MRR_MONTHLY).orderBy(MrrColumns.CURRENCY, MrrColumns.MONTH).collectAsList();
            List<DatasetWrite> writes = new ArrayList<>();
            sourceData.forEach((d, rows) -> writes.add(DatasetWrite.of(d, rows)));
            calculatedData.forEach((d, rows) -> writes.add(DatasetWrite.of(d, rows)));
            rejects.forEach((kind, rows) -> writes.add(DatasetWrite.rejects(kind, rows)));
            List<DatasetWrite> selected = writes.stream().filter(w -> datasetFilter.accepts(w.dottedName())).toList();
            // Every dataset written was counted by the job that materialized it.
            selected.forEach(w -> summary.rowsWritten.put(w.dottedName(), checkpoints.rowCount(w.rows())));
            stages.run("movement totals", () -> movementTotals(calculatedData.get(OutputDataset.CALCULATED_MRR_MOVEMENTS), summary));

            if (lock != null) lock.checkStillHeld();
            List<DestinationOutcome> outcomes = stages.run("write", () -> DestinationWriter.writeAll(destinations, selected, settings.parallelJobs()));
            List<String> failed = new ArrayList<>();
            for (DestinationOutcome o : outcomes) {
                summary.destinations.add(destinationSummary(o));
                if (!o.ok()) failed.add(o.name() + " (" + o.error() + ")");
            }
            if (!endpoints.isEmpty()) {
                List<WebhookOutcome> hooks = stages.run("webhooks", () -> WebhookStage.deliver(spark,
                        calculatedData.get(OutputDataset.CALCULATED_MRR_MOVEMENTS),
                        calculatedData.get(OutputDataset.CALCULATED_CUSTOMERS), endpoints,
                        settings.asOf().instant(), stateLocation(), lock == null ? () -> {} : lock::checkStillHeld));
                for (WebhookOutcome h : hooks) {
                    summary.webhooks.add(webhookSummary(h));
                    if (!h.ok()) failed.add("webhook " + h.endpoint() + (h.error() == null ? "" : " (" + h.error() + ")"));
                }
            }
            if (failed.isEmpty()) {
                summary.succeeded();
            } else {
                summary.failed("destination failed: " + String.join("; ", failed));
            }
        } catch (LandingUnreadableException e) {
            summary.failed("input unreadable: " + e.getMessage());
        } catch (RunFailedException e) {
            summary.failed(e.getMessage());
        } catch (RuntimeException e) {
            summary.failed(e.toString());
            finish(spark, summary, checkpoints);
            throw new RunFailedException(e.toString(), e);
        }
        finish(spark, summary, checkpoints);
        if (!summary.ok()) {
            throw new RunFailedException(summary.error);
        }
        return summary;
    }

    /** The run's datasets, each materialized in the run's checkpoints. */
    private record Computed(Map<OutputDataset, Dataset<Row>> source, Map<OutputDataset, Dataset<Row>> calculated,
                            Map<String, Dataset<Row>> rejects) {}

    /** The source datasets and their rejects, each materialized in the run's checkpoints. */
    private record SourceData(Map<OutputDataset, Dataset<Row>> datasets, Map<String, Dataset<Row>> rejects) {}

    /**
     * Reads, checks and calculates. Each step's intermediate data is freed once the next no longer
     * reads it: the source stage's checkpoints once the source datasets and their rejects are
     * materialized, the ledger once the calculated datasets are. Only materialized datasets leave
     * {@link #readSource} and this method, so afterwards no plan reaches the shuffles behind them and
     * Spark's cleaner can delete their files (see {@link ShuffleFiles}); the local disk's peak is then
     * no longer the sum of every stage's shuffles and checkpoints.
     */
    private Computed compute(SparkSession spark, RunSummary summary, Stages stages, Checkpoints checkpoints,
                             ShuffleFiles shuffleFiles) {
        SourceData source = readSource(spark, summary, stages, checkpoints);
        Map<OutputDataset, Dataset<Row>> sourceData = source.datasets();
        Map<String, Dataset<Row>> rejects = new TreeMap<>(source.rejects());
        // A failed run's summary says what was rejected: every customer or invoice, often.
        checkInputNotEmpty(sourceData, () -> countRejects(rejects, summary));
        shuffleFiles.releaseUnreachable();
        Checkpoints ledger = new Checkpoints(checkpoints.level());
        try {
            CalculatedResult calculated = stages.run("calculate", () ->
                    MrrEngine.calculate(spark, sourceData, settings.mrr(), settings.asOf().instant(), rows -> ledger.materialize("ledger", rows)));
            // The shuffles that built the ledger are behind its checkpoint now.
            shuffleFiles.releaseUnreachable();
            // The engine rejects line items (missing_rate, a converted MRR out of range) and transactions
            // (a converted amount out of range) too: they join the source's rejects of their kind.
            Map<String, Dataset<Row>> merged = new TreeMap<>();
            calculated.rejectsByKind().forEach((kind, engineRejects) ->
                    merged.put(kind, rejects.merge(kind, engineRejects, Dataset::unionByName)));
            rejects.putAll(stages.run("materialize rejects", () ->
                    checkpoints.materializeAll(merged, settings.parallelJobs(), kind -> "rejects." + kind)));
            countRejects(rejects, summary);
            checkRejectRatio(summary);
            Map<OutputDataset, Dataset<Row>> calculatedData = stages.run("materialize calculated", () -> checkpoints.materializeAll(calculated.datasets(), settings.parallelJobs(), OutputDataset::dottedName));
            return new Computed(sourceData, calculatedData, rejects);
        } finally {
            ledger.release();
        }
    }

    /**
     * The read and "materialize source" stages. A method of its own so that, once it returns, the
     * source stage's plans (which reach its shuffles) are unreachable.
     */
    private SourceData readSource(SparkSession spark, RunSummary summary, Stages stages, Checkpoints checkpoints) {
        SourceResult source = stages.run("read", () -> read(spark, summary, checkpoints.level()));
        try {
            Map<String, Dataset<Row>> rejects = new TreeMap<>();
            Map<OutputDataset, Dataset<Row>> datasets = stages.run("materialize source", () -> {
                // What the source stage has materialized already (the invoices, some rejects) is taken over, not copied.
                rejects.putAll(checkpoints.materializeAll(source.checkpoints(), source.rejects(), settings.parallelJobs(),
                        kind -> "rejects." + kind, kind -> {}));
                // Each kind's pass is freed as soon as the one dataset that still reads it is kept,
                // so the local disk never holds both in full for every kind at once.
                return checkpoints.materializeAll(source.checkpoints(), source.datasets(), settings.parallelJobs(),
                        OutputDataset::dottedName, source::releaseSoleInputOf);
            });
            return new SourceData(datasets, rejects);
        } finally {
            source.release();
        }
    }

    /** The validate command: read and check, count rejects, write nothing. */
    public RunSummary validate() {
        RunSummary summary = newSummary("validate");
        Stages stages = new Stages(summary);
        SparkSession spark = session();
        try {
            StorageLevel level = checkpointLevel(spark);
            SourceResult source = stages.run("read", () -> read(spark, summary, level));
            stages.run("count rejects", () -> countRejects(source.rejects(), summary));
            checkInputNotEmpty(source.datasets(), () -> {});
            source.release();
            checkRejectRatio(summary);
            summary.succeeded();
        } catch (LandingUnreadableException e) {
            summary.failed("input unreadable: " + e.getMessage());
        } catch (RunFailedException e) {
            summary.failed(e.getMessage());
        }
        LOG.info("{}", summary.toJson(false));
        return summary;
    }

    private SourceResult read(SparkSession spark, RunSummary summary, StorageLevel checkpointLevel) {
        java.time.Instant asOf = settings.asOf() == null ? java.time.Instant.parse("9999-12-31T23:59:59Z") : settings.asOf().instant();
        SourceResult source = SourceStage.run(spark, settings.inputUri(), InputFormat.parse(settings.inputFormat()),
                asOf, settings.customers(), RecordSelection.ALL, settings.parallelJobs(), checkpointLevel);
        summary.recordsRead.putAll(source.recordsRead());
        return source;
    }

    /** Where this run keeps its checkpoints ({@code run.checkpoint_storage}), logged with why. */
    private StorageLevel checkpointLevel(SparkSession spark) {
        long landingBytes = LandingZone.bytes(spark, settings.inputUri());
        long storageMemory = CheckpointLevel.storageMemory(spark.sparkContext());
        StorageLevel level = CheckpointLevel.of(settings.checkpointStorage(), landingBytes, storageMemory);
        LOG.info("checkpoints kept {} (run.checkpoint_storage = {}; landing zone {} MB, storage memory {} MB)",
                CheckpointLevel.describe(level), settings.checkpointStorage().name().toLowerCase(Locale.ROOT),
                landingBytes >> 20, storageMemory >> 20);
        return level;
    }

    private static void countRejects(Map<String, Dataset<Row>> rejects, RunSummary summary) {
        Dataset<Row> all = rejects.values().stream().map(r -> r.select(Rejects.KIND, Rejects.REASON))
                .reduce(Dataset::union).orElse(null);
        if (all == null) return;
        for (Row r : all.groupBy(Rejects.KIND, Rejects.REASON).count().collectAsList()) {
            summary.rejects.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
    }

    /**
     * The share of rejects over all records, and over each kind with at least
     * {@link #MIN_RECORDS_FOR_A_KIND_SHARE} records: a broken invoice export must not hide behind
     * thousands of good currency rates.
     */
    private void checkRejectRatio(RunSummary summary) {
        Double limit = settings.maxRejectRatio();
        if (limit == null) return;
        String worst = "all kinds";
        long worstRejected = summary.totalRejects();
        long worstRead = summary.totalRecordsRead();
        for (Map.Entry<String, Long> kind : summary.recordsRead.entrySet()) {
            long read = kind.getValue();
            long rejected = summary.rejects.getOrDefault(kind.getKey(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
            if (read >= MIN_RECORDS_FOR_A_KIND_SHARE && (double) rejected / read > share(worstRejected, worstRead)) {
                worst = kind.getKey();
                worstRejected = rejected;
                worstRead = read;
            }
        }
        if (share(worstRejected, worstRead) > limit) {
            throw new RunFailedException(String.format(Locale.ROOT,
                    "rejects over --max-reject-ratio in %s: %d of %d records (%.4f > %s); nothing was written",
                    worst, worstRejected, worstRead, share(worstRejected, worstRead), limit));
        }
    }

    private static double share(long rejected, long read) {
        return read == 0 ? 0 : (double) rejected / read;
    }

    /**
     * An export with no customers or no invoices is a broken export, not a business without revenue:
     * writing its empty datasets would replace the last good output.
     *
     * @param beforeFailing what to do before the run fails for it (count the rejects for the summary)
     */
    private void checkInputNotEmpty(Map<OutputDataset, Dataset<Row>> source, Runnable beforeFailing) {
        if (settings.allowEmptyInput()) return;
        List<String> empty = new ArrayList<>();
        for (OutputDataset d : List.of(OutputDataset.SOURCE_CUSTOMERS, OutputDataset.SOURCE_INVOICES)) {
            if (source.get(d).isEmpty()) empty.add(d.table());
        }
        if (!empty.isEmpty()) {
            beforeFailing.run();
            throw new RunFailedException("the input has no valid " + String.join(" and no valid ", empty)
                    + "; nothing was written and every output is left as it was (--allow-empty-input runs anyway)");
        }
    }

    /** Locks every files root and the state location; null when the run has neither (JDBC, warehouses only). */
    private RunLock lock(SparkSession spark) {
        List<String> locations = new ArrayList<>(filesRoots());
        if (settings.stateLocation() != null) locations.add(settings.stateLocation());
        if (locations.isEmpty()) {
            LOG.info("no files destination and no run.state_location: no run lock is taken");
            return null;
        }
        return RunLock.acquire(locations, spark.sparkContext().hadoopConfiguration(), settings.lock());
    }

    private static void movementTotals(Dataset<Row> movements, RunSummary summary) {
        for (Row r : movements.groupBy(MrrColumns.MOVEMENT_TYPE).agg(count("*"), sum(col(MrrColumns.MRR_MOVEMENT))).collectAsList()) {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("rows", r.getLong(1));
            m.put("amount", r.isNullAt(2) ? 0L : r.getLong(2));
            summary.movements.put(r.getString(0), m);
        }
    }

    private Map<String, Object> destinationSummary(DestinationOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("type", o.type());
        destinations.stream().filter(d -> d.name().equals(o.name()) && d instanceof FilesDestination)
                .findFirst().ifPresent(d -> m.put("location", ((FilesDestination) d).root()));
        m.put("outcome", o.ok() ? "succeeded" : "failed");
        if (o.error() != null) m.put("error", o.error());
        m.put("rows", o.rowsByDataset());
        if (!o.failedDatasets().isEmpty()) m.put("failedDatasets", o.failedDatasets());
        return m;
    }

    private static Map<String, Object> webhookSummary(WebhookOutcome h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", h.endpoint());
        m.put("outcome", h.ok() ? "succeeded" : "failed");
        m.put("sent", h.sent());
        m.put("failed", h.failed());
        m.put("deferred", h.deferred());
        m.put("skippedAlreadyDelivered", h.skippedAlreadyDelivered());
        m.put("watermarkBefore", String.valueOf(h.watermarkBefore()));
        m.put("watermarkAfter", String.valueOf(h.watermarkAfter()));
        if (h.error() != null) m.put("error", h.error());
        return m;
    }

    private RunSummary newSummary(String command) {
        RunSummary s = new RunSummary();
        s.command = command;
        s.startedAt = java.time.Instant.now();
        s.asOf = settings.asOf() == null ? null : settings.asOf().instant().toString();
        s.settings.put("input", Map.of("uri", String.valueOf(settings.inputUri()), "format", settings.inputFormat()));
        s.settings.put("mrr", settings.effective().getConfig("mrr").root().unwrapped());
        s.settings.put("customers", settings.effective().getConfig("customers").root().unwrapped());
        s.settings.put("max_reject_ratio", settings.maxRejectRatio());
        s.settings.put("datasets", settings.datasets());
        // Destinations by name and type only: their blocks may hold secrets.
        Map<String, String> dests = new LinkedHashMap<>();
        destinations.forEach(d -> dests.put(d.name(), d.getClass().getSimpleName()));
        endpoints.forEach(e -> dests.put(e.name(), "webhook"));
        s.settings.put("destinations", dests);
        return s;
    }

    private SparkSession session() {
        Map<String, String> props = new LinkedHashMap<>();
        for (Destination d : destinations) {
            if (d instanceof FilesDestination f) props.putAll(f.sparkSettings());
        }
        props.putAll(settings.sparkProperties());
        return session(props);
    }

    /** The launcher's local session or the cluster's, with the progress log attached (the explain command's too). */
    static SparkSession session(Map<String, String> props) {
        SparkSession spark = Runtime.isLocalLauncher() ? SparkSessions.local(props) : SparkSessions.existingOrNew(props);
        StoreTimeouts.applyDefaults(spark.sparkContext().hadoopConfiguration());
        ProgressLog.attach(spark.sparkContext());
        return spark;
    }

    private String stateLocation() {
        if (settings.stateLocation() != null) return settings.stateLocation();
        return filesRoots().stream().findFirst().map(r -> r + "/_state").orElseThrow(() ->
                new ConfigException("run.state_location", "missing: webhooks need a state location when no files destination is configured"));
    }

    private List<String> filesRoots() {
        List<String> roots = new ArrayList<>();
        for (Destination d : destinations) {
            if (d instanceof FilesDestination f) roots.add(f.root());
        }
        if (roots.isEmpty() && settings.stateLocation() != null) roots.add(settings.stateLocation());
        return roots;
    }

    /** Writes {@code <root>/_runs/<as-of>/<name>}: one small object, a single PUT on object stores. */
    private void writeRunFile(SparkSession spark, String root, String name, String content) {
        Path p = new Path(root + "/_runs/" + settings.asOf().label() + "/" + name);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(p, true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("could not write {}: {}", p, e.toString());
        }
    }

    private void finish(SparkSession spark, RunSummary summary, Checkpoints checkpoints) {
        if (summary.finishedAt == null) summary.failed("run ended without an outcome");
        String json = summary.toJson(true);
        String html = HtmlReport.render(summary, monthlyRows);
        for (String root : filesRoots()) {
            writeRunFile(spark, root, "summary.json", json);
            writeRunFile(spark, root, "report.html", html);
        }
        checkpoints.release();
        LOG.info("{}", summary.toJson(false));
    }
}
