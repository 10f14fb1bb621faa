package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/**
 * contacts: keyed by (data_source_uuid, external_id); a contact without external_id by
 * (data_source_uuid, customer_external_id, email, first_name, last_name).
 */
final class ContactRules implements KindRules {
    @Override public LandingKind kind() { return LandingKind.CONTACTS; }

    @Override public List<Check> checks() {
        // custom is an object: in JSON any other value, in a flat table a text that is not a JSON
        // object's (json_object_keys is null for every other text).
        Column custom = col("custom");
        return List.of(Check.of("bad_json", custom.isNotNull().and(json_object_keys(custom).isNull()),
                        concat(lit("custom is not an object: "), custom)),
                Check.required("data_source_uuid"), Check.required("customer_external_id"), Check.int32("position"));
    }

    @Override public List<Column> typed() {
        Column id = when(col("external_id").isNotNull(),
                Ids.column(Ids.CONTACT, col("data_source_uuid"), col("external_id")))
                .otherwise(Ids.column(Ids.CONTACT, col("data_source_uuid"), lit(""), col("customer_external_id"),
                        col("email"), col("first_name"), col("last_name")));
        return List.of(id.as(UUID), col("data_source_uuid").as(DATA_SOURCE_UUID),
                col("customer_external_id").as(CUSTOMER_EXTERNAL_ID), col("external_id").as(EXTERNAL_ID),
                col("first_name").as(FIRST_NAME), col("last_name").as(LAST_NAME),
                Values.toInt(col("position")).as(POSITION), col("title").as(TITLE), col("email").as(EMAIL),
                col("phone").as(PHONE), col("linked_in").as(LINKED_IN), col("twitter").as(TWITTER),
                col("notes").as(NOTES), col("custom").as(CUSTOM));
    }

    @Override public List<String> key() { return List.of(UUID); }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID, CUSTOMER_UUID,
            EXTERNAL_ID, FIRST_NAME, LAST_NAME, POSITION, TITLE, EMAIL, PHONE, LINKED_IN, TWITTER, NOTES, CUSTOM);
}
