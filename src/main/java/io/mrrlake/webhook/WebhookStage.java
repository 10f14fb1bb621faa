package io.mrrlake.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends the run's new MRR movements to every webhook endpoint (docs/WEBHOOKS.md). Called by the job runner
 * after the engine. Endpoints run in parallel driver threads, each submitting its own Spark jobs;
 * the movements themselves never come to the driver.
 */
public final class WebhookStage {
    private static final Logger LOG = LogManager.getLogger(WebhookStage.class);
    private static final int MAX_ENDPOINT_THREADS = 4;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private WebhookStage() {}

    /**
     * @param movements     calculated/mrr_movements of this run
     * @param customers     calculated/customers of this run
     * @param asOf          the run's as-of instant
     * @param stateLocation a Hadoop URI; the delivery ledger and the watermarks live under it
     * @return one outcome per endpoint, in the given order; an endpoint whose pass failed has ok = false
     *         and an error, and its watermark has not moved
     */
    public static List<WebhookOutcome> deliver(SparkSession spark, Dataset<Row> movements, Dataset<Row> customers,
                                               List<WebhookEndpoint> endpoints, Instant asOf, String stateLocation) {
        return deliver(spark, movements, customers, endpoints, asOf, stateLocation, DeliveryHooks.NONE);
    }

    /**
     * As {@link #deliver(SparkSession, Dataset, Dataset, List, Instant, String)}, with {@code lockCheck}
     * run before each batch is sent and before each write of an endpoint's state: the run's lock may
     * have been taken over by another run while this one stalled, and a check that throws ends each
     * endpoint's pass before it sends or writes anything more (what it sent is recorded, its
     * watermark stays).
     */
    public static List<WebhookOutcome> deliver(SparkSession spark, Dataset<Row> movements, Dataset<Row> customers,
                                               List<WebhookEndpoint> endpoints, Instant asOf, String stateLocation,
                                               Runnable lockCheck) {
        return deliver(spark, movements, customers, endpoints, asOf, stateLocation,
                DeliveryHooks.checkingBeforeWrites(lockCheck));
    }

    static List<WebhookOutcome> deliver(SparkSession spark, Dataset<Row> movements, Dataset<Row> customers,
                                        List<WebhookEndpoint> endpoints, Instant asOf, String stateLocation,
                                        DeliveryHooks hooks) {
        if (endpoints.isEmpty()) {
            return List.of();
        }
        Candidates.requireColumns(movements, "calculated/mrr_movements", WebhookColumns.MOVEMENT_INPUT);
        Candidates.requireColumns(customers, "calculated/customers", WebhookColumns.CUSTOMER_INPUT);
        for (WebhookEndpoint e : endpoints) {
            if (e.secret() == null) {
                LOG.warn("webhook {} ({}): no secret configured; deliveries are not signed", e.name(), e.redactedUrl());
            }
        }
        DeliveryLedger ledger = DeliveryLedger.open(spark, stateLocation);
        Watermarks watermarks = Watermarks.open(spark, stateLocation);
        String runId = RUN_ID.format(asOf) + "-" + UUID.randomUUID().toString().substring(0, 8);
        EndpointDelivery delivery = new EndpointDelivery(spark, ledger, watermarks, hooks, asOf, runId);

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(endpoints.size(), MAX_ENDPOINT_THREADS), r -> {
            Thread t = new Thread(r, "mrrlake-webhook");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<WebhookOutcome>> futures = new ArrayList<>();
            for (WebhookEndpoint e : endpoints) {
                futures.add(pool.submit(() -> delivery.run(e, movements, customers)));
            }
            List<WebhookOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < endpoints.size(); i++) {
                outcomes.add(outcome(endpoints.get(i), futures.get(i)));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static WebhookOutcome outcome(WebhookEndpoint endpoint, Future<WebhookOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedPass(endpoint, e);
        } catch (ExecutionException e) {
            return failedPass(endpoint, e.getCause());
        }
    }

    private static WebhookOutcome failedPass(WebhookEndpoint endpoint, Throwable cause) {
        String error = Redaction.error(cause, endpoint);
        LOG.error("webhook {} ({}): the run did not finish; the watermark stays, the next run resumes: {}",
                endpoint.name(), endpoint.redactedUrl(), error);
        return new WebhookOutcome(endpoint.name(), 0, 0, 0, 0, null, null, false, error);
    }
}
