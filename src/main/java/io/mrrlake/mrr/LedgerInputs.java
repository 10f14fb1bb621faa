package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.mrrlake.model.Columns;
import io.mrrlake.model.EventType;
import io.mrrlake.mrr.ledger.LedgerItem;
import io.mrrlake.mrr.ledger.ProrationType;
import io.mrrlake.mrr.ledger.SubscriptionEvent;
import org.apache.spark.sql.Row;

/** Reads the ledger's inputs from item-fact and event rows (by column name). */
final class LedgerInputs {
    /**
     * The item-fact columns {@link #item} reads, and the customer they are grouped by. The item facts
     * carry more (amounts before discount, descriptions, the invoice's status): a cogroup turns every
     * column of its input into a Java value and shuffles it, so the run selects these alone.
     */
    static final List<String> ITEM_COLUMNS = List.of(Columns.CUSTOMER_UUID,
            Columns.UUID, Columns.DATA_SOURCE_UUID, SUBSCRIPTION_EXTERNAL_ID, SUBSCRIPTION_SET_EXTERNAL_ID,
            PLAN_UUID, PLAN_EXTERNAL_ID, PLAN_NAME, INTERVAL, INTERVAL_COUNT, TYPE, SERVICE_PERIOD_START,
            SERVICE_PERIOD_END, EVENT_ORDER, INVOICED_AT, Columns.EXTERNAL_ID, INVOICE_UUID, CURRENCY, NET,
            PRORATED, PRORATION_TYPE, QUANTITY, INVOICE_PAID, DUE_AT, RATE_ACCOUNT, RATE_INVOICE);
    /** The event columns {@link #event} reads, and the customer they are grouped by. */
    static final List<String> EVENT_COLUMNS = List.of(Columns.CUSTOMER_UUID, Columns.DATA_SOURCE_UUID,
            SUBSCRIPTION_EXTERNAL_ID, EVENT_TYPE, EVENT_DATE, EFFECTIVE_DATE, RETRACTED);

    private LedgerInputs() {}

    static LedgerItem item(Row r) {
        String unit = r.getAs(INTERVAL);
        Number count = r.getAs(INTERVAL_COUNT);
        Number order = r.getAs(EVENT_ORDER);
        Number quantity = r.getAs(QUANTITY);
        Boolean paid = r.getAs(INVOICE_PAID);
        return new LedgerItem(
                r.getAs(Columns.UUID), r.getAs(Columns.DATA_SOURCE_UUID), r.getAs(SUBSCRIPTION_EXTERNAL_ID),
                r.getAs(SUBSCRIPTION_SET_EXTERNAL_ID), r.getAs(PLAN_UUID), r.getAs(PLAN_EXTERNAL_ID),
                r.getAs(PLAN_NAME),
                // A plan the source stage could not resolve is rejected there; a monthly plan is the
                // least surprising reading if one still slips through.
                unit == null ? "month" : unit, count == null ? 1 : count.intValue(),
                "trial".equals(r.getAs(TYPE)),
                instant(r.getAs(SERVICE_PERIOD_START)), instant(r.getAs(SERVICE_PERIOD_END)),
                order == null ? null : order.intValue(), instant(r.getAs(INVOICED_AT)), r.getAs(Columns.EXTERNAL_ID),
                r.getAs(INVOICE_UUID), r.getAs(CURRENCY), ((Number) r.getAs(NET)).longValue(),
                ProrationType.of(Boolean.TRUE.equals(r.getAs(PRORATED)), r.getAs(PRORATION_TYPE)),
                quantity == null ? 1 : quantity.longValue(), Boolean.TRUE.equals(paid), instant(r.getAs(DUE_AT)),
                (BigDecimal) r.getAs(RATE_ACCOUNT), (BigDecimal) r.getAs(RATE_INVOICE));
    }

    static SubscriptionEvent event(Row r) {
        int type = ((Number) r.getAs(EVENT_TYPE)).intValue();
        SubscriptionEvent.Kind kind = type == EventType.SUBSCRIPTION_CANCELLED.ordinal()
                ? SubscriptionEvent.Kind.CANCELLED : SubscriptionEvent.Kind.SCHEDULED_CANCELLATION_RETRACTED;
        Instant eventDate = instant(r.getAs(EVENT_DATE));
        Instant effective = instant(r.getAs(EFFECTIVE_DATE));
        return new SubscriptionEvent(r.getAs(Columns.DATA_SOURCE_UUID), r.getAs(SUBSCRIPTION_EXTERNAL_ID), kind,
                eventDate != null ? eventDate : effective, effective != null ? effective : eventDate,
                Boolean.TRUE.equals(r.getAs(RETRACTED)));
    }

    static Instant instant(Object v) {
        if (v == null) return null;
        if (v instanceof Timestamp t) return t.toInstant();
        if (v instanceof Instant i) return i;
        if (v instanceof LocalDateTime l) return l.toInstant(ZoneOffset.UTC);
        if (v instanceof java.sql.Date d) return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (v instanceof java.time.LocalDate d) return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        throw new IllegalArgumentException("not a timestamp: " + v.getClass());
    }
}
