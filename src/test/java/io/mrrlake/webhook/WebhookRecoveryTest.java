package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run killed part-way, then run again: nothing missing, nothing sent twice by the job. */
class WebhookRecoveryTest {
    private static final Instant AS_OF = Instant.parse("2024-07-01T00:00:00Z");
    private static final int CUSTOMERS = 20;
    private static final int PER_CUSTOMER = 3;
    private static final int TOTAL = CUSTOMERS * PER_CUSTOMER;
    private static final int BATCH = 20;

    private static MovementFixtures movements() {
        MovementFixtures f = new MovementFixtures(AS_OF);
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int k = 0; k < PER_CUSTOMER; k++) {
                f.movement("mov_" + c + "_" + k, AS_OF.minusSeconds(3600 - k * 60L), 1, "cus_" + c,
                        k == 0 ? "new_biz" : "expansion", 100, 100L * (k + 1), "m" + k);
            }
            f.customer("cus_" + c, "C" + c, null, null, "Active", "USD", "ext-" + c, List.of("ext-" + c), 300);
        }
        return f;
    }

    private static Set<String> allIds() {
        Set<String> ids = new HashSet<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int k = 0; k < PER_CUSTOMER; k++) {
                ids.add("mov_" + c + "_" + k);
            }
        }
        return ids;
    }

    private static final class Kill extends RuntimeException {
        Kill(String m) {
            super(m);
        }
    }

    private static List<WebhookOutcome> run(MovementFixtures f, WebhookEndpoint ep, Path state, DeliveryHooks hooks) {
        return WebhookStage.deliver(spark(), f.movements(spark()), f.customers(spark()), List.of(ep), AS_OF,
                state(state), hooks);
    }

    private static void assertEachOnceAndInOrder(TestReceiver receiver, Path state) {
        assertEachOnceAndInOrderToReceiver(receiver);
        Map<String, Row> ledger = ledgerByMovement(state, "hooks");
        assertEquals(TOTAL, ledger.size());
        ledger.values().forEach(r -> assertEquals("delivered", r.getAs("STATUS")));
    }

    private static void assertCustomerOrder(TestReceiver receiver) {
        for (int c = 0; c < CUSTOMERS; c++) {
            String prefix = "mov_" + c + "_";
            List<String> seen = receiver.requests().stream().map(TestReceiver.Request::deliveryId)
                    .filter(id -> id.startsWith(prefix)).distinct().toList();
            assertEquals(List.of(prefix + 0, prefix + 1, prefix + 2), seen, "order of customer " + c);
        }
    }

    /** Killed after the first batch was sent and recorded: the rerun sends the rest, once each. */
    @Test
    void killedBetweenBatches(@TempDir Path state) throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook")).withBatching(2, BATCH);
            DeliveryHooks killAfterFirstMerge = new DeliveryHooks() {
                @Override
                public void afterRecord(String endpoint, int batch) {
                    throw new Kill("killed after batch " + batch);
                }
            };
            WebhookOutcome killed = run(movements(), ep, state, killAfterFirstMerge).get(0);
            assertFalse(killed.ok());
            assertEquals(killed.watermarkBefore(), killed.watermarkAfter(), "an unfinished run keeps the watermark");
            int firstRun = receiver.requests().size();
            assertTrue(firstRun > 0 && firstRun < TOTAL, "the kill came part-way: " + firstRun);
            assertEquals(firstRun, killed.sent());

            WebhookOutcome rerun = run(movements(), ep, state, DeliveryHooks.NONE).get(0);
            assertTrue(rerun.ok());
            assertEquals(TOTAL - firstRun, rerun.sent());
            assertEquals(firstRun, rerun.skippedAlreadyDelivered());
            assertEachOnceAndInOrder(receiver, state);
        }
    }

    /**
     * The run's lock taken over by another run (the job checks it before the endpoint's recovery,
     * before each batch and before the watermark; three batches here): refused before the second
     * batch, nothing more is sent; refused after the last, everything sent is recorded. Either way the
     * watermark stays and the pass fails.
     */
    @ParameterizedTest(name = "refused at check {0}")
    @ValueSource(ints = {3, 5})
    void aLostRunLockStopsTheEndpointsWritesThere(int refusedCheck, @TempDir Path state) throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook")).withBatching(2, BATCH);
            AtomicInteger checks = new AtomicInteger();
            Runnable lockCheck = () -> {
                if (checks.incrementAndGet() >= refusedCheck) throw new IllegalStateException("run lock taken over by another run");
            };
            MovementFixtures f = movements();
            WebhookOutcome stopped = WebhookStage.deliver(spark(), f.movements(spark()), f.customers(spark()), List.of(ep),
                    AS_OF, state(state), lockCheck).get(0);
            assertFalse(stopped.ok());
            assertTrue(stopped.error().contains("run lock taken over"), stopped.error());
            assertEquals(stopped.watermarkBefore(), stopped.watermarkAfter(), "an unfinished run keeps the watermark");
            assertEquals(refusedCheck, checks.get(), "no write after the refused check");
            int sent = receiver.requests().size();
            if (refusedCheck == 3) {
                assertTrue(sent > 0 && sent < TOTAL, "the first batch went out, not the others: " + sent);
            } else {
                assertEquals(TOTAL, sent);
            }
            assertEquals(sent, stopped.sent());
            assertEquals(sent, ledgerByMovement(state, "hooks").size(), "what was sent is recorded");
        }
    }

    /** Killed after a batch was sent and staged but before its MERGE: the rerun merges the staged records first. */
    @Test
    void killedBetweenSendAndLedgerMerge(@TempDir Path state) throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook")).withBatching(2, BATCH);
            DeliveryHooks killBeforeMerge = new DeliveryHooks() {
                @Override
                public void afterSend(String endpoint, int batch) {
                    throw new Kill("killed before merging batch " + batch);
                }
            };
            WebhookOutcome killed = run(movements(), ep, state, killBeforeMerge).get(0);
            assertFalse(killed.ok());
            int firstRun = receiver.requests().size();
            assertTrue(firstRun > 0 && firstRun < TOTAL, "the kill came part-way: " + firstRun);
            assertEquals(0, ledger(state).count(), "the killed batch was never merged");

            WebhookOutcome rerun = run(movements(), ep, state, DeliveryHooks.NONE).get(0);
            assertTrue(rerun.ok());
            assertEquals(TOTAL - firstRun, rerun.sent());
            assertEachOnceAndInOrder(receiver, state);
        }
    }

    /**
     * Killed in the middle of sending a batch (its Spark job is cancelled after 10 deliveries): each
     * task wrote every answered delivery down before its next request, so the rerun merges that
     * journal first and sends only what had not been answered. Nothing missing, nothing twice.
     */
    @Test
    void killedMidBatchSendsNothingTwice(@TempDir Path state) throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            AtomicBoolean cancelled = new AtomicBoolean();
            receiver.afterSuccess(() -> {
                if (receiver.successes() >= 10 && cancelled.compareAndSet(false, true)) {
                    spark().sparkContext().cancelAllJobs();
                }
            });
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook")).withBatching(2, BATCH);
            WebhookOutcome killed = run(movements(), ep, state, DeliveryHooks.NONE).get(0);
            assertFalse(killed.ok(), killed.toString());
            assertTrue(killed.error().contains("cancelled"), killed.error());
            int firstRun = receiver.requests().size();
            assertTrue(firstRun >= 10 && firstRun < TOTAL, "the kill came part-way: " + firstRun);
            assertEquals(0, ledger(state).count(), "the killed batch never reached the ledger");

            WebhookOutcome rerun = run(movements(), ep, state, DeliveryHooks.NONE).get(0);
            assertTrue(rerun.ok(), rerun.toString());
            assertEquals(TOTAL - firstRun, rerun.sent(), "the rerun sends only what was not answered");
            assertEachOnceAndInOrder(receiver, state);
        }
    }

    /**
     * A task that dies part-way and is retried by Spark (an executor lost): the retry answers from
     * the first attempt's journal and sends only the rest, in order.
     */
    @Test
    void retriedTaskDoesNotSendAgain(@TempDir Path state) throws Exception {
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook"));
            MovementFixtures f = movements();
            List<Row> rows = Candidates.withCustomer(Candidates.selectMovementInput(f.movements(spark())),
                    f.customers(spark())).orderBy(WebhookColumns.M_CUSTOMER_UUID, WebhookColumns.M_DATE, WebhookColumns.M_RANK).collectAsList();
            String journal = state.resolve("journal").toUri().toString();
            SerializableConfiguration conf = new SerializableConfiguration(spark().sparkContext().hadoopConfiguration());
            PartitionDelivery delivery = new PartitionDelivery(ep, AS_OF, "b1", journal, conf);

            java.util.Iterator<Row> first = delivery.deliver(rows.iterator(), null, 3, 100L);
            for (int i = 0; i < 7; i++) {
                assertEquals("delivered", first.next().getAs("STATUS"));
            }
            // The first attempt dies here, its journal left open.
            List<Row> retried = new java.util.ArrayList<>();
            delivery.deliver(rows.iterator(), null, 3, 101L).forEachRemaining(retried::add);

            assertEquals(TOTAL, retried.size());
            retried.forEach(r -> assertEquals("delivered", r.getAs("STATUS")));
            assertEquals(TOTAL, receiver.requests().size(), "seven answered by the first attempt, the rest by the retry");
            assertEachOnceAndInOrderToReceiver(receiver);
            assertEquals(TOTAL, ResultJournal.read(spark(), journal).count(), "one journal row per movement");
        }
    }

    private static void assertEachOnceAndInOrderToReceiver(TestReceiver receiver) {
        Map<String, Long> counts = countsById(receiver.requests());
        assertEquals(allIds(), counts.keySet(), "none missing");
        counts.forEach((id, n) -> assertEquals(1L, n, id + " sent " + n + " times"));
        assertCustomerOrder(receiver);
    }
}
