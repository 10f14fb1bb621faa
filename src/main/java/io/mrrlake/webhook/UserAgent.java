package io.mrrlake.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code mrrlake/<version>}, the version from the build's filtered mrrlake-version.properties. */
final class UserAgent {
    static final String VALUE = "mrrlake/" + version();

    private UserAgent() {}

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/mrrlake-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            // An unfiltered resource (run from an IDE without Maven) still gives a valid header.
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
