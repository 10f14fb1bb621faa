package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which movements go to an endpoint in this run, as small Spark transformations: the movements of the
 * window (watermark, as-of], plus those the ledger holds as failed or blocked when {@code retry_failed},
 * minus every movement the ledger holds as delivered; each joined to its calculated customer.
 */
final class Candidates {
    static final String LEDGER_STATUS = "_LEDGER_STATUS";

    private Candidates() {}

    /** Fails early, naming the columns that are missing. */
    static void requireColumns(Dataset<Row> ds, String what, String... columns) {
        List<String> have = Arrays.asList(ds.columns());
        List<String> missing = Arrays.stream(columns).filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + " lacks columns " + missing + "; has " + have);
        }
    }

    static Dataset<Row> selectMovementInput(Dataset<Row> movements) {
        return movements.select(Arrays.stream(MOVEMENT_INPUT).map(c -> col(c)).toArray(Column[]::new))
                .dropDuplicates(M_UUID);
    }

    /**
     * Adds the endpoint's ledger status of each movement (null when never attempted). One status per
     * movement even if the ledger holds two rows for it (only runs that overlapped against the
     * contract, each appending the same movement, can leave that): delivered wins, so the movement
     * is not sent again, and each movement stays one candidate, which a later MERGE needs.
     */
    static Dataset<Row> withLedgerStatus(Dataset<Row> movements, Dataset<Row> endpointLedger) {
        Dataset<Row> status = endpointLedger.groupBy(col(L_MOVEMENT_UUID))
                .agg(max(struct(col(L_STATUS).equalTo(lit(STATUS_DELIVERED)).as("delivered"), col(L_STATUS)))
                        .getField(L_STATUS).as(LEDGER_STATUS));
        return movements.join(status, movements.col(M_UUID).equalTo(status.col(L_MOVEMENT_UUID)), "left")
                .drop(status.col(L_MOVEMENT_UUID));
    }

    static Column inWindow(Instant watermark, Instant asOf) {
        return col(M_DATE).gt(lit(Timestamp.from(watermark))).and(col(M_DATE).leq(lit(Timestamp.from(asOf))));
    }

    static Dataset<Row> filterToSend(Dataset<Row> withStatus, Instant watermark, Instant asOf, boolean retryFailed) {
        return withStatus.filter(toSend(watermark, asOf, retryFailed));
    }

    /** New in the window, or (with {@code retryFailed}) failed or blocked in the ledger. */
    private static Column toSend(Instant watermark, Instant asOf, boolean retryFailed) {
        Column fresh = col(LEDGER_STATUS).isNull().and(inWindow(watermark, asOf));
        Column retry = col(LEDGER_STATUS).isin(STATUS_FAILED, STATUS_BLOCKED);
        return retryFailed ? fresh.or(retry) : fresh;
    }

    /** In the window and delivered by an earlier run. */
    private static Column alreadyDelivered(Instant watermark, Instant asOf) {
        return col(LEDGER_STATUS).equalTo(lit(STATUS_DELIVERED)).and(inWindow(watermark, asOf));
    }

    /** How many movements an endpoint's pass sends, how many of them are retries, and how many it skips as delivered. */
    record Sizes(long toSend, long retries, long alreadyDelivered) {}

    /**
     * {@link Sizes} of the movements with their ledger status ({@link #withLedgerStatus}), in one
     * Spark job: the candidates are {@link #filterToSend}'s rows, each kept once by the customer join
     * ({@link #withCustomer} joins distinct customers on the left).
     */
    static Sizes sizes(Dataset<Row> withStatus, Instant watermark, Instant asOf, boolean retryFailed) {
        Column send = toSend(watermark, asOf, retryFailed);
        Row r = withStatus.agg(
                count(when(send, lit(1))),
                count(when(send.and(col(LEDGER_STATUS).isNotNull()), lit(1))),
                count(when(alreadyDelivered(watermark, asOf), lit(1)))).first();
        return new Sizes(r.getLong(0), r.getLong(1), r.getLong(2));
    }

    /** Joins the calculated customer, its columns prefixed {@link WebhookColumns#CUSTOMER_PREFIX}. */
    static Dataset<Row> withCustomer(Dataset<Row> movements, Dataset<Row> customers) {
        Dataset<Row> c = customers
                .select(Arrays.stream(CUSTOMER_INPUT).map(n -> col(n).as(customer(n))).toArray(Column[]::new))
                .dropDuplicates(customer(C_UUID));
        return movements.join(c, movements.col(M_CUSTOMER_UUID).equalTo(c.col(customer(C_UUID))), "left");
    }

    /** The batches ({@link #withBatch}) holding a movement that the ledger held when the run began. */
    static Set<Integer> batchesWithRetries(Dataset<Row> batched) {
        return batched.filter(col(LEDGER_STATUS).isNotNull()).select(col(BATCH)).distinct().collectAsList()
                .stream().map(r -> r.getInt(0)).collect(Collectors.toSet());
    }

    /** Spreads customers over batches; a customer's movements all fall in one batch, so its order holds. */
    static Dataset<Row> withBatch(Dataset<Row> candidates, int batches) {
        return candidates.withColumn(BATCH, pmod(xxhash64(col(M_CUSTOMER_UUID)), lit(batches)).cast("int"));
    }
}
