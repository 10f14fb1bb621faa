package io.mrrlake.source;

import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The records that passed a step and the rejects it (and every earlier step) made. */
record Checked(Dataset<Row> valid, Dataset<Row> rejects) {

    /** Runs a further step on the valid records, keeping every reject. */
    Checked then(Function<Dataset<Row>, Checked> step) {
        Checked next = step.apply(valid);
        return new Checked(next.valid(), rejects.unionByName(next.rejects()));
    }

    /** Transforms the valid records (no new rejects). */
    Checked map(Function<Dataset<Row>, Dataset<Row>> f) {
        return new Checked(f.apply(valid), rejects);
    }
}
