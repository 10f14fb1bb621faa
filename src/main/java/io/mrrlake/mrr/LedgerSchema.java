package io.mrrlake.mrr;

import static org.apache.spark.sql.types.DataTypes.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.model.Columns;
import io.mrrlake.mrr.ledger.CountChange;
import io.mrrlake.mrr.ledger.FxImpact;
import io.mrrlake.mrr.ledger.Interval;
import io.mrrlake.mrr.ledger.LedgerResult;
import io.mrrlake.mrr.ledger.Movement;
import io.mrrlake.mrr.ledger.SubscriptionState;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The ledger's output as one row per customer with nested arrays. Instants travel as epoch
 * microseconds (converted with timestamp_micros), so the encoding does not depend on
 * spark.sql.datetime.java8API.enabled.
 */
final class LedgerSchema {
    private LedgerSchema() {}

    static final String MOVEMENTS = "MOVEMENTS";
    static final String INTERVALS = "INTERVALS";
    static final String SUBSCRIPTIONS = "SUBSCRIPTIONS";
    static final String FX = "FX";
    static final String COUNTS = "COUNTS";
    static final String MRR = "MRR";
    static final String STATUS = "STATUS";
    static final String SUBSCRIBER_SINCE = "SUBSCRIBER_SINCE";
    static final String PLAN_NAMES = "PLAN_NAMES";
    static final String BILLING_CYCLES = "BILLING_CYCLES";
    static final String DELTA = "DELTA";

    static final StructType MOVEMENT = new StructType()
            .add(Columns.UUID, StringType).add("DATE", LongType).add("RANK", IntegerType)
            .add(Columns.DATA_SOURCE_UUID, StringType).add("SUBSCRIPTION_EXTERNAL_ID", StringType)
            .add("PLAN_EXTERNAL_ID", StringType).add("PREVIOUS_PLAN_EXTERNAL_ID", StringType)
            .add("MOVEMENT_TYPE", StringType).add("MRR_MOVEMENT", LongType).add("MRR", LongType)
            .add("INVOICE_CURRENCY", StringType).add("MRR_MOVEMENT_IN_INVOICE_CURRENCY", LongType)
            .add("ACTIVE_SUBSCRIPTION_QUANTITY", LongType).add("DESCRIPTION", StringType);

    static final StructType INTERVAL = new StructType()
            .add(Columns.DATA_SOURCE_UUID, StringType).add("SUBSCRIPTION_EXTERNAL_ID", StringType)
            .add("SUBSCRIPTION_SET_EXTERNAL_ID", StringType).add("PLAN_UUID", StringType)
            .add("START_DATE", LongType).add("END_DATE", LongType).add("MRR", LongType)
            .add("MRR_IN_INVOICE_CURRENCY", LongType).add("INVOICE_CURRENCY", StringType)
            .add("QUANTITY", LongType).add("IS_FREE", BooleanType).add("IS_TRIAL", BooleanType);

    static final StructType SUBSCRIPTION = new StructType()
            .add(Columns.DATA_SOURCE_UUID, StringType).add("SUBSCRIPTION_EXTERNAL_ID", StringType)
            .add("SUBSCRIPTION_SET_EXTERNAL_ID", StringType).add("PLAN_UUID", StringType)
            .add("PLAN_NAME", StringType).add("QUANTITY", LongType).add("MRR", LongType)
            .add("BILLING_CURRENCY", StringType).add("INTERVAL_UNIT", StringType).add("INTERVAL_COUNT", IntegerType)
            .add("STATUS", StringType).add("STARTED_AT", LongType).add("CANCELLED_AT", LongType);

    static final StructType FX_IMPACT = new StructType()
            .add("DATE", LongType).add(Columns.DATA_SOURCE_UUID, StringType)
            .add("SUBSCRIPTION_EXTERNAL_ID", StringType).add("FX_IMPACT", LongType);

    static final StructType COUNT = new StructType().add("MONTH", StringType).add(DELTA, IntegerType);

    static final StructType OUTPUT = new StructType()
            .add(Columns.CUSTOMER_UUID, StringType).add(MRR, LongType).add(STATUS, StringType)
            .add(SUBSCRIBER_SINCE, LongType).add(PLAN_NAMES, StringType).add(BILLING_CYCLES, StringType)
            .add(MOVEMENTS, createArrayType(MOVEMENT)).add(INTERVALS, createArrayType(INTERVAL))
            .add(SUBSCRIPTIONS, createArrayType(SUBSCRIPTION)).add(FX, createArrayType(FX_IMPACT))
            .add(COUNTS, createArrayType(COUNT));

    static Row toRow(String customerUuid, LedgerResult r) {
        List<Row> movements = new ArrayList<>();
        for (Movement m : r.movements()) {
            movements.add(RowFactory.create(m.uuid(), micros(m.date()), m.rank(), m.dataSourceUuid(),
                    m.subscriptionExternalId(), m.planExternalId(), m.previousPlanExternalId(), m.type().wireName(),
                    m.mrrMovement(), m.mrr(), m.invoiceCurrency(), m.mrrMovementInInvoiceCurrency(), m.quantity(),
                    m.description()));
        }
        List<Row> intervals = new ArrayList<>();
        for (Interval i : r.intervals()) {
            intervals.add(RowFactory.create(i.dataSourceUuid(), i.subscriptionExternalId(),
                    i.subscriptionSetExternalId(), i.planUuid(), micros(i.start()), micros(i.end()), i.mrr(),
                    i.mrrInInvoiceCurrency(), i.invoiceCurrency(), i.quantity(), i.free(), i.trial()));
        }
        List<Row> subscriptions = new ArrayList<>();
        for (SubscriptionState s : r.subscriptions()) {
            subscriptions.add(RowFactory.create(s.dataSourceUuid(), s.subscriptionExternalId(),
                    s.subscriptionSetExternalId(), s.planUuid(), s.planName(), s.quantity(), s.mrr(),
                    s.billingCurrency(), s.intervalUnit(), s.intervalCount(), s.status().wireName(),
                    micros(s.startedAt()), micros(s.cancelledAt())));
        }
        List<Row> fx = new ArrayList<>();
        for (FxImpact f : r.fxImpacts()) {
            fx.add(RowFactory.create(micros(f.date()), f.dataSourceUuid(), f.subscriptionExternalId(), f.amount()));
        }
        List<Row> counts = new ArrayList<>();
        for (CountChange c : r.countChanges()) counts.add(RowFactory.create(c.month(), c.delta()));
        return RowFactory.create(customerUuid, r.summary().mrr(),
                r.summary().status() == null ? null : r.summary().status().label(),
                micros(r.summary().subscriberSince()), r.summary().planNames(), r.summary().billingCycles(),
                scalaSeq(movements), scalaSeq(intervals), scalaSeq(subscriptions), scalaSeq(fx), scalaSeq(counts));
    }

    private static Object scalaSeq(List<Row> rows) {
        return scala.collection.JavaConverters.asScalaBuffer(rows).toSeq();
    }

    static Long micros(Instant t) {
        if (t == null) return null;
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }
}
