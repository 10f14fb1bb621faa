package io.mrrlake.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A kind once judged: its valid records and its rejects (rows of {@code rejects/<kind>}), and
 * {@code judged}, the materialized data its valid records are read from (the pass over every record
 * of the kind, or what replaced it), for whoever frees it.
 */
record Checked(Dataset<Row> valid, Dataset<Row> rejects, Dataset<Row> judged) {
    /** A kind whose valid records nothing reads any more: its rejects alone, materialized on their own. */
    static Checked rejectsOnly(Dataset<Row> rejects) {
        return new Checked(null, rejects, null);
    }
}
