package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mrrlake.testing.LogCapture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against real HTTP servers on 127.0.0.1: answers, failures, the ledger and the window. */
class WebhookDeliveryTest {
    private static final Instant AS_OF = Instant.parse("2024-06-01T12:00:00Z");
    private static final String QUERY_TOKEN = "tok_QUERYSECRET_91ab";

    private static MovementFixtures threeMovements() {
        return new MovementFixtures(AS_OF)
                .movement("mov_a1", AS_OF.minusSeconds(3600), 1, "cus_a", "new_biz", 1000, 1000, "purchased the Gold plan")
                .movement("mov_a2", AS_OF.minusSeconds(1800), 1, "cus_a", "expansion", 500, 1500, "increased quantity from 1 to 2")
                .movement("mov_b1", AS_OF.minusSeconds(600), 1, "cus_b", "new_biz", 700, 700, "purchased the Silver plan")
                .customer("cus_a", "A", "a@example.com", "A Inc", "Active", "USD", "ext-a", List.of("ext-a"), 1500)
                .customer("cus_b", "B", "b@example.com", "B Inc", "Active", "USD", "ext-b", List.of("ext-b"), 700);
    }

    /**
     * Five endpoints in one run, in parallel: one answers 200, one 500 then 200, one 301 (not followed),
     * one never answers (timeout), one refuses the connection. Every log line of the run is captured:
     * neither the secret nor the URLs' query strings appear in any.
     */
    @Test
    void answersAndFailuresOfParallelEndpointsWithoutLeakingSecrets(@TempDir Path state) throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (TestReceiver ok = TestReceiver.ok();
             TestReceiver flaky = new TestReceiver(r -> r.attemptOfThisId() == 1 ? 500 : 200);
             TestReceiver moved = new TestReceiver(r -> 301);
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LogCapture logs = LogCapture.install()) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, read nothing, never answer
                    }
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int refusedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                refusedPort = s.getLocalPort();
            }
            String q = "?token=" + QUERY_TOKEN;
            List<WebhookEndpoint> endpoints = List.of(
                    endpoint("ok", ok.url("/hook" + q)),
                    endpoint("flaky", flaky.url("/hook" + q)),
                    endpoint("moved", moved.url("/hook" + q)),
                    endpoint("silent", URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hook" + q))
                            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)).withRetries(1, Duration.ofMillis(1), Duration.ofMillis(2)),
                    endpoint("refused", URI.create("http://127.0.0.1:" + refusedPort + "/hook" + q)));

            List<WebhookOutcome> out = run(threeMovements(), endpoints, AS_OF, state);

            WebhookOutcome okOut = out.get(0);
            assertEquals(List.of("ok", "flaky", "moved", "silent", "refused"), out.stream().map(WebhookOutcome::endpoint).toList());
            assertEquals(3, okOut.sent());
            assertTrue(okOut.ok());
            assertEquals(AS_OF.minus(Duration.ofHours(24)), okOut.watermarkBefore());
            assertEquals(AS_OF, okOut.watermarkAfter());
            assertEquals(3, ok.requests().size());
            assertTrue(ok.requests().stream().allMatch(r -> QUERY_TOKEN.equals(r.query().substring(6))), "query string is sent");
            // Per-customer order: a1 before a2.
            List<String> aOrder = ok.requests().stream().map(TestReceiver.Request::deliveryId).filter(id -> id.startsWith("mov_a")).toList();
            assertEquals(List.of("mov_a1", "mov_a2"), aOrder);

            assertEquals(3, out.get(1).sent());
            assertEquals(6, flaky.requests().size(), "each movement: a 500, then a 200");
            Map<String, Row> flakyLedger = ledgerByMovement(state, "flaky");
            for (Row r : flakyLedger.values()) {
                assertEquals("delivered", r.getAs("STATUS"));
                assertEquals(2, (int) r.getAs("ATTEMPTS"));
                assertEquals(200, (int) r.getAs("LAST_STATUS_CODE"));
                assertTrue(r.getAs("DELIVERED_AT") != null);
            }

            WebhookOutcome movedOut = out.get(2);
            assertEquals(0, movedOut.sent());
            // a1 failed; a2 is held back behind it (customer order), b1 failed.
            assertEquals(2, movedOut.failed());
            assertEquals(1, movedOut.deferred());
            assertFalse(movedOut.ok());
            assertEquals(AS_OF, movedOut.watermarkAfter(), "failures live in the ledger; the window moves on");
            assertTrue(moved.otherPathRequests().isEmpty(), "the redirect was not followed");
            Map<String, Row> movedLedger = ledgerByMovement(state, "moved");
            assertEquals("failed", movedLedger.get("mov_a1").getAs("STATUS"));
            assertEquals(301, (int) movedLedger.get("mov_a1").getAs("LAST_STATUS_CODE"));
            assertEquals(4, (int) movedLedger.get("mov_a1").getAs("ATTEMPTS"), "1 attempt + max_retries 3");
            assertEquals("blocked", movedLedger.get("mov_a2").getAs("STATUS"));
            assertEquals(0, (int) movedLedger.get("mov_a2").getAs("ATTEMPTS"));
            assertEquals(8, moved.requests().size());

            WebhookOutcome silentOut = out.get(3);
            assertEquals(2, silentOut.failed());
            Row timedOut = ledgerByMovement(state, "silent").get("mov_b1");
            assertNull(timedOut.getAs("LAST_STATUS_CODE"));
            assertEquals(2, (int) timedOut.getAs("ATTEMPTS"));
            assertTrue(((String) timedOut.getAs("LAST_ERROR")).contains("HttpTimeoutException"), (String) timedOut.getAs("LAST_ERROR"));

            WebhookOutcome refusedOut = out.get(4);
            assertEquals(2, refusedOut.failed());
            Row refused = ledgerByMovement(state, "refused").get("mov_b1");
            assertNull(refused.getAs("LAST_STATUS_CODE"));
            assertTrue(((String) refused.getAs("LAST_ERROR")).contains("ConnectException"), (String) refused.getAs("LAST_ERROR"));

            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("webhook moved") && l.contains("redirect not followed")),
                    "failed attempts are logged");
            assertTrue(lines.stream().anyMatch(l -> l.contains("webhook silent") && l.contains("/hook?…")),
                    "the logged URL shows that a query was cut");
            List<String> leaks = new ArrayList<>();
            for (String l : lines) {
                if (l.contains(SECRET) || l.contains(QUERY_TOKEN)) {
                    leaks.add(l);
                }
            }
            assertTrue(leaks.isEmpty(), "secret or query string in logs: " + leaks);
            for (Row r : ledger(state).collectAsList()) {
                String err = r.getAs("LAST_ERROR");
                assertTrue(err == null || (!err.contains(SECRET) && !err.contains(QUERY_TOKEN)), err);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** A 410 for one movement while the others succeed; the next run sends it and the one held behind it, in order. */
    @Test
    void goneForOneMovementIsRetriedNextRunInCustomerOrder(@TempDir Path state) throws Exception {
        try (TestReceiver receiver = new TestReceiver(r -> "mov_a1".equals(r.deliveryId()) ? 410 : 200)) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook"));
            WebhookOutcome first = run(threeMovements(), List.of(ep), AS_OF, state).get(0);
            assertEquals(1, first.sent());
            assertEquals(1, first.failed());
            assertEquals(1, first.deferred());
            Map<String, Row> ledger = ledgerByMovement(state, "hooks");
            assertEquals(410, (int) ledger.get("mov_a1").getAs("LAST_STATUS_CODE"));
            assertEquals("failed", ledger.get("mov_a1").getAs("STATUS"));
            assertEquals("delivered", ledger.get("mov_b1").getAs("STATUS"));

            receiver.policy(r -> 200);
            Instant next = AS_OF.plus(Duration.ofHours(1));
            MovementFixtures later = threeMovements()
                    .movement("mov_b2", next.minusSeconds(60), 1, "cus_b", "expansion", 100, 800, "increased quantity");
            // Two batches, cus_a and cus_b apart: cus_a's retries are merged, cus_b's new movement is appended.
            WebhookOutcome second = run(later, List.of(ep.withBatching(4, 2)), next, state).get(0);
            assertEquals(3, second.sent(), second.toString());
            assertTrue(second.ok());
            assertEquals(AS_OF, second.watermarkBefore());

            Map<String, Long> counts = countsById(receiver.requests().stream().filter(r -> true).toList());
            assertEquals(1, counts.get("mov_b1"), "delivered once, never again");
            assertEquals(1, counts.get("mov_a2"));
            assertEquals(1, counts.get("mov_b2"));
            List<String> successOrder = receiver.requests().stream()
                    .filter(r -> r.deliveryId().startsWith("mov_a") && r.attemptOfThisId() == counts.get(r.deliveryId()))
                    .map(TestReceiver.Request::deliveryId).toList();
            assertEquals(List.of("mov_a1", "mov_a2"), successOrder);
            Row a1 = ledgerByMovement(state, "hooks").get("mov_a1");
            assertEquals("delivered", a1.getAs("STATUS"));
            assertEquals(5, (int) a1.getAs("ATTEMPTS"), "4 attempts in the first run, 1 in the second");
            assertEquals(Set.of("mov_a1", "mov_a2", "mov_b1", "mov_b2"), ledgerByMovement(state, "hooks").keySet());
            assertEquals(1, (int) ledgerByMovement(state, "hooks").get("mov_b2").getAs("ATTEMPTS"));
            List<String> operations = ledgerOperations(state); // the table's creation, then one per batch
            assertEquals(List.of("WRITE", "WRITE"), operations.subList(0, 2), "the first run's batch appended");
            assertEquals(List.of("MERGE", "WRITE"), operations.subList(2, operations.size()).stream().sorted().toList(),
                    "the second run: the retries' batch merged, the new movement's batch appended");
        }
    }

    /** Appending a run's batch again (a retried commit that had landed) adds nothing: Delta's txnAppId/txnVersion. */
    @Test
    void aBatchAppendedTwiceIsRecordedOnce(@TempDir Path state) {
        DeliveryLedger ledger = DeliveryLedger.open(spark(), state(state));
        Timestamp at = Timestamp.from(AS_OF);
        List<Row> results = List.of(ledgerRow("mov_x", "cus_x", 200, at, at, "run1-b00000"));
        for (int attempt = 0; attempt < 2; attempt++) {
            String staged = ledger.stagingPath("hooks", "run1-b00000");
            spark().createDataFrame(results, PartitionDelivery.RESULT_SCHEMA).write().parquet(DeliveryLedger.resultsPath(staged));
            assertEquals(Map.of("delivered", 1L), ledger.appendStaged("hooks", staged, "run1", 0));
        }
        assertEquals(1, ledger(state).count());
    }

    /**
     * A ledger holding two rows for one movement, as two runs that overlapped against the contract
     * would leave by each appending it: a movement delivered in either row is not sent again, one
     * failed twice is sent once, and the MERGE that records the retry still works.
     */
    @Test
    void twoLedgerRowsForOneMovementSendNothingTwice(@TempDir Path state) throws Exception {
        DeliveryLedger ledger = DeliveryLedger.open(spark(), state(state));
        Timestamp at = Timestamp.from(AS_OF.minusSeconds(7200));
        Timestamp asOf = Timestamp.from(AS_OF.minusSeconds(3600));
        List<Row> rows = List.of(
                ledgerRow("mov_b1", "cus_b", 200, at, asOf, "r1-b00000"),
                ledgerRow("mov_b1", "cus_b", 503, at, asOf, "r2-b00000"),
                ledgerRow("mov_a1", "cus_a", 503, at, asOf, "r1-b00000"),
                ledgerRow("mov_a1", "cus_a", 503, at, asOf, "r2-b00000"));
        spark().createDataFrame(rows, PartitionDelivery.RESULT_SCHEMA).write().format("delta").mode("append")
                .save(ledger.path());
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookOutcome out = run(threeMovements(), List.of(endpoint("hooks", receiver.url("/hook"))), AS_OF, state)
                    .get(0);
            assertTrue(out.ok(), out.toString());
            assertEquals(Map.of("mov_a1", 1L, "mov_a2", 1L), countsById(receiver.requests()));
            List<Row> a1 = ledger(state).filter("MOVEMENT_UUID = 'mov_a1'").collectAsList();
            assertEquals(2, a1.size());
            a1.forEach(r -> assertEquals("delivered", r.getAs("STATUS")));
        }
    }

    /**
     * The window: first run looks back initial_lookback_hours; a second run of the same as-of sends
     * nothing; a replay of an old as-of sends nothing old; a later as-of sends only what is new.
     */
    @Test
    void windowSameAsOfTwiceAndOldReplay(@TempDir Path state) throws Exception {
        MovementFixtures f = new MovementFixtures(AS_OF)
                .movement("mov_old", AS_OF.minus(Duration.ofHours(25)), 1, "cus_a", "new_biz", 1000, 1000, "old")
                .movement("mov_new", AS_OF.minus(Duration.ofHours(23)), 1, "cus_a", "expansion", 10, 1010, "new")
                .movement("mov_at", AS_OF, 1, "cus_b", "new_biz", 10, 10, "at the as-of")
                .movement("mov_future", AS_OF.plusSeconds(1), 1, "cus_b", "expansion", 10, 20, "after the as-of")
                .customer("cus_a", "A", null, null, "Active", "USD", "ext-a", List.of("ext-a"), 1010)
                .customer("cus_b", "B", null, null, "Active", "USD", "ext-b", List.of("ext-b"), 20);
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("hooks", receiver.url("/hook"));
            WebhookOutcome first = run(f, List.of(ep), AS_OF, state).get(0);
            assertEquals(2, first.sent());
            assertEquals(List.of("mov_at", "mov_new"),
                    receiver.requests().stream().map(TestReceiver.Request::deliveryId).sorted().toList());

            WebhookOutcome again = run(f, List.of(ep), AS_OF, state).get(0);
            assertEquals(0, again.sent());
            assertEquals(AS_OF, again.watermarkBefore());
            assertEquals(2, receiver.requests().size(), "same as-of twice: no duplicates");

            Instant oldAsOf = AS_OF.minus(Duration.ofDays(5));
            MovementFixtures replay = new MovementFixtures(oldAsOf)
                    .movement("mov_replayed", oldAsOf.minus(Duration.ofHours(1)), 1, "cus_a", "new_biz", 5, 5, "replay")
                    .customer("cus_a", "A", null, null, "Active", "USD", "ext-a", List.of("ext-a"), 5);
            WebhookOutcome backfill = run(replay, List.of(ep), oldAsOf, state).get(0);
            assertEquals(0, backfill.sent());
            assertEquals(AS_OF, backfill.watermarkAfter(), "the watermark never moves back");

            Instant later = AS_OF.plus(Duration.ofHours(2));
            WebhookOutcome next = run(f, List.of(ep), later, state).get(0);
            assertEquals(1, next.sent());
            assertEquals(3, receiver.requests().size());
            assertEquals("mov_future", receiver.requests().get(2).deliveryId());
            assertEquals(later, next.watermarkAfter());
        }
    }
}
