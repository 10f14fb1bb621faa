package io.mrrlake.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/**
 * docs/WEBHOOKS.md, Delivery: request_timeout bounds the whole request (15 s by default). A receiver that
 * answers its status line and headers at once and then never finishes the body must not hold a
 * delivery (and so the run) past request_timeout: the attempt is a failed one, like any timeout.
 */
class WholeRequestTimeoutTest {

    @Test
    void aBodyThatNeverEndsIsATimedOutAttempt() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        held.add(s);
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[8192];
                        // Read the request's head and body (small), then answer headers and one byte of 100.
                        StringBuilder seen = new StringBuilder();
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            int head = seen.indexOf("\r\n\r\n");
                            if (head >= 0 && seen.length() - head - 4 >= contentLength(seen.toString())) {
                                break;
                            }
                        }
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nx".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush(); // and never the other 99 bytes
                    }
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            WebhookEndpoint endpoint = WebhookEndpoint.withDefaults("dribble",
                            URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"), null)
                    .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(2))
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300));
            WebhookSender sender = new WebhookSender(endpoint);

            DeliveryResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> sender.deliver("mov_dribble", "{\"type\":\"mrr_movement\"}"),
                    "request_timeout 300 ms bounds the whole request, body included");
            assertFalse(result.delivered(), "an answer whose body never ends within request_timeout is a failed attempt");
            assertNotNull(result.lastError());
            assertTrue(result.lastError().contains("Timeout"), result.lastError());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }
}
