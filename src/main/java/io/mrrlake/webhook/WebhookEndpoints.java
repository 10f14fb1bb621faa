package io.mrrlake.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.mrrlake.config.ConfigException;

/**
 * Reads the webhook blocks of {@code destinations}: every block with {@code type = webhook}, each key
 * checked before Spark starts. A secret's value never appears in an error message.
 */
public final class WebhookEndpoints {
    public static final String TYPE = "webhook";

    static final String K_TYPE = "type";
    static final String K_URL = "url";
    static final String K_SECRET = "secret";
    static final String K_SECRET_FILE = "secret_file";
    static final String K_MAX_RETRIES = "max_retries";
    static final String K_INITIAL_BACKOFF = "initial_backoff";
    static final String K_MAX_BACKOFF = "max_backoff";
    static final String K_CONNECT_TIMEOUT = "connect_timeout";
    static final String K_REQUEST_TIMEOUT = "request_timeout";
    static final String K_INITIAL_LOOKBACK_HOURS = "initial_lookback_hours";
    static final String K_RETRY_FAILED = "retry_failed";
    static final String K_PARALLELISM = "parallelism";
    static final String K_ALLOW_HTTP = "allow_http";
    static final String K_BATCH_SIZE = "batch_size";

    static final Set<String> KEYS = Set.of(K_TYPE, K_URL, K_SECRET, K_SECRET_FILE, K_MAX_RETRIES,
            K_INITIAL_BACKOFF, K_MAX_BACKOFF, K_CONNECT_TIMEOUT, K_REQUEST_TIMEOUT, K_INITIAL_LOOKBACK_HOURS,
            K_RETRY_FAILED, K_PARALLELISM, K_ALLOW_HTTP, K_BATCH_SIZE);

    /** Endpoint names become folder names under the state location. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private WebhookEndpoints() {}

    /** @param destinations the {@code destinations} object (one block per destination name) */
    public static List<WebhookEndpoint> fromConfig(Config destinations) {
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (String name : new TreeSet<>(destinations.root().keySet())) {
            ConfigValue block = destinations.root().get(name);
            if (block.valueType() != ConfigValueType.OBJECT) {
                continue;
            }
            Config c = destinations.getConfig(quote(name));
            if (!c.hasPath(K_TYPE) || !TYPE.equals(c.getValue(K_TYPE).unwrapped())) {
                continue;
            }
            endpoints.add(parse(name, c));
        }
        return endpoints;
    }

    static WebhookEndpoint parse(String name, Config c) {
        String prefix = "destinations." + name + ".";
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("destinations." + name,
                    "webhook destination name '" + name + "' is not allowed; allowed: 1 to 64 letters, digits, '_' or '-'");
        }
        for (String key : new TreeSet<>(c.root().keySet())) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(prefix + key, "unknown key for a webhook destination; allowed keys: "
                        + new TreeSet<>(KEYS));
            }
        }
        Reader r = new Reader(prefix, c);
        boolean allowHttp = r.bool(K_ALLOW_HTTP, WebhookEndpoint.DEFAULT_ALLOW_HTTP);
        URI url = r.url(allowHttp);
        String secret = r.secret();
        int maxRetries = r.integer(K_MAX_RETRIES, WebhookEndpoint.DEFAULT_MAX_RETRIES, 0, 1000);
        Duration initialBackoff = r.duration(K_INITIAL_BACKOFF, WebhookEndpoint.DEFAULT_INITIAL_BACKOFF, Duration.ZERO);
        Duration maxBackoff = r.duration(K_MAX_BACKOFF, WebhookEndpoint.DEFAULT_MAX_BACKOFF, Duration.ZERO);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigException(prefix + K_MAX_BACKOFF, "value " + maxBackoff + " is below "
                    + K_INITIAL_BACKOFF + " (" + initialBackoff + "); allowed: a duration at least " + K_INITIAL_BACKOFF);
        }
        Duration connectTimeout = r.duration(K_CONNECT_TIMEOUT, WebhookEndpoint.DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(1));
        Duration requestTimeout = r.duration(K_REQUEST_TIMEOUT, WebhookEndpoint.DEFAULT_REQUEST_TIMEOUT, Duration.ofMillis(1));
        int lookback = r.integer(K_INITIAL_LOOKBACK_HOURS, WebhookEndpoint.DEFAULT_INITIAL_LOOKBACK_HOURS, 0, 24 * 366 * 10);
        boolean retryFailed = r.bool(K_RETRY_FAILED, WebhookEndpoint.DEFAULT_RETRY_FAILED);
        int parallelism = r.integer(K_PARALLELISM, WebhookEndpoint.DEFAULT_PARALLELISM, 1, 1024);
        int batchSize = r.integer(K_BATCH_SIZE, WebhookEndpoint.DEFAULT_BATCH_SIZE, 1, 10_000_000);
        return new WebhookEndpoint(name, url, secret, maxRetries, initialBackoff, maxBackoff, connectTimeout,
                requestTimeout, lookback, retryFailed, parallelism, allowHttp, batchSize);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\\\"") + "\"";
    }

    /** Typed getters that turn Typesafe's errors into ours, naming key, value and what is allowed. */
    private record Reader(String prefix, Config c) {

        private String show(String key) {
            return K_SECRET.equals(key) ? "(hidden)" : String.valueOf(c.getValue(key).unwrapped());
        }

        boolean bool(String key, boolean dflt) {
            if (!c.hasPath(key)) {
                return dflt;
            }
            try {
                return c.getBoolean(key);
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException(prefix + key, "value '" + show(key) + "' is not allowed; allowed: true or false");
            }
        }

        int integer(String key, int dflt, int min, int max) {
            if (!c.hasPath(key)) {
                return dflt;
            }
            int v;
            try {
                v = c.getInt(key);
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException(prefix + key, "value '" + show(key) + "' is not allowed; allowed: a whole number from "
                        + min + " to " + max);
            }
            if (v < min || v > max) {
                throw new ConfigException(prefix + key, "value " + v + " is not allowed; allowed: a whole number from "
                        + min + " to " + max);
            }
            return v;
        }

        Duration duration(String key, Duration dflt, Duration min) {
            if (!c.hasPath(key)) {
                return dflt;
            }
            Duration d;
            try {
                d = c.getDuration(key);
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException(prefix + key, "value '" + show(key)
                        + "' is not allowed; allowed: a duration such as 250ms, 5s, 5m");
            }
            if (d.compareTo(min) < 0) {
                throw new ConfigException(prefix + key, "value '" + show(key) + "' is not allowed; allowed: a duration of at least "
                        + min.toMillis() + "ms");
            }
            return d;
        }

        URI url(boolean allowHttp) {
            String allowed = allowHttp ? "an absolute http:// or https:// URL with a host"
                    : "an absolute https:// URL with a host (http:// only with allow_http = true)";
            if (!c.hasPath(K_URL)) {
                throw new ConfigException(prefix + K_URL, "missing; allowed: " + allowed);
            }
            if (c.getValue(K_URL).valueType() != ConfigValueType.STRING) {
                throw new ConfigException(prefix + K_URL, "value '" + show(K_URL) + "' is not allowed; allowed: " + allowed);
            }
            String raw = c.getString(K_URL).trim();
            URI uri;
            try {
                uri = new URI(raw);
            } catch (URISyntaxException e) {
                throw new ConfigException(prefix + K_URL, "value is not a URL (" + e.getReason() + "); allowed: " + allowed);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = "https".equals(scheme) || (allowHttp && "http".equals(scheme));
            if (!schemeOk || uri.getHost() == null) {
                String shown = uri.getScheme() == null || uri.getHost() == null ? "'" + scheme + ":…'" : Redaction.url(uri);
                throw new ConfigException(prefix + K_URL, "value " + shown + " is not allowed; allowed: " + allowed);
            }
            if (uri.getRawUserInfo() != null) {
                throw new ConfigException(prefix + K_URL, "value " + Redaction.url(uri)
                        + " carries user info; allowed: " + allowed + " without user:password (use secret for signing)");
            }
            return uri;
        }

        String secret() {
            boolean inline = c.hasPath(K_SECRET);
            boolean file = c.hasPath(K_SECRET_FILE);
            if (inline && file) {
                throw new ConfigException(prefix + K_SECRET_FILE, "both secret and secret_file are set; allowed: one of them");
            }
            if (inline) {
                if (c.getValue(K_SECRET).valueType() != ConfigValueType.STRING || c.getString(K_SECRET).isEmpty()) {
                    throw new ConfigException(prefix + K_SECRET, "value (hidden) is not allowed; allowed: a non-empty string, "
                            + "e.g. secret = ${?MRRLAKE_HOOK_SECRET}");
                }
                return c.getString(K_SECRET);
            }
            if (file) {
                String path = c.getValue(K_SECRET_FILE).valueType() == ConfigValueType.STRING ? c.getString(K_SECRET_FILE) : "";
                if (path.isEmpty()) {
                    throw new ConfigException(prefix + K_SECRET_FILE, "value '" + show(K_SECRET_FILE)
                            + "' is not allowed; allowed: the path of a readable file holding the secret");
                }
                String content;
                try {
                    content = Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException(prefix + K_SECRET_FILE, "file '" + path
                            + "' cannot be read; allowed: the path of a readable file holding the secret");
                }
                if (content.isEmpty()) {
                    throw new ConfigException(prefix + K_SECRET_FILE, "file '" + path
                            + "' is empty; allowed: the path of a readable file holding the secret");
                }
                return content;
            }
            return null;
        }
    }
}
