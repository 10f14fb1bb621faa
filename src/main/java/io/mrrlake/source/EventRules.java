package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.Arrays;
import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import io.mrrlake.model.EventType;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/**
 * subscription_events: keyed by (data_source_uuid, external_id); an event without external_id by
 * (data_source_uuid, subscription_external_id, event_type, event_date, effective_date).
 */
final class EventRules implements KindRules {
    static final List<String> TYPES = Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    @Override public LandingKind kind() { return LandingKind.SUBSCRIPTION_EVENTS; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("data_source_uuid"), Check.required("customer_external_id"),
                Check.required("subscription_external_id"), Check.required("event_type"),
                Check.required("event_date"), Check.required("effective_date"),
                Check.requiredWhen("retracted_event_id",
                        col("event_type").equalTo(EventType.SUBSCRIPTION_EVENT_RETRACTED.wireName()),
                        "for subscription_event_retracted"),
                Check.oneOf("event_type", TYPES),
                Check.amount("amount_in_cents"), Check.int32("quantity"),
                Check.nonZero("quantity"),
                Check.amount("tax_amount_in_cents"), Check.int32("event_order"),
                Check.timestamp("event_date"), Check.timestamp("effective_date"),
                Check.currency("currency"));
    }

    @Override public List<Column> typed() {
        Column eventDate = Values.parsedTimestamp("event_date");
        Column effective = Values.parsedTimestamp("effective_date");
        Column id = when(col("external_id").isNotNull(),
                Ids.column(Ids.EVENT, col("data_source_uuid"), col("external_id")))
                .otherwise(Ids.column(Ids.EVENT, col("data_source_uuid"), lit(""), col("subscription_external_id"),
                        col("event_type"), Values.idPart(eventDate), Values.idPart(effective)));
        Column payload = to_json(struct(
                Values.toCurrency(col("currency")).as("currency"),
                Values.toInt(col("quantity")).as("quantity"),
                Values.toLong(col("amount_in_cents")).as("amount_in_cents"),
                Values.toLong(col("tax_amount_in_cents")).as("tax_amount_in_cents"),
                Values.toInt(col("event_order")).as("event_order"),
                col("retracted_event_id").as("retracted_event_id")), Values.JSON_WITH_NULLS);
        return List.of(id.as(UUID), col("data_source_uuid").as(DATA_SOURCE_UUID),
                col("customer_external_id").as(DATA_SOURCE_CUSTOMER_EXTERNAL_ID),
                col("subscription_external_id").as(SUBSCRIPTION_EXTERNAL_ID),
                col("subscription_set_external_id").as(SUBSCRIPTION_SET_EXTERNAL_ID),
                col("plan_external_id").as(PLAN_EXTERNAL_ID), col("external_id").as(EXTERNAL_ID),
                Values.ordinal(col("event_type"), TYPES).as(EVENT_TYPE), col("event_type").as(EVENT_TYPE_NAME),
                eventDate.as(EVENT_DATE), effective.as(EFFECTIVE_DATE), payload.as(PAYLOAD),
                col("retracted_event_id").as(RETRACTED_EVENT_ID));
    }

    @Override public List<String> key() { return List.of(UUID); }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, DATA_SOURCE_CUSTOMER_EXTERNAL_ID,
            SUBSCRIPTION_EXTERNAL_ID, SUBSCRIPTION_SET_EXTERNAL_ID, PLAN_EXTERNAL_ID, EXTERNAL_ID, EVENT_TYPE,
            EVENT_TYPE_NAME, EVENT_DATE, EFFECTIVE_DATE, PAYLOAD, RETRACTED);
}
