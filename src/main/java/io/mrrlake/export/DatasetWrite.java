package io.mrrlake.export;

import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset to write: a known output dataset or a rejects table ({@code rejects/<kind>}).
 *
 * @param path          folder under a destination root, e.g. "calculated/mrr_movements"
 * @param tableName     warehouse table name, e.g. "calculated_mrr_movements"
 * @param partitionColumn the month column, or null when the dataset is not partitioned
 */
public record DatasetWrite(OutputDataset dataset, String path, String tableName, String partitionColumn,
                           Dataset<Row> rows) {

    public static DatasetWrite of(OutputDataset dataset, Dataset<Row> rows) {
        return new DatasetWrite(dataset, dataset.path(), dataset.tableName(),
                dataset.partitionColumn().orElse(null), rows);
    }

    public static DatasetWrite rejects(String kind, Dataset<Row> rows) {
        return new DatasetWrite(null, "rejects/" + kind, "rejects_" + kind, null, rows);
    }

    public String dottedName() {
        return path.replace('/', '.');
    }

    public boolean partitioned() {
        return partitionColumn != null;
    }

    /**
     * The rows laid out for a file write: rows of one month together, partitions of about
     * {@code spark.sql.adaptive.advisoryPartitionSizeInBytes} (adaptive execution splits a large
     * month and joins small ones). Without it every task writes a file into every month it holds:
     * tasks x months small files, which on object stores costs one request each. (The hint takes
     * the column's expression: a Column object is not resolved for REBALANCE in Spark 3.5.)
     */
    public Dataset<Row> rowsForFiles() {
        return partitioned()
                ? rows.hint("rebalance", org.apache.spark.sql.functions.col(partitionColumn).expr())
                : rows.hint("rebalance");
    }
}
