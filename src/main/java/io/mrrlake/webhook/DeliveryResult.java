package io.mrrlake.webhook;

import java.time.Instant;

/**
 * What the attempts at one movement came to in one run.
 *
 * @param lastStatusCode the last HTTP status, or null when the last attempt got no answer
 * @param lastError      why the last attempt failed (redacted), or null when delivered
 */
record DeliveryResult(boolean delivered, int attempts, Integer lastStatusCode, String lastError,
                      Instant firstAttemptAt, Instant lastAttemptAt) {
}
