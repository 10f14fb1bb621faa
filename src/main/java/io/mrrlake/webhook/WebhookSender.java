package io.mrrlake.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends one movement's body to one endpoint: POST, redirects never followed, 2xx is success and
 * anything else (another status, a refused connection, a timeout) a failed attempt, retried up to
 * {@code max_retries} times with exponential back-off and full jitter. Each attempt is signed afresh.
 */
final class WebhookSender {
    static final String HEADER_DELIVERY = "X-Mrrlake-Delivery";
    static final String HEADER_SIGNATURE = "X-Mrrlake-Signature";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final Logger LOG = LogManager.getLogger(WebhookSender.class);

    /** One client per connect timeout per JVM: clients own a selector thread and a connection pool. */
    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private final WebhookEndpoint endpoint;
    private final HttpClient client;
    private final Backoff backoff;
    private final Clock clock;

    WebhookSender(WebhookEndpoint endpoint) {
        this(endpoint, client(endpoint.connectTimeout()), Clock.systemUTC());
    }

    WebhookSender(WebhookEndpoint endpoint, HttpClient client, Clock clock) {
        this.endpoint = endpoint;
        this.client = client;
        this.clock = clock;
        this.backoff = new Backoff(endpoint.initialBackoff(), endpoint.maxBackoff(), ThreadLocalRandom.current());
    }

    static HttpClient client(Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    DeliveryResult deliver(String deliveryId, String body) {
        int maxAttempts = endpoint.maxRetries() + 1;
        Instant first = null;
        Instant last = null;
        Integer status = null;
        String error = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                long wait = backoff.delayMillis(attempt - 1);
                LOG.warn("webhook {} ({}): delivery {} attempt {}/{} failed: {}; next attempt in {} ms",
                        endpoint.name(), endpoint.redactedUrl(), deliveryId, attempt - 1, maxAttempts,
                        describe(status, error), wait);
                if (!sleep(wait)) {
                    error = "interrupted before attempt " + attempt;
                    return new DeliveryResult(false, attempt - 1, status, error, first, last);
                }
            }
            last = clock.instant();
            if (first == null) {
                first = last;
            }
            status = null;
            error = null;
            try {
                HttpResponse<Void> response = exchange(request(deliveryId, body, last));
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new DeliveryResult(true, attempt, status, null, first, last);
                }
                error = status >= 300 && status < 400 ? "redirect not followed" : "status " + status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted during attempt " + attempt;
                return new DeliveryResult(false, attempt, null, error, first, last);
            } catch (IOException | RuntimeException e) {
                error = Redaction.error(e, endpoint);
            }
        }
        LOG.warn("webhook {} ({}): delivery {} failed after {} attempts: {}", endpoint.name(),
                endpoint.redactedUrl(), deliveryId, maxAttempts, describe(status, error));
        return new DeliveryResult(false, maxAttempts, status, error, first, last);
    }

    /**
     * One request and its whole answer, body included, within {@code request_timeout}. The request's
     * own timeout only covers the wait for the answer's headers: a receiver that sends them and then
     * never finishes the body would hold the delivery, and the run, for as long as it keeps the
     * connection open. Past the deadline the exchange is cancelled and the attempt is a timeout.
     */
    private HttpResponse<Void> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        long timeoutMillis = endpoint.requestTimeout().toMillis();
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("request timed out: no whole answer within request_timeout ("
                    + timeoutMillis + " ms)");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    private HttpRequest request(String deliveryId, String body, Instant now) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.url())
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", UserAgent.VALUE)
                .header(HEADER_DELIVERY, deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        endpoint.secretValue().ifPresent(secret ->
                b.header(HEADER_SIGNATURE, Signatures.header(secret, now.getEpochSecond(), body)));
        return b.build();
    }

    private static String describe(Integer status, String error) {
        return status != null && error != null && error.startsWith("redirect") ? "status " + status + ", " + error
                : error != null ? error : "status " + status;
    }

    private static boolean sleep(long millis) {
        if (millis <= 0) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
