package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import io.mrrlake.spark.Checkpoints;
import io.mrrlake.spark.JobDescription;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run for one endpoint: recover what a killed run staged, pick the candidates, send them batch by
 * batch on the executors, record each batch in the ledger, and move the watermark to the as-of once
 * every batch is recorded.
 */
final class EndpointDelivery {
    private static final String SEND_JOB = "webhook send ";
    /** How the Spark jobs that send a batch are described (Spark's UI, a test's listener), and no other job. */
    static final String SEND_JOB_PREFIX = JobDescription.of(SEND_JOB);

    private static final Logger LOG = LogManager.getLogger(EndpointDelivery.class);

    private final SparkSession spark;
    private final DeliveryLedger ledger;
    private final Watermarks watermarks;
    private final DeliveryHooks hooks;
    private final Instant asOf;
    private final String runId;

    EndpointDelivery(SparkSession spark, DeliveryLedger ledger, Watermarks watermarks, DeliveryHooks hooks,
                     Instant asOf, String runId) {
        this.spark = spark;
        this.ledger = ledger;
        this.watermarks = watermarks;
        this.hooks = hooks;
        this.asOf = asOf;
        this.runId = runId;
    }

    WebhookOutcome run(WebhookEndpoint endpoint, Dataset<Row> movements, Dataset<Row> customers) {
        String name = endpoint.name();
        hooks.beforeStateWrite(name);
        ledger.recover(name);
        Instant before = watermarks.get(name)
                .orElse(asOf.minus(endpoint.initialLookbackHours(), ChronoUnit.HOURS));

        Dataset<Row> withStatus = Candidates.withLedgerStatus(Candidates.selectMovementInput(movements),
                ledger.rows(name));
        Candidates.Sizes sizes = Candidates.sizes(withStatus, before, asOf, endpoint.retryFailed());
        long skipped = sizes.alreadyDelivered();
        Checkpoints held = new Checkpoints(StorageLevel.MEMORY_AND_DISK());
        long sent = 0;
        long failed = 0;
        long deferred = 0;
        try {
            long total = sizes.toSend();
            long retries = sizes.retries();
            int batches = (int) Math.max(1, (total + endpoint.batchSize() - 1) / endpoint.batchSize());
            LOG.info("webhook {} ({}): window ({}, {}], {} movements to send in {} batch(es) ({} of them retries), "
                    + "{} already delivered", name, endpoint.redactedUrl(), before, asOf, total,
                    total == 0 ? 0 : batches, retries, skipped);
            // The candidates as of the run's start, kept with their lineage cut: each batch's ledger
            // commit writes a table they are computed from, and Spark drops a cached (persisted)
            // Dataset that reads a written table, plans it again at that write, and computes it again,
            // ledger scan and joins included, in the next batch's send.
            Dataset<Row> batched = total == 0 ? null : Candidates.withBatch(held.materialize("webhook candidates " + name,
                    Candidates.withCustomer(Candidates.filterToSend(withStatus, before, asOf, endpoint.retryFailed()),
                            customers)), batches);
            Set<Integer> withRetries = retries == 0 ? Set.of() : Candidates.batchesWithRetries(batched);
            for (int b = 0; total > 0 && b < batches; b++) {
                Map<String, Long> counts = sendBatch(endpoint, batched, b, !withRetries.contains(b));
                sent += counts.getOrDefault(STATUS_DELIVERED, 0L);
                failed += counts.getOrDefault(STATUS_FAILED, 0L);
                deferred += counts.getOrDefault(STATUS_BLOCKED, 0L);
                hooks.afterRecord(name, b);
            }
            // The watermark is the endpoint's state too: a run that lost its lock leaves it.
            hooks.beforeStateWrite(name);
        } catch (RuntimeException e) {
            // Batches recorded so far stay recorded; the watermark stays, so the next run resumes the window.
            String error = Redaction.error(e, endpoint);
            LOG.error("webhook {} ({}): the run did not finish after sending {} (failed {}, deferred {}); "
                    + "watermark stays at {}, the next run resumes: {}", name, endpoint.redactedUrl(), sent, failed,
                    deferred, before, error);
            return new WebhookOutcome(name, sent, failed, deferred, skipped, before, before, false, error);
        } finally {
            held.release();
        }
        Instant after = before.isAfter(asOf) ? before : asOf;
        watermarks.advance(name, after, Instant.now());
        LOG.info("webhook {} ({}): sent {}, failed {}, deferred {}, already delivered {}; watermark {} -> {}",
                name, endpoint.redactedUrl(), sent, failed, deferred, skipped, before, after);
        return new WebhookOutcome(name, sent, failed, deferred, skipped, before, after,
                failed == 0 && deferred == 0, null);
    }

    /**
     * Sends one batch (the one Spark job that talks to the endpoint), stages its results and records
     * them in the ledger: appended when the ledger held none of the batch's movements ({@code fresh}),
     * else merged.
     */
    private Map<String, Long> sendBatch(WebhookEndpoint endpoint, Dataset<Row> batched, int b, boolean fresh) {
        hooks.beforeSend(endpoint.name(), b);
        String batchId = runId + "-b" + String.format("%05d", b);
        String staged = ledger.stagingPath(endpoint.name(), batchId);
        long start = System.nanoTime();
        JobDescription.get(spark.sparkContext(), SEND_JOB + endpoint.name() + " batch " + b, () -> {
            batched.filter(col(BATCH).equalTo(b))
                    .repartition(endpoint.parallelism(), col(M_CUSTOMER_UUID))
                    .sortWithinPartitions(col(M_CUSTOMER_UUID), col(M_DATE), col(M_RANK), col(M_UUID))
                    .mapPartitions(new PartitionDelivery(endpoint, asOf, batchId, DeliveryLedger.journalPath(staged),
                                    new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())),
                            Encoders.row(PartitionDelivery.RESULT_SCHEMA))
                    .write().parquet(DeliveryLedger.resultsPath(staged));
            return null;
        });
        long sentAt = System.nanoTime();
        hooks.afterSend(endpoint.name(), b);
        Map<String, Long> counts = fresh ? ledger.appendStaged(endpoint.name(), staged, runId, b)
                : ledger.mergeStaged(endpoint.name(), staged);
        LOG.info("webhook {}: batch {} sent in {} ms, recorded ({}) in {} ms: {}", endpoint.name(), b,
                (sentAt - start) / 1_000_000, fresh ? "appended" : "merged", (System.nanoTime() - sentAt) / 1_000_000,
                counts);
        return counts;
    }
}
