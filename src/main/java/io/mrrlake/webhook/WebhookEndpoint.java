package io.mrrlake.webhook;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One webhook destination, validated (see {@link WebhookEndpoints#fromConfig}). Serializable because
 * the executors that deliver need it. {@link #toString()} never shows the secret or the URL's query.
 *
 * @param name                 the destination's name in the configuration ("hooks")
 * @param url                  absolute https:// URL (http:// only with {@code allowHttp})
 * @param secret               HMAC key for X-Mrrlake-Signature, or null: deliveries are then unsigned
 * @param maxRetries           retries after the first attempt
 * @param batchSize            movements per delivery batch; the ledger is merged after each batch
 */
public record WebhookEndpoint(String name, URI url, String secret, int maxRetries, Duration initialBackoff,
                              Duration maxBackoff, Duration connectTimeout, Duration requestTimeout,
                              int initialLookbackHours, boolean retryFailed, int parallelism, boolean allowHttp,
                              int batchSize) implements Serializable {

    public static final int DEFAULT_MAX_RETRIES = 17;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_INITIAL_LOOKBACK_HOURS = 24;
    public static final boolean DEFAULT_RETRY_FAILED = true;
    public static final int DEFAULT_PARALLELISM = 8;
    public static final boolean DEFAULT_ALLOW_HTTP = false;
    public static final int DEFAULT_BATCH_SIZE = 2000;

    /** An endpoint with every default but the URL and secret (tests, programmatic use). */
    public static WebhookEndpoint withDefaults(String name, URI url, String secret) {
        return new WebhookEndpoint(name, url, secret, DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_INITIAL_LOOKBACK_HOURS, DEFAULT_RETRY_FAILED, DEFAULT_PARALLELISM,
                "http".equals(url.getScheme()), DEFAULT_BATCH_SIZE);
    }

    public Optional<String> secretValue() {
        return Optional.ofNullable(secret);
    }

    /** The URL as it may appear in logs: scheme, host, port and path; no user info, no query, no fragment. */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    public WebhookEndpoint withRetries(int retries, Duration initial, Duration max) {
        return new WebhookEndpoint(name, url, secret, retries, initial, max, connectTimeout, requestTimeout,
                initialLookbackHours, retryFailed, parallelism, allowHttp, batchSize);
    }

    public WebhookEndpoint withTimeouts(Duration connect, Duration request) {
        return new WebhookEndpoint(name, url, secret, maxRetries, initialBackoff, maxBackoff, connect, request,
                initialLookbackHours, retryFailed, parallelism, allowHttp, batchSize);
    }

    public WebhookEndpoint withBatching(int newParallelism, int newBatchSize) {
        return new WebhookEndpoint(name, url, secret, maxRetries, initialBackoff, maxBackoff, connectTimeout,
                requestTimeout, initialLookbackHours, retryFailed, newParallelism, allowHttp, newBatchSize);
    }

    public WebhookEndpoint withRetryFailed(boolean retry) {
        return new WebhookEndpoint(name, url, secret, maxRetries, initialBackoff, maxBackoff, connectTimeout,
                requestTimeout, initialLookbackHours, retry, parallelism, allowHttp, batchSize);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[name=" + name + ", url=" + redactedUrl() + ", signed=" + (secret != null)
                + ", maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", initialLookbackHours=" + initialLookbackHours + ", retryFailed=" + retryFailed
                + ", parallelism=" + parallelism + ", allowHttp=" + allowHttp + ", batchSize=" + batchSize + "]";
    }
}
