package io.mrrlake.webhook;

import java.net.URI;

/** What of a URL or an error may reach a log line or the ledger: never a query string, user info or secret. */
final class Redaction {
    private Redaction() {}

    static String url(URI url) {
        StringBuilder b = new StringBuilder();
        b.append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            b.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        b.append(path == null || path.isEmpty() ? "/" : path);
        if (url.getRawQuery() != null) {
            b.append("?…");
        }
        return b.toString();
    }

    /**
     * An error's class and message with every form of the endpoint's URL and secret cut out: JDK
     * exceptions may quote the URI they were given.
     */
    static String error(Throwable t, WebhookEndpoint endpoint) {
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return text(message, endpoint);
    }

    static String text(String text, WebhookEndpoint endpoint) {
        String out = text;
        URI url = endpoint.url();
        out = out.replace(url.toString(), url(url));
        if (url.getRawQuery() != null) {
            out = out.replace(url.getRawQuery(), "…");
        }
        if (url.getQuery() != null) {
            out = out.replace(url.getQuery(), "…");
        }
        if (url.getRawUserInfo() != null) {
            out = out.replace(url.getRawUserInfo(), "…");
        }
        if (endpoint.secret() != null && !endpoint.secret().isEmpty()) {
            out = out.replace(endpoint.secret(), "…");
        }
        return out.length() > 500 ? out.substring(0, 500) : out;
    }
}
