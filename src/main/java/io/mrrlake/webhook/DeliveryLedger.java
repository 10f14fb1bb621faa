package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The delivery ledger: one row per (endpoint, movement) ever attempted, a Delta table partitioned by
 * endpoint under the state location. A batch's results are first written to its staging folder
 * ({@code results}: that write is the one Spark job that sends), then recorded in the ledger in one
 * Delta commit (an append for a batch of new movements, else a MERGE), then the staging folder is
 * deleted. While sending, each task also writes every
 * result down as it happens ({@code journal}, see {@link ResultJournal}). Staging left behind by a
 * killed run is merged at the next run's start: the finished results when the batch got that far,
 * else its journal, so a kill loses at most the answers of the requests in flight.
 */
final class DeliveryLedger {
    static final String LEDGER_DIR = "webhook_ledger";
    static final String STAGING_DIR = "_webhook_staging";
    private static final String RESULTS_DIR = "results";
    private static final String JOURNAL_DIR = "journal";
    private static final String SUCCESS_MARKER = "_SUCCESS";
    private static final int COMMIT_TRIES = 5;

    private static final Logger LOG = LogManager.getLogger(DeliveryLedger.class);

    private final SparkSession spark;
    private final String stateLocation;
    private final String path;

    private DeliveryLedger(SparkSession spark, String stateLocation) {
        this.spark = spark;
        this.stateLocation = stripSlash(stateLocation);
        this.path = this.stateLocation + "/" + LEDGER_DIR;
    }

    /** Opens the ledger, creating the empty table on first use. */
    static DeliveryLedger open(SparkSession spark, String stateLocation) {
        DeliveryLedger ledger = new DeliveryLedger(spark, stateLocation);
        createIfAbsent(spark, ledger.path, PartitionDelivery.RESULT_SCHEMA, L_ENDPOINT);
        return ledger;
    }

    String path() {
        return path;
    }

    /** The endpoint's rows. */
    Dataset<Row> rows(String endpoint) {
        return spark.read().format("delta").load(path).filter(col(L_ENDPOINT).equalTo(lit(endpoint)));
    }

    String stagingPath(String endpoint, String batchId) {
        return stateLocation + "/" + STAGING_DIR + "/" + endpoint + "/" + batchId;
    }

    /** Where the Spark job that sends a staged batch writes its results. */
    static String resultsPath(String staged) {
        return staged + "/" + RESULTS_DIR;
    }

    /** Where the tasks that send a staged batch write each result down as it happens. */
    static String journalPath(String staged) {
        return staged + "/" + JOURNAL_DIR;
    }

    /**
     * Merges a staged batch's results into the ledger, returns its row counts by status, and deletes
     * the batch's staging folder. Idempotent: a row whose BATCH_ID the ledger already holds is not
     * applied again.
     */
    Map<String, Long> mergeStaged(String endpoint, String staged) {
        Map<String, Long> counts = mergeResults(endpoint, staged(staged));
        delete(staged);
        return counts;
    }

    /**
     * As {@link #mergeStaged}, for a batch of movements that the ledger did not hold when the run
     * began (none a retry): a blind append, one Delta commit that reads nothing of the ledger, where a
     * MERGE joins the batch with the endpoint's whole partition and grows slower with it. Only the run
     * that picked the batch may call this (the run lock keeps other runs of the endpoint out); calling
     * it again for the same run and batch adds nothing. A killed run's staged batch is applied by
     * {@link #recover} with {@link #mergeStaged}, whose BATCH_ID check makes a batch appended before
     * the kill a no-op there.
     */
    Map<String, Long> appendStaged(String endpoint, String staged, String runId, int batch) {
        Dataset<Row> rows = staged(staged);
        Map<String, Long> counts = countByStatus(rows);
        // Delta's idempotent writes: a commit of this run's batch n (or a later one) already in the
        // log makes the append a no-op, so retrying a commit that did land adds nothing.
        commitWithRetry(() -> {
            rows.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", "mrrlake-webhook-" + endpoint + "-" + runId)
                    .option("txnVersion", batch)
                    .save(path);
            return null;
        });
        delete(staged);
        return counts;
    }

    private Dataset<Row> staged(String staged) {
        return spark.read().schema(PartitionDelivery.RESULT_SCHEMA).parquet(resultsPath(staged));
    }

    private Map<String, Long> mergeResults(String endpoint, Dataset<Row> batch) {
        Map<String, Long> counts = countByStatus(batch);
        commitWithRetry(() -> merge(endpoint, batch));
        return counts;
    }

    private static Map<String, Long> countByStatus(Dataset<Row> batch) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : batch.groupBy(L_STATUS).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    private Void merge(String endpoint, Dataset<Row> batch) {
        // The literal partition predicate keeps concurrent MERGEs of other endpoints from conflicting.
        Column on = col("t." + L_ENDPOINT).equalTo(lit(endpoint))
                .and(col("t." + L_ENDPOINT).equalTo(col("s." + L_ENDPOINT)))
                .and(col("t." + L_MOVEMENT_UUID).equalTo(col("s." + L_MOVEMENT_UUID)));
        Column update = col("t." + L_STATUS).notEqual(lit(STATUS_DELIVERED))
                .and(col("t." + L_BATCH_ID).notEqual(col("s." + L_BATCH_ID)));
        Map<String, String> set = new LinkedHashMap<>();
        set.put(L_CUSTOMER_UUID, "s." + L_CUSTOMER_UUID);
        set.put(L_MOVEMENT_DATE, "s." + L_MOVEMENT_DATE);
        set.put(L_STATUS, "s." + L_STATUS);
        set.put(L_ATTEMPTS, "t." + L_ATTEMPTS + " + s." + L_ATTEMPTS);
        // A blocked row (no attempt) keeps the last answer the endpoint gave.
        set.put(L_LAST_STATUS_CODE, "CASE WHEN s." + L_ATTEMPTS + " > 0 THEN s." + L_LAST_STATUS_CODE
                + " ELSE t." + L_LAST_STATUS_CODE + " END");
        set.put(L_LAST_ERROR, "s." + L_LAST_ERROR);
        set.put(L_FIRST_ATTEMPT_AT, "coalesce(t." + L_FIRST_ATTEMPT_AT + ", s." + L_FIRST_ATTEMPT_AT + ")");
        set.put(L_LAST_ATTEMPT_AT, "coalesce(s." + L_LAST_ATTEMPT_AT + ", t." + L_LAST_ATTEMPT_AT + ")");
        set.put(L_DELIVERED_AT, "s." + L_DELIVERED_AT);
        set.put(L_AS_OF, "s." + L_AS_OF);
        set.put(L_BATCH_ID, "s." + L_BATCH_ID);
        DeltaTable.forPath(spark, path).as("t")
                .merge(batch.as("s"), on)
                .whenMatched(update).updateExpr(set)
                .whenNotMatched().insertAll()
                .execute();
        return null;
    }

    /**
     * Applies what a killed run staged but did not merge. A batch whose results lack Spark's success
     * marker was being sent when the run died: its journal holds every result written down before
     * the kill. Only a request in flight at that moment, whose answer never came back, is not in it;
     * the receiver may have got that one, and it is sent again (same X-Mrrlake-Delivery).
     */
    RecoveryReport recover(String endpoint) {
        Path dir = new Path(stateLocation + "/" + STAGING_DIR + "/" + endpoint);
        List<String> merged = new ArrayList<>();
        Map<String, Map<String, Long>> journal = new LinkedHashMap<>();
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                return new RecoveryReport(merged, journal);
            }
            FileStatus[] batches = fs.listStatus(dir);
            Arrays.sort(batches);
            for (FileStatus b : batches) {
                if (!b.isDirectory()) {
                    continue;
                }
                String staged = b.getPath().toString();
                if (fs.exists(new Path(resultsPath(staged), SUCCESS_MARKER))) {
                    mergeStaged(endpoint, staged);
                    merged.add(b.getPath().getName());
                    continue;
                }
                Dataset<Row> journaled = ResultJournal.read(spark, journalPath(staged));
                if (journaled != null) {
                    journal.put(b.getPath().getName(), mergeResults(endpoint, journaled));
                }
                delete(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook staging folder of endpoint " + endpoint, e);
        }
        if (!merged.isEmpty() || !journal.isEmpty()) {
            LOG.warn("webhook {}: recovered an interrupted run: merged finished batches {}; merged the journal of "
                    + "unfinished batches (results by status) {}", endpoint, merged, journal);
        }
        return new RecoveryReport(merged, journal);
    }

    /**
     * @param merged  finished batches whose results were merged
     * @param journal unfinished batches whose journal was merged, with its results by status
     */
    record RecoveryReport(List<String> merged, Map<String, Map<String, Long>> journal) {}

    void delete(String staged) {
        Path p = new Path(staged);
        try {
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete webhook staging folder " + staged, e);
        }
    }

    /** Retries a Delta commit that lost a race with another endpoint's commit; a lost commit applied nothing. */
    static <T> T commitWithRetry(Supplier<T> commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commit.get();
            } catch (RuntimeException e) {
                if (attempt >= COMMIT_TRIES || !isConcurrentModification(e)) {
                    throw e;
                }
                LOG.info("webhook ledger: concurrent Delta commit, trying again ({}/{})", attempt, COMMIT_TRIES);
            }
        }
    }

    private static boolean isConcurrentModification(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().contains("Concurrent")) {
                return true;
            }
        }
        return false;
    }

    /** Path-based, not through the catalog: the state location is a plain URI, not a table name. */
    static void createIfAbsent(SparkSession spark, String path, StructType schema, String... partitionBy) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            spark.createDataFrame(List.of(), schema).write().format("delta").partitionBy(partitionBy)
                    .mode(SaveMode.Ignore).save(path);
        }
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
