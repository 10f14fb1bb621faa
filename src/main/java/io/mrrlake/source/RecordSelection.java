package io.mrrlake.source;

import io.mrrlake.landing.LandingKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which raw records of a kind the source stage validates: every record in a run; the explain command
 * hands in one customer's records, selected before validation so that it answers fast. Kinds nested in
 * JSON (line items, transactions, tags, attributes) follow their selected parents.
 */
@FunctionalInterface
public interface RecordSelection {
    RecordSelection ALL = (kind, raw) -> raw;

    /** The records to validate out of {@code raw}, the kind's records as read (schema RawColumns.schema). */
    Dataset<Row> select(LandingKind kind, Dataset<Row> raw);
}
