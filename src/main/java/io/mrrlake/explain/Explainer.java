package io.mrrlake.explain;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mrrlake.config.ConfigException;
import io.mrrlake.config.CustomerSettings;
import io.mrrlake.config.JobSettings;
import io.mrrlake.config.MrrSettings;
import io.mrrlake.customers.CustomerMerging;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingReader;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.landing.Rejects;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Columns;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.CustomerWalks;
import io.mrrlake.mrr.MrrColumns;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.mrr.ledger.FxImpact;
import io.mrrlake.mrr.ledger.LedgerTrace;
import io.mrrlake.source.SourceResult;
import io.mrrlake.source.SourceStage;
import io.mrrlake.spark.CheckpointLevel;
import io.mrrlake.spark.Checkpoints;
import io.mrrlake.spark.ScopedSqlConf;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The explain command's work: find the customers asked for, select their records before validation
 * ({@link CustomerSelection}), run the run's source stage and engine on them, and record the ledger's
 * decisions on the way ({@link CustomerWalks}). The movements, MRR and status shown are the engine's
 * output rows; the traced ledger must give the same movements, or the command fails.
 */
public final class Explainer {
    private final SparkSession spark;
    private final JobSettings settings;

    public Explainer(SparkSession spark, JobSettings settings) {
        this.spark = spark;
        this.settings = settings;
        if (settings.asOf() == null) throw new ConfigException("run.as_of", "explain needs --as-of");
        if (settings.inputUri() == null) throw new ConfigException("input.uri", "explain needs --input");
    }

    /**
     * Spark settings for a few customers' records, used while explain runs unless the user chose a value
     * (the {@code spark} block, spark-submit): Spark's interpreted evaluation instead of generated code,
     * and one shuffle partition. Generating and compiling code for the source stage's and engine's wide
     * plans cost more than running them on a handful of rows: at 100,000 customers explain took 54-61 s
     * with them and 41-50 s without (docs/BENCHMARKS.md). Spark gives the same rows either way; ExplainTest
     * checks explain against a run made with generated code. {@code factoryMode} is marked internal in
     * Spark (made for its tests); NO_CODEGEN is the interpreted path that Spark falls back to whenever
     * generated code fails to compile.
     */
    static final Map<String, String> FEW_ROWS = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.shuffle.partitions", "1");

    /** {@link #FEW_ROWS} without the settings the user chose. */
    static Map<String, String> fewRowsSettings(Map<String, String> chosen, SparkConf submitted) {
        Map<String, String> out = new TreeMap<>(FEW_ROWS);
        out.keySet().removeIf(k -> chosen.containsKey(k) || submitted.contains(k));
        return out;
    }

    /** One explanation per id, in the order asked; throws {@link ExplainException} for an id that names no customer. */
    public List<Explanation> explain(List<String> ids, String dataSource) {
        try (ScopedSqlConf few = ScopedSqlConf.set(spark, fewRowsSettings(settings.sparkProperties(), new SparkConf()))) {
            return explainAll(ids, dataSource);
        }
    }

    private List<Explanation> explainAll(List<String> ids, String dataSource) {
        Instant asOf = settings.asOf().instant();
        MrrSettings mrr = settings.mrr();
        CustomerSettings customerSettings = settings.customers();
        InputFormat format = InputFormat.parse(settings.inputFormat());
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        LandingReader reader = new LandingReader(LandingZone.open(spark, settings.inputUri(), format));
        Checkpoints checkpoints = new Checkpoints();
        try {
            RawCustomers rawCustomers = new RawCustomers(reader, checkpoints);
            Dataset<Row> dataSources = checkpoints.materialize(reader.read(LandingKind.DATA_SOURCES).select("uuid", "name"));
            CustomerLookup lookup = new CustomerLookup(rawCustomers, dataSources, customerSettings);
            Map<String, Set<SourceKey>> seeds = new LinkedHashMap<>();
            for (String id : ids) seeds.put(id, lookup.resolve(id, dataSource));
            Set<SourceKey> allSeeds = new LinkedHashSet<>();
            seeds.values().forEach(allSeeds::addAll);

            CustomerSelection selection = CustomerSelection.of(reader, rawCustomers, allSeeds, customerSettings, checkpoints);
            // A few customers' records: memory holds them.
            SourceResult source = SourceStage.run(spark, settings.inputUri(), format, asOf, customerSettings, selection,
                    settings.parallelJobs(), CheckpointLevel.MEMORY);
            Map<OutputDataset, Dataset<Row>> data = checkpoints.materializeAll(source.datasets(), settings.parallelJobs());

            Map<SourceKey, String> calculatedOf = new TreeMap<>();
            Map<SourceKey, Boolean> primary = new TreeMap<>();
            for (Row r : source.customerMapping().collectAsList()) {
                SourceKey k = new SourceKey(r.getAs(Columns.DATA_SOURCE_UUID), r.getAs(Columns.EXTERNAL_ID));
                calculatedOf.put(k, r.getAs(Columns.CUSTOMER_UUID));
                primary.put(k, r.getAs(CustomerMerging.IS_PRIMARY));
            }
            List<Explanation.Reject> rejects = rejects(source);
            Map<String, String> targets = new LinkedHashMap<>();
            for (Map.Entry<String, Set<SourceKey>> e : seeds.entrySet()) {
                SourceKey seed = e.getValue().iterator().next();
                String uuid = calculatedOf.get(seed);
                if (uuid == null) {
                    throw new ExplainException("customer " + seed + " is not a valid customer record, so it has no MRR"
                            + rejectsOf(rejects, "customers"));
                }
                targets.put(e.getKey(), uuid);
            }
            Set<String> uuids = new LinkedHashSet<>(targets.values());

            CalculatedResult calculated = MrrEngine.calculate(spark, data, mrr, asOf, checkpoints::materialize);
            Map<String, CustomerWalks.Walk> walks = CustomerWalks.walk(data, source.lineItemsAfterAsOf(), mrr,
                    asOf, uuids);
            Map<String, Row> customerRows = new LinkedHashMap<>();
            for (Row r : calculated.get(OutputDataset.CALCULATED_CUSTOMERS).where(col(Columns.UUID).isin(uuids.toArray()))
                    .collectAsList()) customerRows.put(r.getAs(Columns.UUID), r);
            Map<String, List<Row>> movementRows = new LinkedHashMap<>();
            for (Row r : calculated.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                    .where(col(Columns.CUSTOMER_UUID).isin(uuids.toArray()))
                    .orderBy(MrrColumns.DATE, MrrColumns.RANK).collectAsList()) {
                movementRows.computeIfAbsent(r.getAs(Columns.CUSTOMER_UUID), k -> new ArrayList<>()).add(r);
            }
            List<Row> sourceCustomers = data.get(OutputDataset.SOURCE_CUSTOMERS).collectAsList();
            List<Row> merges = selection.merges()
                    .select(col("from_data_source_uuid"), col("from_external_id"), col("into_data_source_uuid"),
                            col("into_external_id"), Values.toTimestamp(col("merged_at")).as("merged_at"))
                    .collectAsList();

            List<Explanation> out = new ArrayList<>();
            for (String uuid : targets.values()) {
                out.add(new ExplanationBuilder(mrr, asOf, customerSettings, calculatedOf, primary).build(uuid,
                        customerRows.get(uuid), movementRows.getOrDefault(uuid, List.of()), walks.get(uuid),
                        sourceCustomers, merges, rejects));
            }
            source.release();
            return out;
        } finally {
            checkpoints.release();
        }
    }

    /** Rejects of the selected records (plans, rates and data sources are read whole: theirs are left out). */
    private static List<Explanation.Reject> rejects(SourceResult source) {
        List<Explanation.Reject> out = new ArrayList<>();
        for (Map.Entry<String, Dataset<Row>> e : source.rejects().entrySet()) {
            if (Set.of("plans", "currency_rates", "data_sources").contains(e.getKey())) continue;
            for (Row r : e.getValue().select(Rejects.KIND, Rejects.REASON, Rejects.DETAIL).collectAsList()) {
                out.add(new Explanation.Reject(r.getString(0), r.getString(1), r.getString(2)));
            }
        }
        return out;
    }

    private static String rejectsOf(List<Explanation.Reject> rejects, String kind) {
        StringBuilder b = new StringBuilder();
        for (Explanation.Reject r : rejects) {
            if (r.kind().equals(kind)) b.append("\n  rejected: ").append(r.reason()).append(": ").append(r.detail());
        }
        return b.toString();
    }

    /** Sums of exchange-rate impact per month in mrr.time_zone, in time order. */
    static List<Explanation.MonthFx> fxByMonth(List<FxImpact> impacts, ZoneId zone) {
        Map<String, Long> months = new TreeMap<>();
        for (FxImpact f : impacts) months.merge(YearMonth.from(f.date().atZone(zone)).toString(), f.amount(), Long::sum);
        List<Explanation.MonthFx> out = new ArrayList<>();
        months.forEach((m, v) -> out.add(new Explanation.MonthFx(m, v)));
        return out;
    }

    static final Comparator<LedgerTrace.Step> STEP_ORDER = Comparator.comparing(LedgerTrace.Step::at,
            Comparator.nullsLast(Comparator.naturalOrder()));
}
