package io.mrrlake.export;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a dataset the way a consistent reader of a files destination must: Parquet through its pointer. */
public final class FilesReader {
    private FilesReader() {}

    /**
     * @param location the dataset folder, e.g. "s3a://bucket/mrr/calculated/mrr_movements"
     */
    public static Dataset<Row> read(SparkSession spark, String location, FileFormat format) throws IOException {
        if (format == FileFormat.DELTA) {
            return spark.read().format("delta").load(location);
        }
        return spark.read().parquet(currentParquetVersion(spark, location));
    }

    /** The folder a Parquet reader should read now (resolve once per query, then read only that). */
    public static String currentParquetVersion(SparkSession spark, String location) throws IOException {
        ParquetVersions versions = new ParquetVersions(new Path(location), spark.sessionState().newHadoopConf());
        String v = versions.current().orElseThrow(() ->
                new FileNotFoundException("no " + ParquetVersions.POINTER + " under " + location));
        return versions.versionPath(v).toString();
    }
}
