package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.mrrlake.model.Columns;
import io.mrrlake.model.EventType;
import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Subscription events that can end a subscription (cancellations and withdrawals of scheduled
 * cancellations), keyed by the calculated customer that holds the subscription's items.
 */
final class CancellationFacts {
    private CancellationFacts() {}

    static Dataset<Row> build(Dataset<Row> events, Dataset<Row> itemFacts, Instant asOf) {
        // The subscription belongs to the customer of its items (not of the event's own customer
        // field), so a cancellation always meets the items it ends.
        Dataset<Row> owners = itemFacts.select(col(Columns.DATA_SOURCE_UUID).as("O_DS"),
                col(SUBSCRIPTION_EXTERNAL_ID).as("O_SUB"), col(Columns.CUSTOMER_UUID)).distinct();
        return events
                .where(col(EVENT_TYPE).isin(EventType.SUBSCRIPTION_CANCELLED.ordinal(),
                                EventType.SCHEDULED_SUBSCRIPTION_CANCELLATION_RETRACTED.ordinal())
                        .and(coalesce(col(EVENT_DATE), col(EFFECTIVE_DATE)).leq(lit(Timestamp.from(asOf)))))
                .select(col(Columns.DATA_SOURCE_UUID), col(SUBSCRIPTION_EXTERNAL_ID), col(EVENT_TYPE),
                        col(EVENT_DATE), col(EFFECTIVE_DATE), col(RETRACTED))
                .join(owners, SortKeys.joinOn(List.of(Columns.DATA_SOURCE_UUID, SUBSCRIPTION_EXTERNAL_ID), List.of("O_DS", "O_SUB")), "inner")
                .drop("O_DS", "O_SUB");
    }
}
