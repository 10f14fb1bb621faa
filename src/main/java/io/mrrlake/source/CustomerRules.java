package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.RawColumns;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** customers: keyed by (data_source_uuid, external_id); the latest updated_at wins a conflict. */
final class CustomerRules implements KindRules {
    static final List<String> LEAD_STATUSES = List.of("New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead");

    @Override public LandingKind kind() { return LandingKind.CUSTOMERS; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("data_source_uuid"), Check.required("external_id"),
                Check.oneOf("lead_status", LEAD_STATUSES),
                Check.timestamp("lead_created_at"), Check.timestamp("free_trial_started_at"),
                Check.timestamp("created_at"), Check.timestamp("updated_at"));
    }

    @Override public List<Column> typed() {
        return List.of(
                Ids.column(Ids.CUSTOMER, col("data_source_uuid"), col("external_id")).as(UUID),
                col("data_source_uuid").as(DATA_SOURCE_UUID), col("external_id").as(EXTERNAL_ID),
                col("name").as(FULL_NAME), col("company").as(DESCRIPTION), col("email").as(EMAIL),
                col("country").as(COUNTRY), col("state").as(STATE), col("city").as(CITY),
                col("zip").as(ADDRESS_ZIP), col("website_url").as(WEBSITE_URL),
                Values.parsedTimestamp("lead_created_at").as(LEAD_CREATED_AT),
                Values.parsedTimestamp("free_trial_started_at").as(FREE_TRIAL_STARTED_AT),
                Values.parsedTimestamp("created_at").as(CREATED_AT),
                Values.parsedTimestamp("updated_at").as(UPDATED_AT),
                col("lead_status").as(LEAD_STATUS));
    }

    @Override public List<String> key() { return List.of(DATA_SOURCE_UUID, EXTERNAL_ID); }

    @Override public String updatedAt() { return UPDATED_AT; }

    /**
     * UNMAPPED_ATTRIBUTES: the unknown extra fields, plus lead_status, the one landing field that has
     * no column of its own in source.customers (the calculated customer's status falls back to it).
     */
    static Column unmappedAttributes() {
        Column extra = coalesce(from_json(col(RawColumns.UNMAPPED),
                        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)),
                map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
        Column all = when(col(LEAD_STATUS).isNotNull(), map_concat(extra, map(lit("lead_status"), col(LEAD_STATUS))))
                .otherwise(extra);
        return when(size(all).gt(0), to_json(all));
    }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, EXTERNAL_ID, CUSTOMER_UUID, FULL_NAME,
            DESCRIPTION, EMAIL, COUNTRY, STATE, CITY, ADDRESS_ZIP, WEBSITE_URL, LEAD_CREATED_AT,
            FREE_TRIAL_STARTED_AT, CREATED_AT, UPDATED_AT, UNMAPPED_ATTRIBUTES);
}
