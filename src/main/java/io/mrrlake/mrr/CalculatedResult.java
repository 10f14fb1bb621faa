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
 * @param rejectsByKind what the engine rejects, by landing kind (folder name): line items
 *                  ({@code missing_rate}, or {@code bad_number:amount_in_cents} when their MRR
 *                  converted could leave 64 bits) and transactions (the same when their amount
 *                  converted could): KIND, REASON, DETAIL, SOURCE_FILE, RAW, AS_OF
 * @param fxImpacts exchange-rate impact per subscription change (CUSTOMER_UUID, DATA_SOURCE_UUID,
 *                  SUBSCRIPTION_EXTERNAL_ID, DATE, FX_IMPACT, CURRENCY, AS_OF): not a product
 *                  dataset; it lets {@link MrrInvariants} check each customer's roll-forward
 */
public record CalculatedResult(Map<OutputDataset, Dataset<Row>> datasets, Map<String, Dataset<Row>> rejectsByKind,
                               Dataset<Row> fxImpacts) {

    /** Every kind's rejects in one dataset. */
    public Dataset<Row> rejects() {
        return rejectsByKind.values().stream().reduce(Dataset::unionByName).orElseThrow();
    }

    public Dataset<Row> get(OutputDataset dataset) {
        Dataset<Row> d = datasets.get(dataset);
        if (d == null) throw new IllegalArgumentException("not calculated here: " + dataset);
        return d;
    }
}
