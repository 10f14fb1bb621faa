package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.col;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import org.apache.spark.sql.Column;

/** customer_tags: a tag is its own key, so copies only ever collapse. */
final class TagRules implements KindRules {
    @Override public LandingKind kind() { return LandingKind.CUSTOMER_TAGS; }

    @Override public List<Check> checks() {
        return List.of(Check.required("data_source_uuid"), Check.required("customer_external_id"), Check.required("tag"));
    }

    @Override public List<Column> typed() {
        return List.of(col("data_source_uuid").as(DATA_SOURCE_UUID),
                col("customer_external_id").as(CUSTOMER_EXTERNAL_ID), col("tag").as(TAG));
    }

    @Override public List<String> key() { return List.of(DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID, TAG); }

    static final List<String> OUTPUT = List.of(CUSTOMER_UUID, DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID, TAG);
}
