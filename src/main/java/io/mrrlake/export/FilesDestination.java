package io.mrrlake.export;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets as Delta tables or Parquet folders under one root on any Hadoop file system
 * ({@code file:}, {@code s3a:}, {@code gs:}, {@code abfss:}, plain paths), at {@code <root>/<path>},
 * partitioned by the dataset's month column.
 *
 * <p>Delta: one commit per dataset. {@code full} overwrites the table (schema changes allowed);
 * {@code partitions} replaces only the months present in this run (Delta's dynamic partition
 * overwrite, new columns merged). Parquet: see {@link ParquetVersions}; the new version folder is
 * written through the S3A committers on S3, checked, and then published by one pointer write.
 */
public final class FilesDestination extends FilteredDestination {
    private static final Logger LOG = LoggerFactory.getLogger(FilesDestination.class);

    private final String root;
    private final FileFormat format;
    private final OverwriteMode overwrite;
    private final String s3Committer;

    public FilesDestination(String name, DatasetFilter filter, String root, FileFormat format,
                            OverwriteMode overwrite, String s3Committer) {
        super(name, filter);
        this.root = stripTrailingSlash(root);
        this.format = format;
        this.overwrite = overwrite;
        this.s3Committer = s3Committer;
    }

    /** The CLI's {@code --output URI --output-format delta|parquet}: every dataset, default overwrite. */
    public static FilesDestination forOutput(String uri, String outputFormat) {
        FileFormat f = FileFormat.parse("--output-format", outputFormat == null ? "delta" : outputFormat);
        return new FilesDestination("output", DatasetFilter.all(), uri, f, OverwriteMode.defaultFor(f), "magic");
    }

    @Override
    public String type() { return "files"; }

    public String root() { return root; }
    public FileFormat format() { return format; }
    public OverwriteMode overwrite() { return overwrite; }
    public String s3Committer() { return s3Committer; }

    /** The session settings a job writing here should set up front (spark-submit --conf). */
    public Map<String, String> sparkSettings() {
        return CloudCommitSettings.sparkSettingsFor(root, s3Committer);
    }

    /** Where a dataset lives under this root. */
    public String locationOf(DatasetWrite write) {
        return root + "/" + write.path();
    }

    @Override
    public long writeAndCount(DatasetWrite write) throws Exception {
        String target = locationOf(write);
        long rows = format == FileFormat.DELTA ? writeDelta(write, target) : writeParquet(write, target);
        LOG.info("destination {}: wrote {} ({} rows) to {}", name(), write.dottedName(), rows, target);
        return rows;
    }

    private long writeDelta(DatasetWrite write, String target) {
        Dataset<Row> rows = write.rowsForFiles();
        DataFrameWriter<Row> w = rows.write().format("delta").mode(SaveMode.Overwrite);
        if (write.partitioned()) {
            w = w.partitionBy(write.partitionColumn());
        }
        if (overwrite == OverwriteMode.PARTITIONS && write.partitioned()) {
            // Delta refuses overwriteSchema with a dynamic overwrite; new columns still merge in.
            w = w.option("partitionOverwriteMode", "dynamic").option("mergeSchema", "true");
        } else {
            // The session default is dynamic (SparkSessions.REQUIRED): say static so the commit
            // replaces the whole table, and let a changed schema replace the old one.
            w = w.option("partitionOverwriteMode", "static").option("overwriteSchema", "true");
        }
        w.save(target);
        Row last = DeltaTable.forPath(rows.sparkSession(), target).history(1).select("operationMetrics").first();
        Map<String, String> metrics = last.getJavaMap(0);
        return metrics == null || metrics.get("numOutputRows") == null ? -1 : Long.parseLong(metrics.get("numOutputRows"));
    }

    private long writeParquet(DatasetWrite write, String target) throws Exception {
        SparkSession spark = write.rows().sparkSession();
        Configuration hadoopConf = spark.sessionState().newHadoopConf();
        ParquetVersions versions = new ParquetVersions(new Path(target), hadoopConf);
        Optional<String> previous = versions.current();
        String next = ParquetVersions.newVersionName();
        Path dir = versions.versionPath(next);
        boolean s3 = CloudCommitSettings.isS3(root);

        DataFrameWriter<Row> w = write.rowsForFiles().write().format("parquet")
                // A fresh folder: no overwrite at all, so neither a static nor a dynamic overwrite
                // (which the S3A committers do not support) is involved.
                .mode(SaveMode.ErrorIfExists);
        if (write.partitioned()) {
            w = w.partitionBy(write.partitionColumn());
        }
        if (s3) {
            w = w.options(scala.collection.JavaConverters.mapAsScalaMap(
                    CloudCommitSettings.hadoopSettings(s3Committer, "")));
            SessionConf.ensure(spark, Map.of(CloudCommitSettings.COMMIT_PROTOCOL, CloudCommitSettings.PATH_OUTPUT_COMMIT_PROTOCOL,
                    CloudCommitSettings.PARQUET_COMMITTER, CloudCommitSettings.BINDING_PARQUET_COMMITTER));
        }
        w.save(dir.toString());

        long written = check(write, dir, versions);
        if (overwrite == OverwriteMode.PARTITIONS && write.partitioned() && previous.isPresent()) {
            int kept = versions.carryForwardUntouched(previous.get(), next);
            if (kept > 0) {
                LOG.info("destination {}: {} kept {} untouched month folders", name(), write.dottedName(), kept);
            }
        }
        versions.publish(next, ParquetVersions.objectStore(CloudCommitSettings.scheme(root)));
        versions.deleteOldVersions(next, previous.orElse(null));
        return written;
    }

    /** The staged version must be complete and readable with the dataset's schema before it is published. */
    private static long check(DatasetWrite write, Path dir, ParquetVersions versions) throws IOException {
        if (!versions.fs().exists(new Path(dir, "_SUCCESS"))) {
            throw new IOException("staged write of " + write.dottedName() + " has no _SUCCESS marker: " + dir);
        }
        Dataset<Row> back = write.rows().sparkSession().read().schema(write.rows().schema()).parquet(dir.toString());
        // Partition columns read back last; the set of names is what must agree.
        if (!Set.of(back.schema().fieldNames()).equals(Set.of(write.rows().schema().fieldNames()))) {
            throw new IOException("staged write of " + write.dottedName() + " reads back with columns "
                    + Arrays.toString(back.schema().fieldNames()));
        }
        return back.count();
    }

    private static String stripTrailingSlash(String s) {
        String r = s;
        while (r.endsWith("/") && r.length() > 1) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    @Override
    public String toString() {
        return "files(" + name() + ", " + root + ", " + format.id() + ", " + overwrite + ", datasets=" + filter() + ")";
    }
}
