package io.mrrlake.source;

import java.util.List;
import java.util.Map;

import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the source stage hands on.
 *
 * @param datasets    the eleven SOURCE_* datasets: datasets.md's columns in order, then AS_OF, then the
 *                    month partition column where the dataset has one
 * @param rejects     landing kind (folder name) → KIND, REASON, DETAIL, SOURCE_FILE, RAW, AS_OF
 * @param recordsRead landing kind → records read (valid + rejected + collapsed copies + after as-of)
 * @param customerMapping DATA_SOURCE_UUID, EXTERNAL_ID, CUSTOMER_UUID, IS_PRIMARY of every valid
 *                    source customer (the merge result, for the engine)
 * @param persisted   what the stage persisted; {@link #release} frees it once every output is written
 */
public record SourceResult(Map<OutputDataset, Dataset<Row>> datasets,
                           Map<String, Dataset<Row>> rejects,
                           Map<String, Long> recordsRead,
                           Dataset<Row> customerMapping,
                           List<Dataset<Row>> persisted) {

    public SourceResult(Map<OutputDataset, Dataset<Row>> datasets, Map<String, Dataset<Row>> rejects,
                        Map<String, Long> recordsRead) {
        this(datasets, rejects, recordsRead, null, List.of());
    }

    /** Unpersists the stage's cached data (raw records, valid records, the merge mapping). */
    public void release() {
        persisted.forEach(Dataset::unpersist);
    }

    public Dataset<Row> dataset(OutputDataset d) {
        return datasets.get(d);
    }
}
