package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.scheduler.SparkListenerJobStart;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20,000 movements to one endpoint in one run, generated in Spark. The bytes that tasks return to the
 * driver are measured: far below the payloads' size, so the movements were not gathered there.
 */
class WebhookScaleTest {
    private static final Instant AS_OF = Instant.parse("2024-08-01T00:00:00Z");
    private static final int MOVEMENTS = 20_000;
    private static final int CUSTOMERS = 500;

    @Test
    void twentyThousandMovementsInOneRun(@TempDir Path state) throws Exception {
        Dataset<Row> movements = MovementFixtures.generatedMovements(spark(), MOVEMENTS, CUSTOMERS, AS_OF);
        Dataset<Row> customers = MovementFixtures.generatedCustomers(spark(), CUSTOMERS, AS_OF);
        AtomicLong resultBytes = new AtomicLong();
        Set<Integer> sendingStages = ConcurrentHashMap.newKeySet();
        List<String> sendPlans = new CopyOnWriteArrayList<>();
        // Bytes returned to the driver by the tasks of the jobs that send (their job description says so).
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String description = start.properties() == null ? null
                        : start.properties().getProperty("spark.job.description");
                if (description != null && description.startsWith(EndpointDelivery.SEND_JOB_PREFIX)) {
                    scala.collection.JavaConverters.seqAsJavaList(start.stageIds())
                            .forEach(id -> sendingStages.add((Integer) id));
                }
            }

            @Override
            public void onOtherEvent(SparkListenerEvent event) {
                if (event instanceof SparkListenerSQLExecutionStart s
                        && s.description().startsWith(EndpointDelivery.SEND_JOB_PREFIX)) {
                    sendPlans.add(s.physicalPlanDescription());
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null && sendingStages.contains(end.stageId())) {
                    resultBytes.addAndGet(end.taskMetrics().resultSize());
                }
            }
        };
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = WebhookEndpoint.withDefaults("bulk", receiver.url("/hook"), SECRET)
                    .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5));
            spark().sparkContext().addSparkListener(listener);
            Configurator.setLevel("io.mrrlake.webhook", Level.INFO); // per-batch timings in the test output
            long start = System.nanoTime();
            List<WebhookOutcome> out = WebhookStage.deliver(spark(), movements, customers, List.of(ep), AS_OF, state(state));
            long millis = (System.nanoTime() - start) / 1_000_000;
            spark().sparkContext().listenerBus().waitUntilEmpty();
            spark().sparkContext().removeSparkListener(listener);

            long payloadBytes = receiver.requests().stream().mapToLong(r -> r.body().length()).sum();
            System.out.printf("webhook scale: %d movements, %d customers, parallelism %d, batch %d: %d ms "
                            + "(%.0f movements/s); sending tasks returned %d bytes to the driver in %d stages, payloads %d bytes%n",
                    MOVEMENTS, CUSTOMERS, ep.parallelism(), ep.batchSize(), millis, MOVEMENTS * 1000.0 / millis,
                    resultBytes.get(), sendingStages.size(), payloadBytes);

            assertEquals(MOVEMENTS, out.get(0).sent(), out.toString());
            Map<String, Long> counts = countsById(receiver.requests());
            assertEquals(MOVEMENTS, counts.size());
            assertTrue(counts.values().stream().allMatch(n -> n == 1));
            // Per customer (i % CUSTOMERS), arrival follows DATE order (ascending i).
            long[] last = new long[CUSTOMERS];
            java.util.Arrays.fill(last, -1);
            for (TestReceiver.Request r : receiver.requests()) {
                long i = Long.parseLong(r.deliveryId().substring(4));
                int c = (int) (i % CUSTOMERS);
                assertTrue(i > last[c], "customer " + c + " got movement " + i + " after " + last[c]);
                last[c] = i;
            }
            assertEquals(MOVEMENTS, ledger(state).filter("STATUS = 'delivered'").count());
            // What tasks return is per-task metadata (write commit messages, metrics), not rows: collecting
            // the movements would return at least their payloads' size.
            assertTrue(!sendingStages.isEmpty() && resultBytes.get() < payloadBytes / 4,
                    "task results to the driver (" + resultBytes.get() + " B) vs payloads (" + payloadBytes + " B)");
            // Each batch sends from the candidates kept at the run's start: a send that read the
            // ledger computed the candidates again after every batch's commit to it.
            assertEquals(MOVEMENTS / ep.batchSize(), sendPlans.size(), "one send per batch");
            assertEquals(List.of(), sendPlans.stream().filter(p -> p.contains(DeliveryLedger.LEDGER_DIR))
                    .map(p -> p.substring(0, Math.min(300, p.length()))).toList(), "sends that read the ledger");
        }
    }
}
