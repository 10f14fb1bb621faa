package io.mrrlake.mrr;

import java.util.Map;

import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the engine calculates.
 *
 * @param datasets  the five CALCULATED_* datasets, with exactly the columns of docs/DATASETS.md, AS_OF
 *                  and the month partition column where the dataset has one
 * @param rejects   line items rejected with reason {@code missing_rate}: KIND, REASON, DETAIL,
 *                  SOURCE_FILE, RAW, AS_OF
 * @param fxImpacts exchange-rate impact per subscription change (CUSTOMER_UUID, DATA_SOURCE_UUID,
 *                  SUBSCRIPTION_EXTERNAL_ID, DATE, FX_IMPACT, CURRENCY, AS_OF): not a product
 *                  dataset; it lets {@link MrrInvariants} check each customer's roll-forward
 */
public record CalculatedResult(Map<OutputDataset, Dataset<Row>> datasets, Dataset<Row> rejects,
                               Dataset<Row> fxImpacts) {

    public CalculatedResult(Map<OutputDataset, Dataset<Row>> datasets, Dataset<Row> rejects) {
        this(datasets, rejects, null);
    }

    public Dataset<Row> get(OutputDataset dataset) {
        Dataset<Row> d = datasets.get(dataset);
        if (d == null) throw new IllegalArgumentException("not calculated here: " + dataset);
        return d;
    }
}
