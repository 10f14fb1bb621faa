package io.mrrlake.source;

import java.util.Map;

import io.mrrlake.model.OutputDataset;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the source stage hands on.
 *
 * @param datasets    the eleven SOURCE_* datasets: docs/DATASETS.md's columns in order, then AS_OF, then the
 *                    month partition column where the dataset has one
 * @param rejects     landing kind (folder name) → KIND, REASON, DETAIL, SOURCE_FILE, RAW, AS_OF
 * @param recordsRead landing kind → records read (valid + rejected + collapsed copies + after as-of)
 * @param customerMapping DATA_SOURCE_UUID, EXTERNAL_ID, CUSTOMER_UUID, IS_PRIMARY of every valid
 *                    source customer (the merge result, for the engine)
 * @param checkpoints what the stage materialized; {@link #release} frees it once every output that
 *                    reads it (the engine's too) is materialized or written
 * @param lineItemsAfterAsOf valid line items of valid invoices that are invoiced or start after the as-of
 *                    instant, which SOURCE_INVOICE_LINE_ITEMS leaves out: CUSTOMER_UUID, then that
 *                    dataset's columns (never computed by a run; the explain command lists them)
 * @param soleInputs  dataset → the materialized data of the stage that only it (and its kind's
 *                    rejects) still reads ({@link #releaseSoleInputOf})
 */
public record SourceResult(Map<OutputDataset, Dataset<Row>> datasets,
                           Map<String, Dataset<Row>> rejects,
                           Map<String, Long> recordsRead,
                           Dataset<Row> customerMapping,
                           Checkpoints checkpoints,
                           Dataset<Row> lineItemsAfterAsOf,
                           Map<OutputDataset, Dataset<Row>> soleInputs) {

    public SourceResult(Map<OutputDataset, Dataset<Row>> datasets, Map<String, Dataset<Row>> rejects,
                        Map<String, Long> recordsRead) {
        this(datasets, rejects, recordsRead, null, new Checkpoints(), null, Map.of());
    }

    /**
     * Frees what only {@code dataset} read, once that dataset and every kind's rejects are
     * materialized elsewhere: a run's way to keep its local disk from holding the stage's data and
     * the source datasets in full at once. {@link #lineItemsAfterAsOf} cannot be read afterwards.
     */
    public void releaseSoleInputOf(OutputDataset dataset) {
        Dataset<Row> input = soleInputs.get(dataset);
        if (input != null && checkpoints.holds(input)) checkpoints.release(input);
    }

    /** Frees the stage's materialized data (raw records, ranked and checked records, the merge mapping). */
    public void release() {
        checkpoints.release();
    }

    public Dataset<Row> dataset(OutputDataset d) {
        return datasets.get(d);
    }
}
