package io.mrrlake.explain;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which source customer an explain request names: a calculated customer's {@code cus_…} UUID (the UUID
 * of its primary record) or a source customer's external_id, narrowed by data source (UUID or name).
 * Reads the raw customer records: the request must work before anything is validated.
 */
final class CustomerLookup {
    static final int CLOSEST = 5;
    private static final String NODE_UUID = "_CUS_UUID";

    /** What {@link Ids#column} gives a customer: only such an id can be a calculated customer's UUID. */
    private static final Pattern CALCULATED_UUID = Pattern.compile(
            Pattern.quote(Ids.CUSTOMER) + "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final RawCustomers customers;
    private final Dataset<Row> dataSources;
    private final CustomerSettings settings;

    /** @param dataSources raw data sources: uuid, name */
    CustomerLookup(RawCustomers customers, Dataset<Row> dataSources, CustomerSettings settings) {
        this.customers = customers;
        this.dataSources = dataSources;
        this.settings = settings;
    }

    /** The source customers {@code id} names; throws {@link ExplainException} if none or several unrelated ones. */
    Set<SourceKey> resolve(String id, String dataSource) {
        // External ids may look like a calculated customer's UUID too: a UUID match wins, else the external id.
        // Each lookup is one pass: collected once, not tested for emptiness and then collected.
        Set<SourceKey> byUuid = CALCULATED_UUID.matcher(id).matches()
                ? keysOf(withUuid(customers.all()).where(col(NODE_UUID).equalTo(id))) : Set.of();
        Set<SourceKey> keys = !byUuid.isEmpty() ? byUuid : keysOf(customers.withExternalIds(List.of(id)));
        if (dataSource != null) {
            Set<String> named = new TreeSet<>();
            for (Row r : dataSources.where(col("uuid").equalTo(dataSource).or(col("name").equalTo(dataSource)))
                    .select("uuid").collectAsList()) named.add(r.getString(0));
            named.add(dataSource);
            keys.removeIf(k -> !named.contains(k.dataSourceUuid()));
        }
        if (keys.isEmpty()) throw new ExplainException(unknown(id, dataSource));
        // With auto-merge by external id, the same external id in several data sources is one customer.
        if (keys.size() > 1 && settings.autoMerge() != CustomerSettings.AutoMerge.EXTERNAL_ID) {
            throw new ExplainException(ambiguous(id, keys));
        }
        return keys;
    }

    private String unknown(String id, String dataSource) {
        StringBuilder b = new StringBuilder("no customer '" + id + "'"
                + (dataSource == null ? "" : " in data source '" + dataSource + "'")
                + ": it is neither a calculated customer's cus_ UUID nor a source customer's external_id");
        List<Row> closest = withUuid(customers.all())
                .withColumn("_D", least(levenshtein(col("external_id"), lit(id)), levenshtein(col(NODE_UUID), lit(id)),
                        coalesce(levenshtein(col("name"), lit(id)), lit(Integer.MAX_VALUE))))
                .select(col("_D"), col("external_id"), col("data_source_uuid"), col("name"), col(NODE_UUID))
                .dropDuplicates("external_id", "data_source_uuid")
                .orderBy(col("_D"), col("external_id"), col("data_source_uuid"))
                .drop("_D").limit(CLOSEST).collectAsList();
        if (!closest.isEmpty()) {
            b.append("\nclosest matches:");
            for (Row r : closest) {
                b.append("\n  ").append(r.getString(0)).append("  ").append(r.getString(3)).append("  data source ")
                        .append(r.getString(1)).append(r.isNullAt(2) ? "" : "  \"" + r.getString(2) + "\"");
            }
        }
        return b.toString();
    }

    private static Set<SourceKey> keysOf(Dataset<Row> hits) {
        Set<SourceKey> keys = new TreeSet<>();
        for (Row r : hits.select("data_source_uuid", "external_id").distinct().collectAsList()) {
            keys.add(new SourceKey(r.getString(0), r.getString(1)));
        }
        return keys;
    }

    private static Dataset<Row> withUuid(Dataset<Row> customers) {
        return customers.withColumn(NODE_UUID, Ids.column(Ids.CUSTOMER, col("data_source_uuid"), col("external_id")));
    }

    private String ambiguous(String id, Set<SourceKey> keys) {
        StringBuilder b = new StringBuilder("external_id '" + id + "' is in " + keys.size()
                + " data sources; name one with --data-source (UUID or name):");
        List<Row> names = dataSources.select("uuid", "name").collectAsList();
        for (SourceKey k : keys) {
            String name = names.stream().filter(r -> k.dataSourceUuid().equals(r.getString(0)))
                    .map(r -> r.getString(1)).filter(n -> n != null).findFirst().orElse(null);
            b.append("\n  ").append(k.dataSourceUuid()).append(name == null ? "" : "  \"" + name + "\"");
        }
        return b.toString();
    }
}
