package io.mrrlake.customers;

import static org.apache.spark.sql.functions.*;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Source customers → calculated customers (docs/MRR.md "Calculated customers"): merges join {@code from} into
 * {@code into}, chains in any order; with auto-merge by external id, customers of different data
 * sources with the same external id join too. The primary of a calculated customer is the final
 * {@code into} target of its chains (a customer that is never a {@code from}); when there are
 * several (auto-merges, a customer merged into two) or none (a cycle), the one created first, then
 * the smallest (data_source_uuid, external_id). Its UUID is {@code cus_} of the primary's key, so an
 * unmerged customer keeps its own UUID.
 */
public final class CustomerMerging {
    public static final String FROM_DATA_SOURCE_UUID = "FROM_DATA_SOURCE_UUID";
    public static final String FROM_EXTERNAL_ID = "FROM_EXTERNAL_ID";
    public static final String INTO_DATA_SOURCE_UUID = "INTO_DATA_SOURCE_UUID";
    public static final String INTO_EXTERNAL_ID = "INTO_EXTERNAL_ID";
    public static final String IS_PRIMARY = "IS_PRIMARY";
    public static final String CREATED_AT = "CREATED_AT";

    private static final String NODE = "_NODE";
    private static final String COMPONENT = "_COMPONENT";
    private static final String IS_SINK = "_IS_SINK";
    private static final String PRIMARY = "_PRIMARY";

    private CustomerMerging() {}

    /**
     * The calculated customer of every source customer.
     *
     * @param customers one row per source customer: DATA_SOURCE_UUID, EXTERNAL_ID, CREATED_AT
     * @param merges    FROM_DATA_SOURCE_UUID, FROM_EXTERNAL_ID, INTO_DATA_SOURCE_UUID, INTO_EXTERNAL_ID,
     *                  both ends known customers
     * @return DATA_SOURCE_UUID, EXTERNAL_ID, CUSTOMER_UUID, IS_PRIMARY (one row per source customer)
     */
    public static Dataset<Row> mapping(Dataset<Row> customers, Dataset<Row> merges, CustomerSettings settings) {
        Dataset<Row> nodes = customers.select(col(Columns.DATA_SOURCE_UUID), col(Columns.EXTERNAL_ID),
                col(CREATED_AT), node(col(Columns.DATA_SOURCE_UUID), col(Columns.EXTERNAL_ID)).as(NODE));
        Dataset<Row> edges = mergeEdges(merges);
        if (settings.autoMerge() == CustomerSettings.AutoMerge.EXTERNAL_ID) edges = edges.unionByName(externalIdEdges(nodes));
        // Most runs have no merge at all: then every customer is its own component, no rounds needed.
        Dataset<Row> labels = edges.isEmpty()
                ? edges.select(col(ConnectedComponents.SRC).as(ConnectedComponents.NODE),
                        col(ConnectedComponents.DST).as(ConnectedComponents.LABEL))
                : ConnectedComponents.smallestLabels(bothWays(edges));
        Dataset<Row> froms = merges.select(node(col(FROM_DATA_SOURCE_UUID), col(FROM_EXTERNAL_ID)).as("_FROM")).distinct();

        Dataset<Row> withComponent = nodes
                .join(labels, nodes.col(NODE).equalTo(labels.col(ConnectedComponents.NODE)), "left")
                .join(froms, nodes.col(NODE).equalTo(froms.col("_FROM")), "left")
                .select(col(Columns.DATA_SOURCE_UUID), col(Columns.EXTERNAL_ID), col(CREATED_AT), col(NODE),
                        coalesce(col(ConnectedComponents.LABEL), col(NODE)).as(COMPONENT),
                        col("_FROM").isNull().as(IS_SINK));
        return withComponent.transform(CustomerMerging::withPrimary)
                .select(col(Columns.DATA_SOURCE_UUID), col(Columns.EXTERNAL_ID),
                        Ids.column(Ids.CUSTOMER, col(PRIMARY + "." + Columns.DATA_SOURCE_UUID),
                                col(PRIMARY + "." + Columns.EXTERNAL_ID)).as(Columns.CUSTOMER_UUID),
                        col(PRIMARY + "." + Columns.DATA_SOURCE_UUID).equalTo(col(Columns.DATA_SOURCE_UUID))
                                .and(col(PRIMARY + "." + Columns.EXTERNAL_ID).equalTo(col(Columns.EXTERNAL_ID)))
                                .as(IS_PRIMARY));
    }

    /** Adds PRIMARY: struct of the chosen record's key, per component. */
    static Dataset<Row> withPrimary(Dataset<Row> members) {
        WindowSpec component = Window.partitionBy(col(COMPONENT));
        // Candidates: final into targets (never a from); in a component without one (a cycle), everyone.
        Column candidate = col(IS_SINK).or(not(max(col(IS_SINK)).over(component)));
        Column rank = struct(
                col(CREATED_AT).isNull().as("_NO_DATE"), col(CREATED_AT).as("_CREATED"),
                col(Columns.DATA_SOURCE_UUID).as(Columns.DATA_SOURCE_UUID),
                col(Columns.EXTERNAL_ID).as(Columns.EXTERNAL_ID));
        return members
                .withColumn("_RANK", when(candidate, rank))
                .withColumn(PRIMARY, min(col("_RANK")).over(component));
    }

    private static Dataset<Row> mergeEdges(Dataset<Row> merges) {
        return merges.select(
                node(col(FROM_DATA_SOURCE_UUID), col(FROM_EXTERNAL_ID)).as(ConnectedComponents.SRC),
                node(col(INTO_DATA_SOURCE_UUID), col(INTO_EXTERNAL_ID)).as(ConnectedComponents.DST));
    }

    /** Same external id in several data sources: a star to the group's smallest node, not all pairs. */
    private static Dataset<Row> externalIdEdges(Dataset<Row> nodes) {
        return nodes.withColumn("_HUB", min(col(NODE)).over(Window.partitionBy(col(Columns.EXTERNAL_ID))))
                .filter(col(NODE).notEqual(col("_HUB")))
                .select(col(NODE).as(ConnectedComponents.SRC), col("_HUB").as(ConnectedComponents.DST));
    }

    private static Dataset<Row> bothWays(Dataset<Row> edges) {
        return edges.unionByName(edges.select(col(ConnectedComponents.DST).as(ConnectedComponents.SRC),
                col(ConnectedComponents.SRC).as(ConnectedComponents.DST)));
    }

    private static Column node(Column dataSource, Column externalId) {
        return Ids.keyColumn(dataSource, externalId);
    }
}
