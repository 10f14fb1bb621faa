package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * calculated/customers (docs/MRR.md "Calculated customers" and "Customer status"): the merged customer's attributes (primary
 * first, then the others by creation, data source and external id), joined to its ledger state.
 */
final class CalculatedCustomers {
    private CalculatedCustomers() {}

    private static final String RECS = "RECS";
    private static final String[] FIELDS = {FULL_NAME, EMAIL, DESCRIPTION, COUNTRY, STATE, CITY, ADDRESS_ZIP,
            LEAD_CREATED_AT, FREE_TRIAL_STARTED_AT, LEAD_STATUS};

    /** UUID, NAME, EXTERNAL_ID, … : the merged attributes only (also used to name movements). */
    static Dataset<Row> attributes(Dataset<Row> sourceCustomers) {
        Column leadStatus = Arrays.asList(sourceCustomers.columns()).contains(LEAD_STATUS)
                ? col(LEAD_STATUS) : get_json_object(col(UNMAPPED_ATTRIBUTES), "$.lead_status");
        Column record = struct(
                col(Columns.UUID).notEqual(col(Columns.CUSTOMER_UUID)).as("O1"),
                coalesce(col(CREATED_AT), lit(java.sql.Timestamp.valueOf("9999-12-31 00:00:00"))).as("O2"),
                col(Columns.DATA_SOURCE_UUID), col(Columns.EXTERNAL_ID),
                col(FULL_NAME), col(EMAIL), col(DESCRIPTION), col(COUNTRY), col(STATE), col(CITY), col(ADDRESS_ZIP),
                col(LEAD_CREATED_AT), col(FREE_TRIAL_STARTED_AT), leadStatus.as(LEAD_STATUS));
        Dataset<Row> grouped = sourceCustomers.groupBy(col(Columns.CUSTOMER_UUID)).agg(
                array_sort(collect_list(record)).as(RECS),
                array_sort(collect_set(col(Columns.EXTERNAL_ID))).as(EXTERNAL_IDS),
                array_sort(collect_set(col(Columns.DATA_SOURCE_UUID))).as(DATA_SOURCE_UUIDS));
        for (String f : FIELDS) {
            // The primary's value, else the first other record that has one.
            grouped = grouped.withColumn(f, expr("try_element_at(filter(" + RECS + ", r -> r." + f + " IS NOT NULL), 1)." + f));
        }
        return grouped
                .withColumn(Columns.EXTERNAL_ID, expr("try_element_at(" + RECS + ", 1)." + Columns.EXTERNAL_ID))
                .withColumn(Columns.DATA_SOURCE_UUID, expr("try_element_at(" + RECS + ", 1)." + Columns.DATA_SOURCE_UUID))
                .withColumnRenamed(Columns.CUSTOMER_UUID, Columns.UUID)
                .withColumnRenamed(FULL_NAME, NAME)
                .withColumnRenamed(DESCRIPTION, COMPANY)
                .drop(RECS);
    }

    static Dataset<Row> build(Dataset<Row> attributes, Dataset<Row> summaries, Dataset<Row> netPayments,
                              Dataset<Row> tags, Dataset<Row> customAttributes, Dataset<Row> sourceCustomers,
                              MrrSettings settings, Timestamp asOf) {
        Dataset<Row> tagLists = tags.groupBy(col(Columns.CUSTOMER_UUID).as("T_UUID"))
                .agg(array_sort(collect_set(col(TAG))).as(TAGS));
        Dataset<Row> custom = customAttributesJson(customAttributes, sourceCustomers);
        Dataset<Row> s = summaries.withColumnRenamed(Columns.CUSTOMER_UUID, "S_UUID")
                .withColumnRenamed(MRR, "S_MRR").withColumnRenamed(LedgerSchema.STATUS, "S_STATUS");
        Dataset<Row> p = netPayments.withColumnRenamed(Columns.CUSTOMER_UUID, "P_UUID");
        return attributes
                .join(s, col(Columns.UUID).equalTo(col("S_UUID")), "left")
                .join(p, col(Columns.UUID).equalTo(col("P_UUID")), "left")
                .join(tagLists, col(Columns.UUID).equalTo(col("T_UUID")), "left")
                .join(custom, col(Columns.UUID).equalTo(col("A_UUID")), "left")
                .select(col(Columns.UUID), col(NAME), col(EMAIL), col(COMPANY), col(COUNTRY), col(STATE), col(CITY),
                        col(ADDRESS_ZIP), col(Columns.EXTERNAL_ID), col(EXTERNAL_IDS), col(Columns.DATA_SOURCE_UUID),
                        col(DATA_SOURCE_UUIDS),
                        coalesce(col("S_STATUS"), col(LEAD_STATUS), lit("New Lead")).as(STATUS),
                        col(LEAD_CREATED_AT), col(FREE_TRIAL_STARTED_AT),
                        col(LedgerSchema.SUBSCRIBER_SINCE).as(SUBSCRIBER_SINCE),
                        coalesce(col("S_MRR"), lit(0L)).as(MRR), coalesce(col("S_MRR"), lit(0L)).multiply(12L).as(ARR),
                        lit(settings.accountCurrency()).as(CURRENCY), col(LedgerSchema.PLAN_NAMES).as(PLAN_NAME),
                        col(LedgerSchema.BILLING_CYCLES).as(BILLING_CYCLE),
                        coalesce(col(NET_PAYMENTS), lit(0L)).cast("long").as(NET_PAYMENTS),
                        coalesce(col(TAGS), array().cast("array<string>")).as(TAGS),
                        coalesce(col(CUSTOM_ATTRIBUTES), lit("{}")).as(CUSTOM_ATTRIBUTES),
                        lit(asOf).as(Columns.AS_OF));
    }

    /** One JSON object per customer; on a key in several records the primary's value wins. */
    private static Dataset<Row> customAttributesJson(Dataset<Row> customAttributes, Dataset<Row> sourceCustomers) {
        Dataset<Row> primaries = sourceCustomers.where(col(Columns.UUID).equalTo(col(Columns.CUSTOMER_UUID)))
                .select(col(Columns.DATA_SOURCE_UUID).as("P_DS"), col(Columns.EXTERNAL_ID).as("P_EXT"));
        Column isPrimary = col("P_DS").isNotNull();
        Dataset<Row> ranked = customAttributes
                .join(primaries, SortKeys.joinOn(List.of(Columns.DATA_SOURCE_UUID, CUSTOMER_EXTERNAL_ID), List.of("P_DS", "P_EXT")), "left")
                .groupBy(col(Columns.CUSTOMER_UUID), col(KEY))
                .agg(array_sort(collect_list(struct(not(isPrimary).as("O1"), col(Columns.DATA_SOURCE_UUID),
                        col(CUSTOMER_EXTERNAL_ID), col(VALUE)))).as("VALS"))
                .withColumn(VALUE, expr("try_element_at(VALS, 1)." + VALUE));
        return ranked.groupBy(col(Columns.CUSTOMER_UUID).as("A_UUID"))
                .agg(to_json(map_from_entries(array_sort(collect_list(struct(col(KEY), col(VALUE)))))).as(CUSTOM_ATTRIBUTES));
    }
}
