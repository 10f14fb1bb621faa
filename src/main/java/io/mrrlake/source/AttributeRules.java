package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Limits;
import io.mrrlake.landing.Values;
import org.apache.spark.sql.Column;

/** customer_attributes (attributes.custom): keyed by customer and key; the value must fit its type. */
final class AttributeRules implements KindRules {
    static final List<String> TYPES = List.of("String", LandingKind.INTEGER_ATTRIBUTE, "Decimal", "Timestamp", "Boolean");

    @Override public LandingKind kind() { return LandingKind.CUSTOMER_ATTRIBUTES; }

    @Override public List<Check> checks() {
        Column value = col("value");
        Column type = col("type");
        return List.of(
                Check.required("data_source_uuid"), Check.required("customer_external_id"),
                Check.required("key"), Check.required("type"), Check.oneOf("type", TYPES),
                Check.of("bad_number:value", type.equalTo(LandingKind.INTEGER_ATTRIBUTE).and(value.isNotNull()).and(not(Values.isLong(value))),
                        concat(lit("value of an Integer attribute is not an integer: "), value)),
                Check.of("bad_number:value", type.equalTo("Decimal").and(value.isNotNull()).and(not(Values.isDecimal(value))),
                        concat(lit("value of a Decimal attribute is not a number: "), value)),
                Check.of("bad_enum:value", type.equalTo("Boolean").and(value.isNotNull()).and(not(Values.isBoolean(value))),
                        concat(lit("value of a Boolean attribute is not true or false: "), value)),
                Check.of("bad_timestamp:value", type.equalTo("Timestamp").and(value.isNotNull()).and(not(Values.isTimestamp(value))),
                        concat(lit("value of a Timestamp attribute is not ISO-8601: "), value)),
                // After the check above, so the value parses here.
                Check.of("bad_date:value", type.equalTo("Timestamp").and(value.isNotNull())
                                .and(not(Values.inDateRange(Values.toTimestamp(value)))),
                        concat(lit("value of a Timestamp attribute is outside " + Limits.MIN_DATE + " to "
                                + Limits.END_DATE + " (exclusive): "), value)));
    }

    @Override public List<Column> typed() {
        return List.of(col("data_source_uuid").as(DATA_SOURCE_UUID),
                col("customer_external_id").as(CUSTOMER_EXTERNAL_ID), col("key").as(KEY), col("type").as(TYPE),
                col("value").as(VALUE), col("source").as(SOURCE));
    }

    @Override public List<String> key() { return List.of(DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID, KEY); }

    static final List<String> OUTPUT = List.of(CUSTOMER_UUID, DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID, KEY, TYPE, VALUE, SOURCE);
}
