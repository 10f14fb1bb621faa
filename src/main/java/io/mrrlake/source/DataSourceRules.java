package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.col;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import org.apache.spark.sql.Column;

/** data_sources: the input's uuid is kept as given (it is already the data source's id). */
final class DataSourceRules implements KindRules {
    @Override public LandingKind kind() { return LandingKind.DATA_SOURCES; }

    @Override public List<Check> checks() {
        return List.of(Check.required("uuid"), Check.timestamp("created_at"));
    }

    @Override public List<Column> typed() {
        return List.of(col("uuid").as(UUID), col("name").as(NAME), col("system").as(SYSTEM),
                Values.parsedTimestamp("created_at").as(CREATED_AT));
    }

    @Override public List<String> key() { return List.of(UUID); }

    static final List<String> OUTPUT = List.of(UUID, NAME, SYSTEM, CREATED_AT);
}
