package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.STATUS_DELIVERED;
import static io.mrrlake.webhook.WebhookColumns.STATUS_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.delta.tables.DeltaTable;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small helpers shared by the webhook tests. */
final class WebhookTestSupport {
    static final String SECRET = "whsec_test_7f3a9c";

    private WebhookTestSupport() {}

    static SparkSession spark() {
        return SparkTest.spark();
    }

    static String state(Path dir) {
        return dir.toUri().toString();
    }

    /** An endpoint with tiny back-offs and short timeouts, so failure paths take milliseconds. */
    static WebhookEndpoint endpoint(String name, URI url) {
        return WebhookEndpoint.withDefaults(name, url, SECRET)
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(1500))
                .withBatching(4, 1000);
    }

    static List<WebhookOutcome> run(MovementFixtures f, List<WebhookEndpoint> endpoints, Instant asOf, Path state) {
        return WebhookStage.deliver(spark(), f.movements(spark()), f.customers(spark()), endpoints, asOf, state(state));
    }

    static Dataset<Row> ledger(Path state) {
        return spark().read().format("delta").load(ledgerPath(state));
    }

    private static String ledgerPath(Path state) {
        return state(state) + "/" + DeliveryLedger.LEDGER_DIR;
    }

    /**
     * A ledger row of endpoint "hooks" after one attempt that got {@code code}: delivered on a 200,
     * else failed with the code as its error.
     */
    static Row ledgerRow(String movement, String customer, int code, Timestamp at, Timestamp asOf, String batchId) {
        boolean delivered = code == 200;
        return RowFactory.create("hooks", movement, customer, at, delivered ? STATUS_DELIVERED : STATUS_FAILED, 1, code,
                delivered ? null : String.valueOf(code), at, at, delivered ? at : null, asOf, batchId);
    }

    /** The ledger's Delta operations, oldest first. */
    static List<String> ledgerOperations(Path state) {
        return DeltaTable.forPath(spark(), ledgerPath(state)).history()
                .orderBy("version").select("operation").as(Encoders.STRING()).collectAsList();
    }

    static Map<String, Row> ledgerByMovement(Path state, String endpoint) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : ledger(state).filter("ENDPOINT = '" + endpoint + "'").collectAsList()) {
            Row before = out.put(r.getAs("MOVEMENT_UUID"), r);
            assertNull(before, "the ledger holds movement " + r.getAs("MOVEMENT_UUID") + " twice");
        }
        return out;
    }

    static Map<String, Long> countsById(List<TestReceiver.Request> requests) {
        return requests.stream().collect(Collectors.groupingBy(TestReceiver.Request::deliveryId, Collectors.counting()));
    }

    /** What a receiver does: recompute HMAC-SHA256 of "<t>.<body>" with the JDK's Mac and compare. */
    static void assertSignedBy(String secret, TestReceiver.Request r) throws Exception {
        String header = r.signature();
        assertTrue(header != null && header.matches("t=\\d+,v1=[0-9a-f]{64}"), "signature header: " + header);
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, v1, "signature must verify");
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t));
        assertTrue(age < 300, "timestamp is current: " + age + " s");
    }
}
