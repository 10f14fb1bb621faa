package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.mrr.ledger.CustomerLedger;
import io.mrrlake.mrr.ledger.LedgerItem;
import io.mrrlake.mrr.ledger.LedgerResult;
import io.mrrlake.mrr.ledger.LedgerTrace;
import io.mrrlake.mrr.ledger.SubscriptionEvent;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Step 2 of the engine: each customer's items and events, grouped on the executors, through the
 * pure-Java {@link CustomerLedger}; one output row per customer ({@link LedgerSchema#OUTPUT}).
 */
final class LedgerStage {
    private LedgerStage() {}

    static Dataset<Row> run(Dataset<Row> items, Dataset<Row> events, MrrSettings settings, Instant asOf) {
        MapFunction<Row, String> byCustomer = r -> r.getAs(Columns.CUSTOMER_UUID);
        return fresh(items).groupByKey(byCustomer, Encoders.STRING())
                .cogroup(fresh(events).groupByKey(byCustomer, Encoders.STRING()), new RunLedger(settings, asOf),
                        Encoders.row(LedgerSchema.OUTPUT))
                .where(col(Columns.CUSTOMER_UUID).isNotNull());
    }

    /**
     * The same columns under new attribute ids: both sides of the cogroup descend from the same
     * invoices, and cogroup does not de-duplicate shared attributes (the plan then fails with
     * "Couldn't find CUSTOMER_UUID#…").
     */
    private static Dataset<Row> fresh(Dataset<Row> df) {
        return df.select(java.util.Arrays.stream(df.columns()).map(c -> col(c).as(c)).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Runs on the executors: one customer's rows in, one customer's ledger row out. */
    static final class RunLedger implements CoGroupFunction<String, Row, Row, Row> {
        private final MrrSettings settings;
        private final Instant asOf;

        RunLedger(MrrSettings settings, Instant asOf) {
            this.settings = settings;
            this.asOf = asOf;
        }

        @Override
        public Iterator<Row> call(String customer, Iterator<Row> itemRows, Iterator<Row> eventRows) {
            LedgerResult result = ledger(customer, itemRows, eventRows, settings, asOf, null);
            if (result == null) return List.<Row>of().iterator();
            return List.of(LedgerSchema.toRow(customer, result)).iterator();
        }
    }

    /**
     * One customer's ledger from its item-fact and event rows: the run calls it on the executors with no
     * trace, the explain command on the driver with one. Null for a customer without items.
     */
    static LedgerResult ledger(String customer, Iterator<Row> itemRows, Iterator<Row> eventRows,
                               MrrSettings settings, Instant asOf, LedgerTrace trace) {
        List<LedgerItem> items = new ArrayList<>();
        itemRows.forEachRemaining(r -> items.add(LedgerInputs.item(r)));
        List<SubscriptionEvent> events = new ArrayList<>();
        eventRows.forEachRemaining(r -> events.add(LedgerInputs.event(r)));
        if (items.isEmpty()) return null;
        return CustomerLedger.run(customer, items, events, settings, asOf, trace);
    }
}
