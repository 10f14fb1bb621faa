package io.mrrlake.source;

import java.util.Optional;
import java.util.Set;

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

    /**
     * Strings one of which the text of every record {@link #select} keeps contains (escapes aside, see
     * {@link io.mrrlake.landing.LinePrefilter}), so that the other JSON lines are never parsed; empty
     * when the kind is read whole.
     */
    default Optional<Set<String>> needles(LandingKind kind) {
        return Optional.empty();
    }
}
