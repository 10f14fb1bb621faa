package io.mrrlake.export;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mrrlake.testing.Signals;
import org.apache.hadoop.conf.Configuration;

/** A real S3 API for tests: moto_server as a child process on a free loopback port, stopped by close(). */
public final class MotoS3 implements AutoCloseable {
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private final Process process;
    private final int port;

    private MotoS3(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MotoS3 start(File log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // moto_server's own entry point, started through a launcher that fixes one response S3A cannot
        // parse (see moto_s3_server.py).
        File launcher = File.createTempFile("moto_s3_server", ".py");
        launcher.deleteOnExit();
        try (var in = MotoS3.class.getResourceAsStream("/moto_s3_server.py")) {
            java.nio.file.Files.copy(in, launcher.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder("python3", launcher.getPath(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log).start();
        MotoS3 moto = new MotoS3(p, port);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + p.exitValue() + ", see " + log);
            }
            try (Socket sock = new Socket()) {
                sock.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return moto;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        moto.close();
        throw new IllegalStateException("moto_server did not open port " + port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public void createBucket(String bucket) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                        .timeout(Duration.ofSeconds(10))
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("create bucket " + bucket + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** S3A settings for this server (no "spark.hadoop." prefix). */
    public Map<String, String> s3aSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", endpoint());
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put("fs.s3a.access.key", "testing");
        m.put("fs.s3a.secret.key", "testing");
        m.put("fs.s3a.change.detection.mode", "none");
        m.put("fs.s3a.bucket.probe", "0");
        m.put("fs.s3a.retry.limit", "2");
        m.put("fs.s3a.attempts.maximum", "2");
        return m;
    }

    /** The keys under {@code prefix} in {@code bucket} (the first 1,000), straight from the server. */
    public List<String> keys(String bucket, String prefix) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket + "?list-type=2&prefix="
                                + URLEncoder.encode(prefix, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("list " + bucket + "/" + prefix + ": HTTP " + r.statusCode() + " " + r.body());
        }
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(r.body());
        while (m.find()) keys.add(m.group(1));
        return keys;
    }

    /** The server stops (SIGSTOP): connections are still accepted by the kernel, nothing answers. Data stays in memory. */
    public void freeze() throws Exception {
        Signals.send("STOP", process.pid());
    }

    /** The frozen server runs on (SIGCONT). */
    public void thaw() throws Exception {
        Signals.send("CONT", process.pid());
    }

    public void configure(Configuration conf) {
        s3aSettings().forEach(conf::set);
        // A cached S3A instance of an earlier server (other port) must not be reused.
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) thaw();
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
