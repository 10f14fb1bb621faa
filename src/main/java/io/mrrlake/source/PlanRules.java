package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Limits;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/** plans: keyed by (data_source_uuid, external_id). */
final class PlanRules implements KindRules {
    static final List<String> INTERVAL_UNITS = List.of("day", "month", "year");

    @Override public LandingKind kind() { return LandingKind.PLANS; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("data_source_uuid"), Check.required("external_id"), Check.required("name"),
                Check.required("interval_count"), Check.required("interval_unit"),
                Check.oneOf("interval_unit", INTERVAL_UNITS),
                Check.int32("interval_count"),
                Check.of("bad_number:interval_count", not(Values.toInt(col("interval_count"))
                                .between(1, Limits.MAX_INTERVAL_COUNT)),
                        concat(lit("interval_count must be from 1 to " + Limits.MAX_INTERVAL_COUNT + ", got: "),
                                col("interval_count"))));
    }

    @Override public List<Column> typed() {
        return List.of(
                Ids.column(Ids.PLAN, col("data_source_uuid"), col("external_id")).as(UUID),
                col("data_source_uuid").as(DATA_SOURCE_UUID), col("external_id").as(EXTERNAL_ID),
                col("name").as(NAME), col("interval_unit").as(INTERVAL),
                Values.toInt(col("interval_count")).as(INTERVAL_COUNT));
    }

    @Override public List<String> key() { return List.of(DATA_SOURCE_UUID, EXTERNAL_ID); }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, EXTERNAL_ID, NAME, INTERVAL, INTERVAL_COUNT);
}
