package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * Step 2 of the engine: each customer's items and events, grouped on the executors, through the
 * pure-Java {@link CustomerLedger}; one output row per customer ({@link LedgerSchema#OUTPUT}).
 */
final class LedgerStage {
    private static final String LEDGER = "_LEDGER";
    /** The name of the function that decodes a ledger row, as plans show it. */
    static final String DECODE = "decode_ledger";

    private LedgerStage() {}

    static Dataset<Row> run(Dataset<Row> items, Dataset<Row> events, MrrSettings settings, Instant asOf) {
        MapFunction<Row, String> byCustomer = r -> r.getAs(Columns.CUSTOMER_UUID);
        Dataset<byte[]> ledgers = fresh(items, LedgerInputs.ITEM_COLUMNS).groupByKey(byCustomer, Encoders.STRING())
                .cogroup(fresh(events, LedgerInputs.EVENT_COLUMNS).groupByKey(byCustomer, Encoders.STRING()),
                        new RunLedger(settings, asOf),
                        Encoders.BINARY());
        // One projection decodes the row; the columns are then read from it (Spark does not inline
        // a function call into each field that reads it).
        UserDefinedFunction decode = udf((UDF1<byte[], Row>) LedgerBytes::decode, LedgerSchema.OUTPUT)
                .withName(DECODE);
        return ledgers.select(decode.apply(col("value")).as(LEDGER)).select(col(LEDGER + ".*"));
    }

    /**
     * The columns the ledger reads, under new attribute ids: both sides of the cogroup descend from
     * the same invoices, and cogroup does not de-duplicate shared attributes (the plan then fails
     * with "Couldn't find CUSTOMER_UUID#…").
     */
    private static Dataset<Row> fresh(Dataset<Row> df, List<String> columns) {
        return df.select(columns.stream().map(c -> col(c).as(c)).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Runs on the executors: one customer's rows in, one customer's ledger row out ({@link LedgerBytes}). */
    static final class RunLedger implements CoGroupFunction<String, Row, Row, byte[]> {
        private final MrrSettings settings;
        private final Instant asOf;

        RunLedger(MrrSettings settings, Instant asOf) {
            this.settings = settings;
            this.asOf = asOf;
        }

        @Override
        public Iterator<byte[]> call(String customer, Iterator<Row> itemRows, Iterator<Row> eventRows) {
            // Items without a calculated customer have no ledger.
            if (customer == null) return Collections.emptyIterator();
            LedgerResult result = ledger(customer, itemRows, eventRows, settings, asOf, null);
            if (result == null) return Collections.emptyIterator();
            return List.of(LedgerBytes.encode(LedgerSchema.toRow(customer, result))).iterator();
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
