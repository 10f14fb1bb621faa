package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs on an executor: sends one partition's candidate movements, sorted by customer, DATE and RANK,
 * one at a time, and returns one ledger row per movement. Lazy: a movement is sent when its result row
 * is pulled, so a partition is never held in memory. Once a customer's movement fails every attempt,
 * that customer's later movements in the run are not sent (recorded {@code blocked}) when failed ones
 * are retried next run, so the receiver still sees each customer's movements in order.
 */
final class PartitionDelivery implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType RESULT_SCHEMA = new StructType()
            .add(L_ENDPOINT, DataTypes.StringType, false)
            .add(L_MOVEMENT_UUID, DataTypes.StringType, false)
            .add(L_CUSTOMER_UUID, DataTypes.StringType, true)
            .add(L_MOVEMENT_DATE, DataTypes.TimestampType, true)
            .add(L_STATUS, DataTypes.StringType, false)
            .add(L_ATTEMPTS, DataTypes.IntegerType, false)
            .add(L_LAST_STATUS_CODE, DataTypes.IntegerType, true)
            .add(L_LAST_ERROR, DataTypes.StringType, true)
            .add(L_FIRST_ATTEMPT_AT, DataTypes.TimestampType, true)
            .add(L_LAST_ATTEMPT_AT, DataTypes.TimestampType, true)
            .add(L_DELIVERED_AT, DataTypes.TimestampType, true)
            .add(L_AS_OF, DataTypes.TimestampType, false)
            .add(L_BATCH_ID, DataTypes.StringType, false);

    private final WebhookEndpoint endpoint;
    private final Instant asOf;
    private final String batchId;

    PartitionDelivery(WebhookEndpoint endpoint, Instant asOf, String batchId) {
        this.endpoint = endpoint;
        this.asOf = asOf;
        this.batchId = batchId;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> movements) {
        WebhookSender sender = new WebhookSender(endpoint);
        TaskContext task = TaskContext.get();
        return new Iterator<>() {
            private String blockedCustomer;

            @Override
            public boolean hasNext() {
                return movements.hasNext();
            }

            @Override
            public Row next() {
                if (!movements.hasNext()) {
                    throw new NoSuchElementException();
                }
                Row m = movements.next();
                String uuid = m.getAs(M_UUID);
                String customer = m.getAs(M_CUSTOMER_UUID);
                if (customer != null && customer.equals(blockedCustomer)) {
                    return result(m, STATUS_BLOCKED, 0, null,
                            "not sent: an earlier movement of this customer failed", null, null, null);
                }
                // A cancelled job (or a killed stage) stops sending between movements.
                if (task != null) {
                    task.killTaskIfInterrupted();
                }
                DeliveryResult r = sender.deliver(uuid, MovementPayload.json(m));
                if (!r.delivered() && endpoint.retryFailed()) {
                    blockedCustomer = customer;
                }
                return result(m, r.delivered() ? STATUS_DELIVERED : STATUS_FAILED, r.attempts(), r.lastStatusCode(),
                        r.lastError(), r.firstAttemptAt(), r.lastAttemptAt(), r.delivered() ? r.lastAttemptAt() : null);
            }
        };
    }

    private Row result(Row m, String status, int attempts, Integer code, String error, Instant first,
                       Instant last, Instant deliveredAt) {
        Object date = m.getAs(M_DATE);
        Timestamp movementDate = date instanceof Instant i ? Timestamp.from(i) : (Timestamp) date;
        return RowFactory.create(endpoint.name(), m.getAs(M_UUID), m.getAs(M_CUSTOMER_UUID), movementDate, status,
                attempts, code, error, ts(first), ts(last), ts(deliveredAt), Timestamp.from(asOf), batchId);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
