package io.mrrlake.export;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mrrlake.config.CatalogSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
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
 * overwrite, new columns merged). Parquet: a plain folder of Hive-style month partitions that any
 * Parquet reader reads by pointing at it; the run's files are written to a staging place (through
 * the S3A committers on S3), checked, and then moved in ({@link ParquetFolder}). {@code full}
 * replaces everything in the folder, {@code partitions} only the months this run has rows for.
 */
public final class FilesDestination extends FilteredDestination {
    private static final Logger LOG = LoggerFactory.getLogger(FilesDestination.class);

    private final String root;
    private final FileFormat format;
    private final OverwriteMode overwrite;
    private final String s3Committer;
    private final CatalogSettings catalog;

    public FilesDestination(String name, DatasetFilter filter, String root, FileFormat format,
                            OverwriteMode overwrite, String s3Committer) {
        this(name, filter, root, format, overwrite, s3Committer, null);
    }

    /** @param catalog where to register each written dataset as a table, or null for nowhere */
    public FilesDestination(String name, DatasetFilter filter, String root, FileFormat format,
                            OverwriteMode overwrite, String s3Committer, CatalogSettings catalog) {
        super(name, filter);
        this.root = stripTrailingSlash(root);
        this.format = format;
        this.overwrite = overwrite;
        this.s3Committer = s3Committer;
        this.catalog = catalog;
    }

    /** The CLI's {@code --output URI --output-format delta|parquet}: every dataset, a full refresh. */
    public static FilesDestination forOutput(String uri, String outputFormat) {
        return forOutput(uri, outputFormat, OverwriteMode.FULL, null);
    }

    /** The {@code output} block: every dataset, with its overwrite mode and catalog (null: none). */
    public static FilesDestination forOutput(String uri, String outputFormat, OverwriteMode overwrite,
                                             CatalogSettings catalog) {
        FileFormat f = FileFormat.parse("output.format", outputFormat == null ? "delta" : outputFormat);
        return new FilesDestination("output", DatasetFilter.all(), uri, f, overwrite, "magic", catalog);
    }

    @Override
    public String type() { return "files"; }

    public String root() { return root; }
    public FileFormat format() { return format; }
    public OverwriteMode overwrite() { return overwrite; }
    public String s3Committer() { return s3Committer; }
    public Optional<CatalogSettings> catalog() { return Optional.ofNullable(catalog); }

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
        Written written = format == FileFormat.DELTA
                ? new Written(writeDelta(write, target), write.partitioned())
                : writeParquet(write, target);
        LOG.info("destination {}: wrote {} ({} rows) to {}", name(), write.dottedName(), written.rows(), target);
        if (catalog != null) {
            CatalogTables.register(write.rows().sparkSession(), catalog, write.tableName(), target, format,
                    write.rows().schema(), written.byMonth() ? write.partitionColumn() : null);
        }
        return written.rows();
    }

    /** @param byMonth whether the dataset's folder is laid out in month partitions after the write */
    private record Written(long rows, boolean byMonth) {}

    private long writeDelta(DatasetWrite write, String target) throws IOException {
        Dataset<Row> rows = write.rowsForFiles();
        Configuration hadoop = rows.sparkSession().sessionState().newHadoopConf();
        DataFrameWriter<Row> w = rows.write().format("delta");
        if (write.partitioned()) {
            w = w.partitionBy(write.partitionColumn());
        }
        if (!DeltaCommitLog.hasCommits(target, hadoop)) {
            // A new table: creating it is the whole write. An overwrite would first gather the
            // files to remove from the table's (empty) state, a Spark job and its generated code
            // per dataset; the run lock keeps other runs from creating it meanwhile, and if anything
            // else did, the create fails rather than overwrite it.
            w = w.mode(SaveMode.ErrorIfExists);
        } else if (overwrite == OverwriteMode.PARTITIONS && write.partitioned()) {
            // Delta refuses overwriteSchema with a dynamic overwrite; new columns still merge in.
            w = w.mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").option("mergeSchema", "true");
        } else {
            // The session default is dynamic (SparkSessions.REQUIRED): say static so the commit
            // replaces the whole table, and let a changed schema replace the old one.
            w = w.mode(SaveMode.Overwrite).option("partitionOverwriteMode", "static").option("overwriteSchema", "true");
        }
        w.save(target);
        return DeltaCommitLog.newestCommitRows(target, hadoop);
    }

    private Written writeParquet(DatasetWrite write, String target) throws Exception {
        SparkSession spark = write.rows().sparkSession();
        ParquetFolder folder = new ParquetFolder(root, write.path(), spark.sessionState().newHadoopConf());
        int leftovers = folder.cleanEarlierAttempts();
        if (leftovers > 0) {
            LOG.info("destination {}: {} removed {} staged leftovers of earlier runs", name(), write.dottedName(), leftovers);
        }
        boolean partitionBy = write.partitioned();
        saveStaged(write, folder, partitionBy);
        List<LocatedFileStatus> files = folder.stagedDataFiles();
        String months = write.partitionColumn() + "=";
        if (files.isEmpty() && partitionBy) {
            // No rows (known from the write itself: no extra pass asks first).
            if (overwrite == OverwriteMode.PARTITIONS && folder.holds(months)) {
                // `partitions` replaces the months this run has rows for: none, so every month
                // stays, as with Delta's dynamic overwrite.
                folder.discard();
                return new Written(0, true);
            }
            // An empty month-partitioned write leaves no file at all, and readers could not tell an
            // empty dataset from a missing one: write one schema-only file instead, with the month a column.
            folder.clearStaged();
            partitionBy = false;
            saveStaged(write, folder, false);
            files = folder.stagedDataFiles();
        }
        long written = check(write, folder, files, partitionBy);
        folder.dropChecksums();
        folder.moveIn(overwrite == OverwriteMode.PARTITIONS && partitionBy
                ? name -> name.startsWith(months)
                : name -> false);
        return new Written(written, partitionBy);
    }

    private void saveStaged(DatasetWrite write, ParquetFolder folder, boolean partitionBy) {
        SparkSession spark = write.rows().sparkSession();
        DataFrameWriter<Row> w = write.rowsForFiles().write().format("parquet")
                // A fresh folder: no overwrite at all, so neither a static nor a dynamic overwrite
                // (which the S3A committers do not support) is involved.
                .mode(SaveMode.ErrorIfExists);
        if (partitionBy) {
            w = w.partitionBy(write.partitionColumn());
        }
        if (CloudCommitSettings.isS3(root)) {
            w = w.options(scala.collection.JavaConverters.mapAsScalaMap(
                    CloudCommitSettings.hadoopSettings(s3Committer, "")));
            SessionConf.ensure(spark, Map.of(CloudCommitSettings.COMMIT_PROTOCOL, CloudCommitSettings.PATH_OUTPUT_COMMIT_PROTOCOL,
                    CloudCommitSettings.PARQUET_COMMITTER, CloudCommitSettings.BINDING_PARQUET_COMMITTER));
        }
        w.save(folder.staged().toString());
    }

    /**
     * The staged files must be complete and readable with the dataset's columns before they move in:
     * a {@code _SUCCESS} marker, at least one file, and every file's Parquet footer readable with
     * exactly the dataset's columns (the month in the folder names when partitioned). The rows
     * written are the footers' row counts, so the check costs no Spark job.
     */
    private static long check(DatasetWrite write, ParquetFolder folder, List<LocatedFileStatus> files,
                              boolean partitionedByMonth) throws IOException {
        Path dir = folder.staged();
        if (!folder.fs().exists(new Path(dir, ParquetFolder.SUCCESS))) {
            throw new IOException("staged write of " + write.dottedName() + " has no _SUCCESS marker: " + dir);
        }
        if (files.isEmpty()) {
            throw new IOException("staged write of " + write.dottedName() + " has no data file: " + dir);
        }
        Set<String> columns = new LinkedHashSet<>(Arrays.asList(write.rows().schema().fieldNames()));
        if (partitionedByMonth) {
            columns.remove(write.partitionColumn());
        }
        return folder.stagedRows(files, columns);
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
        return "files(" + name() + ", " + root + ", " + format.id() + ", " + overwrite
                + (catalog == null ? "" : ", catalog=" + catalog.table("*")) + ", datasets=" + filter() + ")";
    }
}
