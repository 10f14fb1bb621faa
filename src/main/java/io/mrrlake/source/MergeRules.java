package io.mrrlake.source;

import static org.apache.spark.sql.functions.col;

import java.util.List;

import io.mrrlake.customers.CustomerMerging;
import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import org.apache.spark.sql.Column;

/** customer_merges: one record per (from, into) pair. */
final class MergeRules implements KindRules {
    static final String MERGED_AT = "MERGED_AT";

    @Override public LandingKind kind() { return LandingKind.CUSTOMER_MERGES; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("from_data_source_uuid"), Check.required("from_external_id"),
                Check.required("into_data_source_uuid"), Check.required("into_external_id"),
                Check.timestamp("merged_at"));
    }

    @Override public List<Column> typed() {
        return List.of(
                col("from_data_source_uuid").as(CustomerMerging.FROM_DATA_SOURCE_UUID),
                col("from_external_id").as(CustomerMerging.FROM_EXTERNAL_ID),
                col("into_data_source_uuid").as(CustomerMerging.INTO_DATA_SOURCE_UUID),
                col("into_external_id").as(CustomerMerging.INTO_EXTERNAL_ID),
                Values.parsedTimestamp("merged_at").as(MERGED_AT));
    }

    @Override public List<String> key() {
        return List.of(CustomerMerging.FROM_DATA_SOURCE_UUID, CustomerMerging.FROM_EXTERNAL_ID,
                CustomerMerging.INTO_DATA_SOURCE_UUID, CustomerMerging.INTO_EXTERNAL_ID);
    }
}
