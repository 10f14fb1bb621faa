package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.model.Columns;
import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A subscription is (data_source_uuid, subscription_external_id) whatever invoice its items are on
 * (docs/MRR.md "A subscription over time"), so it belongs to one calculated customer: the customer
 * of its first item in the ledger's order (service_period_start, event_order nulls last, invoice
 * date, item external id). Each customer's ledger runs on its own, so an item of the same
 * subscription on another customer's invoice would start the subscription a second time and its MRR
 * would be counted twice; such an item is a {@code duplicate_key} reject naming the owner instead.
 * Merged customers are one calculated customer and share their subscriptions as before.
 */
final class SubscriptionOwners {
    private SubscriptionOwners() {}

    /** The customer that holds the item's subscription, when it is not the item's own; else null. */
    static final String OTHER_OWNER = "SUBSCRIPTION_OWNER";
    static final String REASON_CODE = "duplicate_key";

    private static final List<String> KEY = List.of(Columns.DATA_SOURCE_UUID, SUBSCRIPTION_EXTERNAL_ID);
    private static final List<String> OWNER_KEY = List.of("O_DS", "O_SUB");
    private static final String OWNER = "O_OWNER";

    /**
     * The owner of each subscription that has items of two or more customers: O_DS, O_SUB (the key)
     * and O_OWNER (the customer of its first item). Such subscriptions are found by the smallest and
     * largest hashes of their items' customers (two independent hashes, so the check aggregates
     * fixed-width values in a hash map, where the customers' strings would make Spark sort every
     * item); only their items decide an owner. In billing data they are few (none in the generator's),
     * so the result is small and {@link #mark} broadcasts it.
     *
     * @param items the subscription items that count (not excluded, not after the as-of), with
     *              CUSTOMER_UUID and the ledger's order columns
     */
    static Dataset<Row> of(Dataset<Row> items) {
        Column h1 = xxhash64(col(Columns.CUSTOMER_UUID));
        Column h2 = hash(col(Columns.CUSTOMER_UUID));
        Dataset<Row> contested = byKey(items)
                .agg(min(h1).as("L1"), max(h1).as("H1"), min(h2).as("L2"), max(h2).as("H2"))
                .where(col("L1").notEqual(col("H1")).or(col("L2").notEqual(col("H2"))))
                .select(col(OWNER_KEY.get(0)), col(OWNER_KEY.get(1)));
        Column first = min(struct(col(SERVICE_PERIOD_START), col(EVENT_ORDER).isNull().as("NO_ORDER"),
                col(EVENT_ORDER), col(INVOICED_AT), col(Columns.EXTERNAL_ID), col(Columns.UUID),
                col(Columns.CUSTOMER_UUID)));
        return byKey(items.join(broadcast(contested), SortKeys.joinOn(KEY, OWNER_KEY), "left_semi"))
                .agg(first.as("O_FIRST"))
                .select(col(OWNER_KEY.get(0)), col(OWNER_KEY.get(1)), col("O_FIRST." + Columns.CUSTOMER_UUID).as(OWNER));
    }

    /** The items grouped by subscription, the key named OWNER_KEY. */
    private static org.apache.spark.sql.RelationalGroupedDataset byKey(Dataset<Row> items) {
        return items.groupBy(col(KEY.get(0)).as(OWNER_KEY.get(0)), col(KEY.get(1)).as(OWNER_KEY.get(1)));
    }

    /** Adds {@link #OTHER_OWNER} to items with CUSTOMER_UUID, from {@link #of}'s owners (joined broadcast). */
    static Dataset<Row> mark(Dataset<Row> items, Dataset<Row> owners) {
        return items.join(broadcast(owners), SortKeys.joinOn(KEY, OWNER_KEY), "left")
                .withColumn(OTHER_OWNER, when(col(OWNER).notEqual(col(Columns.CUSTOMER_UUID)), col(OWNER)))
                .drop(OWNER_KEY.get(0), OWNER_KEY.get(1), OWNER);
    }

    /** The reject's detail: whose subscription it is and whose invoice the item is on. */
    static Column detail() {
        return concat(lit("subscription "), col(SUBSCRIPTION_EXTERNAL_ID), lit(" of data source "), col(Columns.DATA_SOURCE_UUID),
                lit(" belongs to customer "), col(OTHER_OWNER), lit(" (its first item); this item is on an invoice of customer "),
                col(Columns.CUSTOMER_UUID));
    }
}
