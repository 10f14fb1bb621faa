package io.mrrlake.export;

import java.util.Arrays;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;

/**
 * Time limits for a store that stops answering in the middle of a write. With Hadoop 3.3's S3A
 * defaults a request to an S3 endpoint that accepts connections but never answers waits 200 s for a
 * byte, and is repeated 20 times by the AWS SDK inside each of S3A's 7 retries: hours per request,
 * so a run hung instead of failing. The job's defaults (docs/RELIABILITY.md "Time limits") bound one
 * request to about {@code timeout × attempts × (retries + 1)}; a value the user or the cluster sets
 * (spark-submit --conf, the run's spark block, core-site.xml) is kept.
 */
public final class StoreTimeouts {
    /** Hadoop settings the job sets where only Hadoop's own default is in place. */
    public static final Map<String, String> S3A = Map.of(
            // A socket waiting this long for the next byte: the store is stuck, not slow.
            "fs.s3a.connection.timeout", "60000",
            // The AWS SDK's retries inside each of S3A's: a few, for a dropped connection.
            "fs.s3a.attempts.maximum", "2",
            "fs.s3a.retry.limit", "3");

    private static final String HADOOP_DEFAULTS = "core-default.xml";

    private StoreTimeouts() {}

    /** Sets each of {@link #S3A} that nobody but Hadoop's core-default.xml has set. */
    public static void applyDefaults(Configuration hadoop) {
        S3A.forEach((k, v) -> {
            String[] sources = hadoop.getPropertySources(k);
            if (sources == null || Arrays.stream(sources).allMatch(HADOOP_DEFAULTS::equals)) {
                hadoop.set(k, v, "mrrlake default (docs/RELIABILITY.md)");
            }
        });
    }
}
