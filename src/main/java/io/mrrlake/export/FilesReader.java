package io.mrrlake.export;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a dataset of a files destination: a Delta table, or a plain folder of Parquet files. */
public final class FilesReader {
    private FilesReader() {}

    /**
     * @param location the dataset folder, e.g. "s3a://bucket/mrr/calculated/mrr_movements"
     */
    public static Dataset<Row> read(SparkSession spark, String location, FileFormat format) {
        return spark.read().format(format.id()).load(location);
    }
}
