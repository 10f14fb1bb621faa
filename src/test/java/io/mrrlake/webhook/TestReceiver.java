package io.mrrlake.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (headers and body) and answers
 * with the status the test's policy gives. Requests to paths other than /hook… are recorded apart.
 */
public final class TestReceiver implements AutoCloseable {
    public record Request(String path, String query, String deliveryId, String body, String signature, String userAgent,
                   String contentType, int attemptOfThisId) {}

    /** What to answer: status for a request (attempt = 1 for the first request with that delivery id). */
    interface Policy extends Function<Request, Integer> {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Request> otherPath = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger successes = new AtomicInteger();
    private volatile Policy policy;
    private volatile Runnable afterSuccess = () -> {};

    TestReceiver(Policy policy) throws IOException {
        this.policy = policy;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestReceiver ok() throws IOException {
        return new TestReceiver(r -> 200);
    }

    /** Answers 200 after {@code millis}: a run can then be killed while requests are in flight. */
    public static TestReceiver okAfter(long millis) throws IOException {
        return new TestReceiver(r -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
    }

    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    void policy(Policy p) {
        this.policy = p;
    }

    /** Runs after each 2xx answer has been written (e.g. to kill the run mid-way). */
    public void afterSuccess(Runnable r) {
        this.afterSuccess = r;
    }

    public int successes() {
        return successes.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = ex.getRequestHeaders().getFirst("X-Mrrlake-Delivery");
        int attempt = attempts.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
        Request r = new Request(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), id, body,
                ex.getRequestHeaders().getFirst("X-Mrrlake-Signature"), ex.getRequestHeaders().getFirst("User-Agent"),
                ex.getRequestHeaders().getFirst("Content-Type"), attempt);
        if (!ex.getRequestURI().getPath().startsWith("/hook")) {
            otherPath.add(r);
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        requests.add(r);
        int status = policy.apply(r);
        if (status >= 300 && status < 400) {
            ex.getResponseHeaders().add("Location", url("/moved-here").toString());
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
        if (status >= 200 && status < 300) {
            successes.incrementAndGet();
            afterSuccess.run();
        }
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The first 2xx-answered request of each delivery id, in arrival order. */
    List<Request> requestsTo(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Request> otherPathRequests() {
        return new ArrayList<>(otherPath);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
