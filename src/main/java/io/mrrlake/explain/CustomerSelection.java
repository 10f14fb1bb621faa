package io.mrrlake.explain;

import static org.apache.spark.sql.functions.*;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingReader;
import io.mrrlake.landing.RawColumns;
import io.mrrlake.model.EventType;
import io.mrrlake.source.RecordSelection;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The raw records a few customers' MRR depends on, selected before validation so that the explain
 * command validates and calculates a handful of customers instead of the whole zone. The selection is
 * closed: whatever a selected customer's result reads is selected too, so the engine gives the selected
 * customers the numbers of a full run.
 * <ul>
 *   <li>customers: the requested ones and everyone merged with them (merge records, chains, and with
 *       {@code customers.auto_merge = external_id} the same external id), found round by round;</li>
 *   <li>their invoices, every version of each (a later version naming another customer wins the
 *       key in a run, and takes the invoice away), with JSON's nested items and transactions, flat line
 *       items and transactions of those invoices, their tags, attributes and contacts, the merges among
 *       them; and other customers' invoices with items of their subscriptions (the customer of a
 *       subscription's first item holds it);</li>
 *   <li>subscription events of their customers or of their subscriptions (a cancellation reaches a
 *       subscription through the items' customer), retractions of those events, every version of
 *       each;</li>
 *   <li>the customer records that the selected invoices and events name (so that they pass the
 *       reference check as in a run);</li>
 *   <li>plans, currency rates and data sources whole.</li>
 * </ul>
 * In JSON, a kind read for a selection parses only the lines whose text holds one of the ids looked
 * for ({@link #needles}): a text scan of a large zone instead of a parse.
 */
final class CustomerSelection implements RecordSelection {
    private static final String RETRACTED = EventType.SUBSCRIPTION_EVENT_RETRACTED.wireName();
    private static final String DS = "data_source_uuid";
    private static final String ITEM_SUBSCRIPTION = "_SUB";

    private final Set<SourceKey> members;
    private final Set<SourceKey> customerKeys;
    private final Set<SourceKey> invoiceKeys;
    private final Set<SourceKey> eventKeys;
    private final Dataset<Row> invoices;
    private final Dataset<Row> events;
    private final Dataset<Row> merges;
    private final Checkpoints checkpoints;

    private CustomerSelection(Set<SourceKey> members, Set<SourceKey> customerKeys, Set<SourceKey> invoiceKeys,
                              Set<SourceKey> eventKeys, Dataset<Row> invoices, Dataset<Row> events, Dataset<Row> merges,
                              Checkpoints checkpoints) {
        this.members = members;
        this.customerKeys = customerKeys;
        this.invoiceKeys = invoiceKeys;
        this.eventKeys = eventKeys;
        this.invoices = invoices;
        this.events = events;
        this.merges = merges;
        this.checkpoints = checkpoints;
    }

    /**
     * @param seeds the requested source customers
     */
    static CustomerSelection of(LandingReader reader, RawCustomers customers, Collection<SourceKey> seeds,
                                CustomerSettings settings, Checkpoints checkpoints) {
        Dataset<Row> allMerges = checkpoints.materialize(reader.read(LandingKind.CUSTOMER_MERGES));
        Set<SourceKey> members = mergedWith(seeds, customers, allMerges, settings);

        Set<SourceKey> invoiceKeys = keys(narrowed(reader.read(LandingKind.INVOICES, needles(members)),
                "customer_external_id", members, checkpoints), "external_id");
        Dataset<Row> invoices = narrowed(reader.read(LandingKind.INVOICES, needles(invoiceKeys)), "external_id",
                invoiceKeys, checkpoints);
        Set<SourceKey> subscriptions = reader.format() == InputFormat.JSON
                ? keys(itemSubscriptions(invoices), ITEM_SUBSCRIPTION)
                : keys(narrowed(reader.read(LandingKind.LINE_ITEMS), "invoice_external_id", invoiceKeys, checkpoints),
                        "subscription_external_id");
        // A subscription belongs to the customer of its first item, whoever's invoice it is on (docs/MRR.md
        // "A subscription over time"), so other customers' invoices with items of these subscriptions
        // decide who holds them: they are selected too, every version of each.
        Set<SourceKey> sharing = invoicesWithItemsOf(reader, subscriptions, checkpoints);
        if (!invoiceKeys.containsAll(sharing)) {
            invoiceKeys = new TreeSet<>(invoiceKeys);
            invoiceKeys.addAll(sharing);
            invoices = narrowed(reader.read(LandingKind.INVOICES, needles(invoiceKeys)), "external_id", invoiceKeys,
                    checkpoints);
        }

        Column ofMembers = keyIn("customer_external_id", members).or(keyIn("subscription_external_id", subscriptions));
        Column retraction = col("event_type").equalTo(RETRACTED);
        Set<String> eventNeedles = new TreeSet<>(needles(members).orElseThrow());
        eventNeedles.addAll(needles(subscriptions).orElseThrow());
        eventNeedles.add(RETRACTED);
        Dataset<Row> candidates = checkpoints.materialize(reader.read(LandingKind.SUBSCRIPTION_EVENTS,
                Optional.of(eventNeedles)).where(col("customer_external_id").isin(ids(members))
                        .or(col("subscription_external_id").isin(ids(subscriptions))).or(retraction)))
                .where(ofMembers.or(retraction));
        Set<SourceKey> ofTheirs = keys(candidates.where(ofMembers), "external_id");
        Set<SourceKey> eventKeys = new TreeSet<>(ofTheirs);
        eventKeys.addAll(keys(candidates.where(retraction.and(keyIn("retracted_event_id", ofTheirs))), "external_id"));
        Dataset<Row> events = narrowed(reader.read(LandingKind.SUBSCRIPTION_EVENTS, needles(eventKeys)), "external_id",
                eventKeys, checkpoints);

        Set<SourceKey> customerKeys = new TreeSet<>(members);
        customerKeys.addAll(keys(invoices, "customer_external_id"));
        customerKeys.addAll(keys(events, "customer_external_id"));
        Dataset<Row> memberMerges = allMerges.where(keyIn("from_data_source_uuid", "from_external_id", members)
                .and(keyIn("into_data_source_uuid", "into_external_id", members)));
        return new CustomerSelection(members, customerKeys, invoiceKeys, eventKeys, invoices, events, memberMerges,
                checkpoints);
    }

    /** The keys of the invoices (of any customer) that have an item of one of {@code subscriptions}. */
    private static Set<SourceKey> invoicesWithItemsOf(LandingReader reader, Set<SourceKey> subscriptions,
                                                      Checkpoints checkpoints) {
        if (subscriptions.isEmpty()) return Set.of();
        if (reader.format() == InputFormat.JSON) {
            Dataset<Row> items = itemSubscriptions(reader.read(LandingKind.INVOICES, needles(subscriptions)));
            return keys(items.where(keyIn(ITEM_SUBSCRIPTION, subscriptions)), "external_id");
        }
        return keys(narrowed(reader.read(LandingKind.LINE_ITEMS, needles(subscriptions)), "subscription_external_id",
                subscriptions, checkpoints), "invoice_external_id");
    }

    /** Raw JSON invoices → one row per line item: data_source_uuid, the invoice's external_id, ITEM_SUBSCRIPTION. */
    private static Dataset<Row> itemSubscriptions(Dataset<Row> invoices) {
        return invoices.select(col(DS), col("external_id"), explode(col(RawColumns.LINE_ITEMS)).as("_LI"))
                .select(col(DS), col("external_id"), get_json_object(col("_LI"), "$.subscription_external_id").as(ITEM_SUBSCRIPTION));
    }

    /** The requested customers and everyone merged with them. */
    Set<SourceKey> members() { return members; }

    /** The raw merge records among the members (valid or not, before or after the as-of). */
    Dataset<Row> merges() { return merges; }

    @Override
    public Dataset<Row> select(LandingKind kind, Dataset<Row> raw) {
        return switch (kind) {
            case CUSTOMERS -> narrowed(raw, "external_id", customerKeys, checkpoints);
            case CUSTOMER_TAGS, CUSTOMER_ATTRIBUTES, CONTACTS -> narrowed(raw, "customer_external_id", members, checkpoints);
            case CUSTOMER_MERGES -> merges;
            case INVOICES -> invoices;
            case LINE_ITEMS, TRANSACTIONS -> narrowed(raw, "invoice_external_id", invoiceKeys, checkpoints);
            case SUBSCRIPTION_EVENTS -> events;
            case DATA_SOURCES, PLANS, CURRENCY_RATES -> raw;
        };
    }

    @Override
    public Optional<Set<String>> needles(LandingKind kind) {
        return switch (kind) {
            case CUSTOMERS -> needles(customerKeys);
            case CUSTOMER_TAGS, CUSTOMER_ATTRIBUTES, CONTACTS -> needles(members);
            case INVOICES, LINE_ITEMS, TRANSACTIONS -> needles(invoiceKeys);
            case SUBSCRIPTION_EVENTS -> needles(eventKeys);
            case CUSTOMER_MERGES, DATA_SOURCES, PLANS, CURRENCY_RATES -> Optional.empty();
        };
    }

    /** Merge records and (with auto-merge) equal external ids, followed round by round until nothing is added. */
    private static Set<SourceKey> mergedWith(Collection<SourceKey> seeds, RawCustomers customers, Dataset<Row> merges,
                                             CustomerSettings settings) {
        Set<SourceKey> members = new TreeSet<>(seeds);
        boolean byExternalId = settings.autoMerge() == CustomerSettings.AutoMerge.EXTERNAL_ID;
        while (true) {
            Set<SourceKey> next = new TreeSet<>(members);
            for (Row r : merges.where(keyIn("from_data_source_uuid", "from_external_id", members)
                            .or(keyIn("into_data_source_uuid", "into_external_id", members)))
                    .select("from_data_source_uuid", "from_external_id", "into_data_source_uuid", "into_external_id")
                    .collectAsList()) {
                next.add(new SourceKey(r.getString(0), r.getString(1)));
                next.add(new SourceKey(r.getString(2), r.getString(3)));
            }
            if (byExternalId) {
                next.addAll(keys(customers.withExternalIds(members.stream().map(SourceKey::externalId).toList()),
                        "external_id"));
            }
            if (next.size() == members.size()) return members;
            members = next;
        }
    }

    /**
     * The records whose (data_source_uuid, idColumn) is one of {@code keys}: filtered by the id alone and
     * kept, then by the whole key. A filter on two parsed fields at once made the scan of a 54 MB gzip
     * invoice file three times slower (9 s against 3 s, measured); the key filter then runs on a few rows.
     */
    private static Dataset<Row> narrowed(Dataset<Row> raw, String idColumn, Set<SourceKey> keys, Checkpoints checkpoints) {
        return checkpoints.materialize(raw.where(col(idColumn).isin(ids(keys)))).where(keyIn(idColumn, keys));
    }

    /** The external ids of the keys: what a record naming one of them holds. */
    private static Object[] ids(Set<SourceKey> keys) {
        return externalIds(keys).toArray();
    }

    private static Set<String> externalIds(Set<SourceKey> keys) {
        Set<String> ids = new TreeSet<>();
        for (SourceKey k : keys) ids.add(k.externalId());
        return ids;
    }

    /** The record's (data_source_uuid, idColumn) is one of {@code keys}. */
    private static Column keyIn(String idColumn, Set<SourceKey> keys) {
        return keyIn(DS, idColumn, keys);
    }

    private static Column keyIn(String dataSourceColumn, String idColumn, Set<SourceKey> keys) {
        return SourceKey.column(col(dataSourceColumn), col(idColumn)).isin(keys.stream().map(SourceKey::joined).toArray());
    }

    /** The distinct (data_source_uuid, idColumn) pairs of the rows, nulls left out. */
    private static Set<SourceKey> keys(Dataset<Row> rows, String idColumn) {
        Set<SourceKey> out = new TreeSet<>();
        for (Row r : rows.select(col(DS), col(idColumn)).distinct().collectAsList()) {
            if (!r.isNullAt(0) && !r.isNullAt(1)) out.add(new SourceKey(r.getString(0), r.getString(1)));
        }
        return out;
    }

    /** The external ids of the keys, as needles of a text scan. */
    private static Optional<Set<String>> needles(Set<SourceKey> keys) {
        return Optional.of(externalIds(keys));
    }
}
