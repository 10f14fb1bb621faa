package io.mrrlake.explain;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingReader;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The raw customer records (data_source_uuid, external_id, name) the explain command looks customers up
 * in, before anything is validated. A lookup by external id scans the text and parses only the lines
 * that may hold it; the whole file is parsed only for what needs every customer (a {@code cus_} UUID,
 * the closest matches of an unknown id), once.
 */
final class RawCustomers {
    private final LandingReader reader;
    private final Checkpoints checkpoints;
    private Dataset<Row> all;

    RawCustomers(LandingReader reader, Checkpoints checkpoints) {
        this.reader = reader;
        this.checkpoints = checkpoints;
    }

    /** The records with one of these external ids. */
    Dataset<Row> withExternalIds(Collection<String> externalIds) {
        return reader.read(LandingKind.CUSTOMERS, Optional.of(Set.copyOf(externalIds)))
                .where(col("external_id").isin(externalIds.toArray()))
                .select("data_source_uuid", "external_id", "name");
    }

    /** Every record, read when first asked for and kept. */
    Dataset<Row> all() {
        if (all == null) {
            all = checkpoints.materialize(reader.read(LandingKind.CUSTOMERS).select("data_source_uuid", "external_id", "name"));
        }
        return all;
    }
}
