package io.mrrlake.mrr;

import static org.apache.spark.sql.types.DataTypes.*;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mrrlake.model.EventType;
import io.mrrlake.model.Ids;
import io.mrrlake.model.InvoiceStatus;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the eleven source datasets (docs/DATASETS.md "Source datasets", plus AS_OF and month columns) from
 * a few readable lines, for engine tests:
 * <pre>
 * new SourceFixture().plan("gold_yearly", "year", 1)
 *     .customer("c1").invoice("c1", "inv1", "2024-01-01", "paid")
 *     .item("gold", "gold_yearly", 200000, "2024-01-01", "2025-01-01")
 *     .datasets(spark)
 * </pre>
 * Item modifiers (tax, prorated, quantity, set, …) apply to the last item; invoice modifiers to
 * the last invoice. Invoice totals are the sum of their items' amounts.
 */
public final class SourceFixture {
    public static final String DS = "ds_" + Ids.uuid5("fixture-source");
    private static final Timestamp CREATED = ts("2020-01-01");

    private final Map<String, Object[]> customers = new LinkedHashMap<>();
    private final Map<String, String> customerUuids = new LinkedHashMap<>();
    private final List<Object[]> plans = new ArrayList<>();
    private final List<Invoice> invoices = new ArrayList<>();
    private final List<Object[]> transactions = new ArrayList<>();
    private final List<Object[]> events = new ArrayList<>();
    private final List<Object[]> rates = new ArrayList<>();
    private final List<Object[]> tags = new ArrayList<>();
    private final List<Object[]> attributes = new ArrayList<>();
    private Timestamp asOf = ts("2030-01-01");

    private static final class Invoice {
        String uuid, externalId, customer, currency = "USD";
        Timestamp date, due;
        int status;
        final List<Object[]> items = new ArrayList<>();
    }

    // ---- builders -------------------------------------------------------------------------

    public SourceFixture plan(String externalId, String unit, int count) {
        plans.add(new Object[] {planUuid(externalId), DS, externalId, externalId, unit, count});
        return this;
    }

    public SourceFixture customer(String externalId) {
        return customer(externalId, "Customer " + externalId);
    }

    public SourceFixture customer(String externalId, String name) {
        String uuid = Ids.of(Ids.CUSTOMER, DS, externalId);
        customerUuids.put(externalId, uuid);
        customers.put(externalId, new Object[] {uuid, DS, externalId, uuid, name, null, externalId + "@example.com",
                "US", null, null, null, null, null, null, CREATED, CREATED, null});
        return this;
    }

    /** Sets the last-added fields of a customer: lead status (kept in UNMAPPED_ATTRIBUTES) and creation. */
    public SourceFixture leadStatus(String externalId, String status) {
        customers.get(externalId)[16] = "{\"lead_status\":\"" + status + "\"}";
        return this;
    }

    /** {@code from} becomes part of the calculated customer of {@code into} (the source stage's merge result). */
    public SourceFixture merge(String from, String into) {
        customers.get(from)[3] = customerUuids.get(into);
        return this;
    }

    public SourceFixture invoice(String customer, String externalId, String date, String status) {
        Invoice i = new Invoice();
        i.uuid = Ids.of(Ids.INVOICE, DS, externalId);
        i.externalId = externalId;
        i.customer = customer;
        i.date = ts(date);
        i.status = InvoiceStatus.fromWire(status).orElseThrow().ordinal();
        invoices.add(i);
        return this;
    }

    public SourceFixture due(String date) { last().due = ts(date); return this; }

    public SourceFixture invoiceCurrency(String currency) { last().currency = currency; return this; }

    public SourceFixture item(String subscription, String plan, long amount, String start, String end) {
        Invoice inv = last();
        String ext = inv.externalId + "-" + (inv.items.size() + 1);
        inv.items.add(new Object[] {Ids.of(Ids.LINE_ITEM, DS, ext), DS, inv.uuid, inv.externalId, ext, "subscription",
                "{\"prorated\":false}", subscription, null, planUuid(plan), plan, amount, 1L, null, 0L, null, 0L, 0L,
                null, ts(start), ts(end), null, null, null, inv.currency, null});
        return this;
    }

    public SourceFixture oneTime(long amount) {
        Invoice inv = last();
        String ext = inv.externalId + "-" + (inv.items.size() + 1);
        inv.items.add(new Object[] {Ids.of(Ids.LINE_ITEM, DS, ext), DS, inv.uuid, inv.externalId, ext, "one_time",
                null, null, null, null, null, amount, 1L, null, 0L, null, 0L, 0L, null, null, null, null, null, null,
                inv.currency, null});
        return this;
    }

    public SourceFixture tax(long tax) { lastItem()[16] = tax; return this; }
    public SourceFixture quantity(long q) { lastItem()[12] = q; return this; }
    public SourceFixture set(String set) { lastItem()[8] = set; return this; }
    public SourceFixture eventOrder(int order) { lastItem()[21] = order; return this; }
    public SourceFixture trial() { lastItem()[5] = "trial"; return this; }

    public SourceFixture prorated(String type) {
        lastItem()[6] = "{\"prorated\":true" + (type == null ? "" : ",\"proration_type\":\"" + type + "\"") + "}";
        return this;
    }

    public SourceFixture payment(String invoice, String date, long amount) {
        return transaction(invoice, date, "payment", "successful", amount);
    }

    public SourceFixture transaction(String invoice, String date, String type, String result, long amount) {
        Invoice inv = invoices.stream().filter(i -> i.externalId.equals(invoice)).findFirst().orElseThrow();
        String ext = invoice + "-tx" + (transactions.size() + 1);
        transactions.add(new Object[] {Ids.of(Ids.TRANSACTION, DS, ext), DS, inv.uuid, invoice, ext, ts(date), type,
                result, amount, inv.currency, 0L, null});
        return this;
    }

    public SourceFixture cancel(String customer, String subscription, String effective) {
        return event(customer, subscription, EventType.SUBSCRIPTION_CANCELLED, effective, effective, false);
    }

    public SourceFixture event(String customer, String subscription, EventType type, String eventDate,
                               String effective, boolean retracted) {
        String ext = "evt" + (events.size() + 1);
        events.add(new Object[] {Ids.of(Ids.EVENT, DS, ext), DS, customer, subscription, null, null, ext,
                type.ordinal(), type.wireName(), ts(eventDate), ts(effective), "{}", retracted});
        return this;
    }

    public SourceFixture rate(String day, String currency, String rate) {
        rates.add(new Object[] {Date.valueOf(LocalDate.parse(day)), currency, new BigDecimal(rate).setScale(12)});
        return this;
    }

    public SourceFixture tag(String customer, String tag) {
        tags.add(new Object[] {customerOf(customer), DS, customer, tag});
        return this;
    }

    public SourceFixture attribute(String customer, String key, String value) {
        attributes.add(new Object[] {customerOf(customer), DS, customer, key, "String", value, "fixture"});
        return this;
    }

    public SourceFixture asOf(Instant t) { asOf = Timestamp.from(t); return this; }

    public String customerUuid(String externalId) { return customerOf(externalId); }

    // ---- datasets ---------------------------------------------------------------------------

    public Map<OutputDataset, Dataset<Row>> datasets(SparkSession spark) {
        Map<OutputDataset, Dataset<Row>> m = new EnumMap<>(OutputDataset.class);
        m.put(OutputDataset.SOURCE_DATA_SOURCES, df(spark, DATA_SOURCES, List.<Object[]>of(
                new Object[] {DS, "Fixture", "Import API", CREATED}), null));
        m.put(OutputDataset.SOURCE_CUSTOMERS, df(spark, CUSTOMERS, new ArrayList<>(customers.values()), null));
        m.put(OutputDataset.SOURCE_CONTACTS, df(spark, CONTACTS, List.of(), null));
        m.put(OutputDataset.SOURCE_PLANS, df(spark, PLANS, plans, null));
        List<Object[]> inv = new ArrayList<>();
        List<Object[]> items = new ArrayList<>();
        for (Invoice i : invoices) {
            long total = 0;
            for (Object[] it : i.items) total += (Long) it[11];
            inv.add(new Object[] {i.uuid, DS, i.externalId, i.customer, customerOf(i.customer), i.date, i.due, i.currency,
                    i.status, "automatic", total, i.date, i.date, null});
            for (Object[] it : i.items) {
                Object[] row = it.clone();
                row[25] = month(row[19] != null ? (Timestamp) row[19] : i.date);
                items.add(row);
            }
        }
        m.put(OutputDataset.SOURCE_INVOICES, df(spark, INVOICES, inv, 5));
        m.put(OutputDataset.SOURCE_INVOICE_LINE_ITEMS, df(spark, LINE_ITEMS, items, null));
        m.put(OutputDataset.SOURCE_TRANSACTIONS, df(spark, TRANSACTIONS, transactions, 5));
        m.put(OutputDataset.SOURCE_SUBSCRIPTION_EVENTS, df(spark, EVENTS, events, 10));
        m.put(OutputDataset.SOURCE_CURRENCY_RATES, df(spark, RATES, rates, null));
        m.put(OutputDataset.SOURCE_CUSTOM_ATTRIBUTES, df(spark, ATTRIBUTES, attributes, null));
        m.put(OutputDataset.SOURCE_TAGS, df(spark, TAGS, tags, null));
        return m;
    }

    /** Rows with AS_OF appended, and the month column of {@code monthOf} appended when given. */
    private Dataset<Row> df(SparkSession spark, StructType schema, List<Object[]> rows, Integer monthOf) {
        StructType s = schema;
        if (monthOf != null) s = s.add(schema.fieldNames()[monthOf] + "_MONTH", StringType);
        s = s.add("AS_OF", TimestampType);
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<Object> v = new ArrayList<>(java.util.Arrays.asList(padded(r, schema.size())));
            if (monthOf != null) v.add(month((Timestamp) r[monthOf]));
            v.add(asOf);
            out.add(RowFactory.create(v.toArray()));
        }
        return spark.createDataFrame(out, s);
    }

    private static Object[] padded(Object[] r, int n) {
        Object[] o = new Object[n];
        System.arraycopy(r, 0, o, 0, Math.min(r.length, n));
        return o;
    }

    private static String month(Timestamp t) {
        return t == null ? null : t.toInstant().toString().substring(0, 7);
    }

    private Invoice last() { return invoices.get(invoices.size() - 1); }

    private Object[] lastItem() { return last().items.get(last().items.size() - 1); }

    private String customerOf(String externalId) {
        String uuid = customerUuids.get(externalId);
        if (uuid == null) throw new IllegalArgumentException("add customer " + externalId + " first");
        Object[] c = customers.get(externalId);
        return (String) c[3];
    }

    private static String planUuid(String externalId) { return Ids.of(Ids.PLAN, DS, externalId); }

    static Timestamp ts(String iso) {
        return Timestamp.from(Instant.parse(iso.length() == 10 ? iso + "T00:00:00Z" : iso));
    }

    // ---- schemas (docs/DATASETS.md "Source datasets") ----------------------------------------------------

    private static StructType strings(String... names) {
        StructType s = new StructType();
        for (String n : names) s = s.add(n, StringType);
        return s;
    }

    static final StructType DATA_SOURCES = strings("UUID", "NAME", "SYSTEM").add("CREATED_AT", TimestampType);
    static final StructType CUSTOMERS = strings("UUID", "DATA_SOURCE_UUID", "EXTERNAL_ID", "CUSTOMER_UUID", "FULL_NAME",
            "DESCRIPTION", "EMAIL", "COUNTRY", "STATE", "CITY", "ADDRESS_ZIP", "WEBSITE_URL")
            .add("LEAD_CREATED_AT", TimestampType).add("FREE_TRIAL_STARTED_AT", TimestampType)
            .add("CREATED_AT", TimestampType).add("UPDATED_AT", TimestampType).add("UNMAPPED_ATTRIBUTES", StringType);
    static final StructType CONTACTS = strings("UUID", "DATA_SOURCE_UUID", "CUSTOMER_EXTERNAL_ID", "CUSTOMER_UUID",
            "EXTERNAL_ID", "FIRST_NAME", "LAST_NAME").add("POSITION", IntegerType).add("TITLE", StringType)
            .add("EMAIL", StringType).add("PHONE", StringType).add("LINKED_IN", StringType).add("TWITTER", StringType)
            .add("NOTES", StringType).add("CUSTOM", StringType);
    static final StructType PLANS = strings("UUID", "DATA_SOURCE_UUID", "EXTERNAL_ID", "NAME", "INTERVAL")
            .add("INTERVAL_COUNT", IntegerType);
    static final StructType INVOICES = strings("UUID", "DATA_SOURCE_UUID", "EXTERNAL_ID",
            "DATA_SOURCE_CUSTOMER_EXTERNAL_ID", "CUSTOMER_UUID").add("INVOICED_AT", TimestampType)
            .add("DUE_AT", TimestampType).add("CURRENCY", StringType).add("STATUS", IntegerType)
            .add("COLLECTION_METHOD", StringType).add("TOTAL_IN_CENTS", LongType).add("CREATED_AT", TimestampType)
            .add("UPDATED_AT", TimestampType).add("UNMAPPED_ATTRIBUTES", StringType);
    static final StructType LINE_ITEMS = strings("UUID", "DATA_SOURCE_UUID", "INVOICE_UUID", "INVOICE_EXTERNAL_ID",
            "EXTERNAL_ID", "TYPE", "TYPE_DATA", "SUBSCRIPTION_EXTERNAL_ID", "SUBSCRIPTION_SET_EXTERNAL_ID", "PLAN_UUID",
            "PLAN_EXTERNAL_ID").add("AMOUNT_IN_CENTS", LongType).add("QUANTITY", LongType)
            .add("DISCOUNT_CODE", StringType).add("DISCOUNT_AMOUNT_IN_CENTS", LongType)
            .add("DISCOUNT_DESCRIPTION", StringType).add("TAX_AMOUNT_IN_CENTS", LongType)
            .add("TRANSACTION_FEES_IN_CENTS", LongType).add("TRANSACTION_FEES_CURRENCY", StringType)
            .add("SERVICE_PERIOD_START", TimestampType).add("SERVICE_PERIOD_END", TimestampType)
            .add("EVENT_ORDER", IntegerType).add("ACCOUNT_CODE", StringType).add("DESCRIPTION", StringType)
            .add("CURRENCY", StringType).add("SERVICE_PERIOD_START_MONTH", StringType);
    static final StructType TRANSACTIONS = strings("UUID", "DATA_SOURCE_UUID", "INVOICE_UUID", "INVOICE_EXTERNAL_ID",
            "EXTERNAL_ID").add("TRANSACTED_AT", TimestampType).add("TYPE", StringType).add("RESULT", StringType)
            .add("AMOUNT_IN_CENTS", LongType).add("CURRENCY", StringType).add("TRANSACTION_FEES_IN_CENTS", LongType)
            .add("TRANSACTION_FEES_CURRENCY", StringType);
    static final StructType EVENTS = strings("UUID", "DATA_SOURCE_UUID", "DATA_SOURCE_CUSTOMER_EXTERNAL_ID",
            "SUBSCRIPTION_EXTERNAL_ID", "SUBSCRIPTION_SET_EXTERNAL_ID", "PLAN_EXTERNAL_ID", "EXTERNAL_ID")
            .add("EVENT_TYPE", IntegerType).add("EVENT_TYPE_NAME", StringType).add("EVENT_DATE", TimestampType)
            .add("EFFECTIVE_DATE", TimestampType).add("PAYLOAD", StringType).add("RETRACTED", BooleanType);
    static final StructType RATES = new StructType().add("DATE", DateType).add("CURRENCY", StringType)
            .add("RATE", DataTypes.createDecimalType(38, 12));
    static final StructType ATTRIBUTES = strings("CUSTOMER_UUID", "DATA_SOURCE_UUID", "CUSTOMER_EXTERNAL_ID", "KEY",
            "TYPE", "VALUE", "SOURCE");
    static final StructType TAGS = strings("CUSTOMER_UUID", "DATA_SOURCE_UUID", "CUSTOMER_EXTERNAL_ID", "TAG");
}
