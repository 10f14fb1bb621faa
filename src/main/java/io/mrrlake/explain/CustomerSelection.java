package io.mrrlake.explain;

import static org.apache.spark.sql.functions.*;

import java.util.Collection;
import java.util.List;
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
 *   <li>their invoices (with JSON's nested items and transactions), flat line items and transactions of
 *       those invoices, their tags, attributes and contacts, the merges among them;</li>
 *   <li>subscription events of their customers or of their subscriptions (a cancellation reaches a
 *       subscription through the items' customer), retractions of those events, and the customer records
 *       of those events' own customers (so that the events pass the reference check);</li>
 *   <li>plans, currency rates and data sources whole.</li>
 * </ul>
 */
final class CustomerSelection implements RecordSelection {
    private static final String RETRACTED = EventType.SUBSCRIPTION_EVENT_RETRACTED.wireName();

    private final Set<SourceKey> members;
    private final Set<String> customerKeys;
    private final Set<String> invoiceKeys;
    private final Dataset<Row> invoices;
    private final Dataset<Row> events;
    private final Dataset<Row> merges;

    private CustomerSelection(Set<SourceKey> members, Set<String> customerKeys, Set<String> invoiceKeys,
                              Dataset<Row> invoices, Dataset<Row> events, Dataset<Row> merges) {
        this.members = members;
        this.customerKeys = customerKeys;
        this.invoiceKeys = invoiceKeys;
        this.invoices = invoices;
        this.events = events;
        this.merges = merges;
    }

    /**
     * @param customers raw customers (data_source_uuid, external_id at least), materialized
     * @param seeds     the requested source customers
     */
    static CustomerSelection of(LandingReader reader, Dataset<Row> customers, Collection<SourceKey> seeds,
                                CustomerSettings settings, Checkpoints checkpoints) {
        Dataset<Row> allMerges = checkpoints.materialize(reader.read(LandingKind.CUSTOMER_MERGES));
        Set<SourceKey> members = mergedWith(seeds, customers, allMerges, settings);
        Set<String> memberKeys = joined(members);

        Dataset<Row> invoices = checkpoints.materialize(
                reader.read(LandingKind.INVOICES).where(keyIn("data_source_uuid", "customer_external_id", memberKeys)));
        Set<String> invoiceKeys = strings(invoices.select(SourceKey.column(col("data_source_uuid"), col("external_id"))));
        Dataset<Row> subscriptionsOfItems = reader.format() == InputFormat.JSON
                ? invoices.select(col("data_source_uuid"), explode(col(RawColumns.LINE_ITEMS)).as("_LI"))
                        .select(SourceKey.column(col("data_source_uuid"), get_json_object(col("_LI"), "$.subscription_external_id")))
                : reader.read(LandingKind.LINE_ITEMS).where(keyIn("data_source_uuid", "invoice_external_id", invoiceKeys))
                        .select(SourceKey.column(col("data_source_uuid"), col("subscription_external_id")));
        Set<String> subscriptions = strings(subscriptionsOfItems);

        Column ofMembers = keyIn("data_source_uuid", "customer_external_id", memberKeys)
                .or(keyIn("data_source_uuid", "subscription_external_id", subscriptions));
        Dataset<Row> candidates = checkpoints.materialize(reader.read(LandingKind.SUBSCRIPTION_EVENTS)
                .where(ofMembers.or(col("event_type").equalTo(RETRACTED))));
        Set<String> eventIds = strings(candidates.where(ofMembers)
                .select(SourceKey.column(col("data_source_uuid"), col("external_id"))));
        Dataset<Row> events = candidates.where(ofMembers.or(col("event_type").equalTo(RETRACTED)
                .and(keyIn("data_source_uuid", "retracted_event_id", eventIds))));
        Set<String> customerKeys = new TreeSet<>(memberKeys);
        customerKeys.addAll(strings(events.select(SourceKey.column(col("data_source_uuid"), col("customer_external_id")))));

        Dataset<Row> memberMerges = allMerges.where(keyIn("from_data_source_uuid", "from_external_id", memberKeys)
                .and(keyIn("into_data_source_uuid", "into_external_id", memberKeys)));
        return new CustomerSelection(members, customerKeys, invoiceKeys, invoices, events, memberMerges);
    }

    /** The requested customers and everyone merged with them. */
    Set<SourceKey> members() { return members; }

    /** The raw merge records among the members (valid or not, before or after the as-of). */
    Dataset<Row> merges() { return merges; }

    @Override
    public Dataset<Row> select(LandingKind kind, Dataset<Row> raw) {
        return switch (kind) {
            case CUSTOMERS -> raw.where(keyIn("data_source_uuid", "external_id", customerKeys));
            case CUSTOMER_TAGS, CUSTOMER_ATTRIBUTES, CONTACTS ->
                    raw.where(keyIn("data_source_uuid", "customer_external_id", joined(members)));
            case CUSTOMER_MERGES -> merges;
            case INVOICES -> invoices;
            case LINE_ITEMS, TRANSACTIONS -> raw.where(keyIn("data_source_uuid", "invoice_external_id", invoiceKeys));
            case SUBSCRIPTION_EVENTS -> events;
            case DATA_SOURCES, PLANS, CURRENCY_RATES -> raw;
        };
    }

    /** Merge records and (with auto-merge) equal external ids, followed round by round until nothing is added. */
    private static Set<SourceKey> mergedWith(Collection<SourceKey> seeds, Dataset<Row> customers, Dataset<Row> merges,
                                             CustomerSettings settings) {
        Set<SourceKey> members = new TreeSet<>(seeds);
        boolean byExternalId = settings.autoMerge() == CustomerSettings.AutoMerge.EXTERNAL_ID;
        while (true) {
            Set<String> keys = joined(members);
            Set<SourceKey> next = new TreeSet<>(members);
            for (Row r : merges.where(keyIn("from_data_source_uuid", "from_external_id", keys)
                            .or(keyIn("into_data_source_uuid", "into_external_id", keys)))
                    .select("from_data_source_uuid", "from_external_id", "into_data_source_uuid", "into_external_id")
                    .collectAsList()) {
                next.add(new SourceKey(r.getString(0), r.getString(1)));
                next.add(new SourceKey(r.getString(2), r.getString(3)));
            }
            if (byExternalId) {
                Object[] externalIds = members.stream().map(SourceKey::externalId).distinct().toArray();
                for (Row r : customers.where(col("external_id").isin(externalIds))
                        .select("data_source_uuid", "external_id").collectAsList()) {
                    next.add(new SourceKey(r.getString(0), r.getString(1)));
                }
            }
            if (next.size() == members.size()) return members;
            members = next;
        }
    }

    private static Column keyIn(String dataSourceColumn, String idColumn, Set<String> keys) {
        return SourceKey.column(col(dataSourceColumn), col(idColumn)).isin(keys.toArray());
    }

    private static Set<String> joined(Set<SourceKey> keys) {
        Set<String> out = new TreeSet<>();
        for (SourceKey k : keys) out.add(k.joined());
        return out;
    }

    private static Set<String> strings(Dataset<Row> oneColumn) {
        Set<String> out = new TreeSet<>();
        for (Row r : oneColumn.distinct().collectAsList()) if (!r.isNullAt(0)) out.add(r.getString(0));
        return out;
    }
}
