package io.mrrlake.export;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Spark and Hadoop settings a file write to object storage needs. For S3 the job must not use the
 * rename-based FileOutputCommitter (a "rename" on S3 is a copy, slow and visible half-done); it uses
 * the S3A committers through spark-hadoop-cloud's commit protocol instead.
 */
public final class CloudCommitSettings {
    public static final String COMMIT_PROTOCOL = "spark.sql.sources.commitProtocolClass";
    public static final String PARQUET_COMMITTER = "spark.sql.parquet.output.committer.class";
    public static final String PATH_OUTPUT_COMMIT_PROTOCOL =
            "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
    public static final String BINDING_PARQUET_COMMITTER =
            "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";
    public static final String S3A_COMMITTER_FACTORY = "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory";

    private CloudCommitSettings() {}

    /** True for the schemes served by S3A. */
    public static boolean isS3(String rootUri) {
        String scheme = scheme(rootUri);
        return scheme.equals("s3a") || scheme.equals("s3");
    }

    public static String scheme(String rootUri) {
        String s = URI.create(rootUri).getScheme();
        return s == null ? "file" : s.toLowerCase(Locale.ROOT);
    }

    /**
     * The session settings (spark-submit {@code --conf} keys) for writing files under rootUri:
     * empty for local, HDFS, gs: and abfss: (the rename committer is fine there: the job writes to
     * a staging folder no reader reads), the S3A committer binding for s3a:.
     *
     * @param committer "magic" or "directory"
     */
    public static Map<String, String> sparkSettingsFor(String rootUri, String committer) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!isS3(rootUri)) {
            return m;
        }
        m.put(COMMIT_PROTOCOL, PATH_OUTPUT_COMMIT_PROTOCOL);
        m.put(PARQUET_COMMITTER, BINDING_PARQUET_COMMITTER);
        m.putAll(hadoopSettings(committer, "spark.hadoop."));
        return m;
    }

    /**
     * The Hadoop settings alone, with a prefix: "spark.hadoop." for the session, "" for writer options
     * (a file source copies its write options into the job's Hadoop configuration).
     */
    static Map<String, String> hadoopSettings(String committer, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "mapreduce.outputcommitter.factory.scheme.s3a", S3A_COMMITTER_FACTORY);
        m.put(prefix + "fs.s3a.committer.name", committer);
        if ("magic".equals(committer)) {
            m.put(prefix + "fs.s3a.committer.magic.enabled", "true");
        }
        // The directory committer checks the destination folder for conflicts; every write goes
        // to a fresh version folder, so "replace" never deletes anything a reader uses.
        m.put(prefix + "fs.s3a.committer.staging.conflict-mode", "replace");
        return m;
    }
}
