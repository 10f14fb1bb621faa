package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivered body against JSON written by hand from docs/WEBHOOKS.md, and the headers. */
class WebhookPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** docs/WEBHOOKS.md's example, copied by hand. */
    private static final String SPEC_EXAMPLE = """
            {
              "date": "2023-11-02T14:00:00.000Z",
              "type": "mrr_movement",
              "customer": {
                "name": "Nina Blues",
                "uuid": "cus_728b0b6e-7a44-4275-920b-0d0ef833a9a3",
                "email": "nina@example.com",
                "status": "active",
                "company": "Hunter Technologies",
                "currency": "USD",
                "current_arr": 30000,
                "current_mrr": 2500,
                "external_id": "cus_0001",
                "external_ids": ["cus_0001"],
                "currency_symbol": "$",
                "data_source_uuid": "ds_35542640-d9f1-11ed-9c30-7727168c74a5"
              },
              "description": "reactivated an old account with Platinum annual plan",
              "subscription": { "external_id": "c7209380-798b-11ee-941a-c32899dd4de8" },
              "movement_type": "reactivation",
              "account_currency": "USD",
              "invoice_currency": "USD",
              "account_currency_symbol": "$",
              "invoice_currency_symbol": "$",
              "movement_amount_in_cent": 2500,
              "mrr_movement_in_account_currency": 2500,
              "mrr_movement_in_invoice_currency": 2500
            }
            """;

    /** A churn in EUR billed in CHF by a past-due customer with two merged records, written by hand. */
    private static final String CHURN_EXAMPLE = """
            {
              "date": "2024-02-29T23:59:59.123Z",
              "type": "mrr_movement",
              "customer": {
                "name": "Ola Berg",
                "uuid": "cus_b",
                "email": null,
                "status": "past_due",
                "company": "Fjord AS",
                "currency": "EUR",
                "current_arr": 0,
                "current_mrr": 0,
                "external_id": "stripe_7",
                "external_ids": ["stripe_7", "chargebee_9"],
                "currency_symbol": "€",
                "data_source_uuid": "ds_35542640-d9f1-11ed-9c30-7727168c74a5"
              },
              "description": "cancelled the Gold plan",
              "subscription": { "external_id": "sub-cus_b" },
              "movement_type": "churn",
              "account_currency": "EUR",
              "invoice_currency": "CHF",
              "account_currency_symbol": "€",
              "invoice_currency_symbol": "CHF",
              "movement_amount_in_cent": -4200,
              "mrr_movement_in_account_currency": -4200,
              "mrr_movement_in_invoice_currency": -4000
            }
            """;

    @Test
    void bodyAndHeadersAreTheSpecsFieldForField(@TempDir Path state) throws Exception {
        Instant asOf = Instant.parse("2023-11-02T15:00:00Z");
        MovementFixtures f = new MovementFixtures(asOf)
                .movementRow("mov_spec", java.sql.Timestamp.from(Instant.parse("2023-11-02T14:00:00Z")), 1,
                        "cus_728b0b6e-7a44-4275-920b-0d0ef833a9a3", "Nina Blues", "cus_0001",
                        MovementFixtures.DATA_SOURCE, "c7209380-798b-11ee-941a-c32899dd4de8", "platinum_annual", null,
                        "reactivation", 2500L, 2500L, "USD", "USD", 2500L, 1L,
                        "reactivated an old account with Platinum annual plan", java.sql.Timestamp.from(asOf), "2023-11")
                .customer("cus_728b0b6e-7a44-4275-920b-0d0ef833a9a3", "Nina Blues", "nina@example.com",
                        "Hunter Technologies", "Active", "USD", "cus_0001", List.of("cus_0001"), 2500)
                // Customer B: churn (amounts given positive: the payload still says negative).
                .movement("mov_churn", Instant.parse("2024-02-29T23:59:59.123Z"), 1, "cus_b", "churn", 4200, 0,
                        "EUR", "CHF", 4000, "cancelled the Gold plan")
                .customer("cus_b", "Ola Berg", null, "Fjord AS", "Past Due", "EUR", "stripe_7",
                        List.of("stripe_7", "chargebee_9"), 0);
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("spec", receiver.url("/hook"))
                    .withBatching(4, 1000);
            // One wide window takes both movements: the churn is dated after this as-of, so use a later one.
            Instant laterAsOf = Instant.parse("2024-03-01T00:00:00Z");
            WebhookEndpoint wide = new WebhookEndpoint(ep.name(), ep.url(), ep.secret(), ep.maxRetries(),
                    ep.initialBackoff(), ep.maxBackoff(), ep.connectTimeout(), ep.requestTimeout(), 24 * 366,
                    ep.retryFailed(), ep.parallelism(), true, ep.batchSize());
            List<WebhookOutcome> out = run(f, List.of(wide), laterAsOf, state);
            assertEquals(2, out.get(0).sent(), out.toString());

            List<TestReceiver.Request> got = new ArrayList<>(receiver.requests());
            got.sort(Comparator.comparing(TestReceiver.Request::deliveryId));
            assertEquals(2, got.size());
            TestReceiver.Request churn = got.get(0);
            TestReceiver.Request spec = got.get(1);
            assertEquals("mov_spec", spec.deliveryId());
            assertEquals("mov_churn", churn.deliveryId());

            assertSameDocument(SPEC_EXAMPLE, spec.body());
            assertSameDocument(CHURN_EXAMPLE, churn.body());

            for (TestReceiver.Request r : got) {
                assertEquals("mrrlake/0.1.0", r.userAgent());
                assertEquals("application/json; charset=utf-8", r.contentType());
                assertSignedBy(SECRET, r);
            }
            // A receiver with another secret rejects the signature.
            assertThrows(AssertionError.class, () -> assertSignedBy("another-secret", spec));
        }
    }

    @Test
    void unsignedWithoutSecret(@TempDir Path state) throws Exception {
        Instant asOf = Instant.parse("2024-05-01T00:00:00Z");
        MovementFixtures f = new MovementFixtures(asOf)
                .movement("mov_u", asOf.minusSeconds(60), 1, "cus_u", "new_biz", 1000, 1000, "purchased the Gold plan")
                .customer("cus_u", "U", "u@example.com", "U Inc", "Active", "USD", "ext-u", List.of("ext-u"), 1000);
        try (TestReceiver receiver = TestReceiver.ok()) {
            WebhookEndpoint ep = endpoint("unsigned", receiver.url("/hook"));
            WebhookEndpoint unsigned = new WebhookEndpoint(ep.name(), ep.url(), null, ep.maxRetries(),
                    ep.initialBackoff(), ep.maxBackoff(), ep.connectTimeout(), ep.requestTimeout(),
                    ep.initialLookbackHours(), ep.retryFailed(), ep.parallelism(), true, ep.batchSize());
            run(f, List.of(unsigned), asOf, state);
            assertEquals(1, receiver.requests().size());
            assertEquals(null, receiver.requests().get(0).signature());
            assertNotEquals(null, receiver.requests().get(0).deliveryId());
        }
    }

    /** Same fields, same values, same types and the same order, at every level. */
    static void assertSameDocument(String expectedJson, String actualJson) throws Exception {
        JsonNode expected = JSON.readTree(expectedJson);
        JsonNode actual = JSON.readTree(actualJson);
        assertEquals(expected, actual, "body: " + actualJson);
        assertSameOrder(expected, actual);
    }

    private static void assertSameOrder(JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            List<String> e = new ArrayList<>();
            List<String> a = new ArrayList<>();
            expected.fieldNames().forEachRemaining(e::add);
            actual.fieldNames().forEachRemaining(a::add);
            assertEquals(e, a, "field order");
            e.forEach(k -> assertSameOrder(expected.get(k), actual.get(k)));
        }
        assertTrue(expected.getNodeType() == actual.getNodeType(), "type of " + expected + " vs " + actual);
    }
}
