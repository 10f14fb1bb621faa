package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs on an executor: sends one partition's candidate movements, sorted by customer, DATE and RANK,
 * one at a time, and returns one ledger row per movement. Lazy: a movement is sent when its result row
 * is pulled, so a partition is never held in memory. Once a customer's movement fails every attempt,
 * that customer's later movements in the run are not sent (recorded {@code blocked}) when failed ones
 * are retried next run, so the receiver still sees each customer's movements in order. Each result
 * is written to the task's {@link ResultJournal} before the next movement is sent, and a retried task
 * answers from its earlier attempts' journal instead of sending again.
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
    private final String journalDir;
    private final SerializableConfiguration conf;

    PartitionDelivery(WebhookEndpoint endpoint, Instant asOf, String batchId, String journalDir,
                      SerializableConfiguration conf) {
        this.endpoint = endpoint;
        this.asOf = asOf;
        this.batchId = batchId;
        this.journalDir = journalDir;
        this.conf = conf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> movements) {
        TaskContext task = TaskContext.get();
        return deliver(movements, task, task == null ? 0 : task.partitionId(), task == null ? 0 : task.taskAttemptId());
    }

    /**
     * The partition's results; {@code task} may be null outside a Spark task (then nothing can kill it).
     * {@code attemptId} names this attempt's journal file.
     */
    Iterator<Row> deliver(Iterator<Row> movements, TaskContext task, int partition, long attemptId) {
        WebhookSender sender = new WebhookSender(endpoint);
        Map<String, Row> earlier = ResultJournal.deliveredEarlier(conf.value(), journalDir, partition);
        ResultJournal journal = ResultJournal.open(conf.value(), journalDir, partition, attemptId);
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeQuietly(journal));
        }
        return new Iterator<>() {
            private String blockedCustomer;

            @Override
            public boolean hasNext() {
                boolean more = movements.hasNext();
                if (!more) {
                    closeQuietly(journal);
                }
                return more;
            }

            @Override
            public Row next() {
                if (!movements.hasNext()) {
                    throw new NoSuchElementException();
                }
                Row m = movements.next();
                String uuid = m.getAs(M_UUID);
                String customer = m.getAs(M_CUSTOMER_UUID);
                Row answered = earlier.get(uuid);
                if (answered != null) {
                    return answered;
                }
                if (customer != null && customer.equals(blockedCustomer)) {
                    return recorded(result(m, STATUS_BLOCKED, 0, null,
                            "not sent: an earlier movement of this customer failed", null, null, null));
                }
                // A cancelled job (or a killed stage) stops sending between movements.
                if (task != null) {
                    task.killTaskIfInterrupted();
                }
                DeliveryResult r = sender.deliver(uuid, MovementPayload.json(m));
                if (!r.delivered() && endpoint.retryFailed()) {
                    blockedCustomer = customer;
                }
                return recorded(result(m, r.delivered() ? STATUS_DELIVERED : STATUS_FAILED, r.attempts(),
                        r.lastStatusCode(), r.lastError(), r.firstAttemptAt(), r.lastAttemptAt(),
                        r.delivered() ? r.lastAttemptAt() : null));
            }

            private Row recorded(Row result) {
                journal.record(result);
                return result;
            }
        };
    }

    private static void closeQuietly(ResultJournal journal) {
        try {
            journal.close();
        } catch (IOException e) {
            // Every line was flushed when it was written; a failed close loses none of them.
        }
    }

    private Row result(Row m, String status, int attempts, Integer code, String error, Instant first,
                       Instant last, Instant deliveredAt) {
        Object date = m.getAs(M_DATE);
        Timestamp movementDate = date instanceof Instant i ? Timestamp.from(i) : (Timestamp) date;
        return new GenericRowWithSchema(new Object[] {endpoint.name(), m.getAs(M_UUID), m.getAs(M_CUSTOMER_UUID),
                movementDate, status, attempts, code, error, ts(first), ts(last), ts(deliveredAt), Timestamp.from(asOf),
                batchId}, RESULT_SCHEMA);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
