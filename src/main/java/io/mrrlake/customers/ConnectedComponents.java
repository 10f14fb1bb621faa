package io.mrrlake.customers;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph by label propagation on the executors: every node
 * starts with its own id as label, takes the smallest label among its neighbours, then jumps to its
 * label's label (pointer jumping), until no label changes. Each round is checkpointed so the plan
 * stays small; only a count of changed labels reaches the driver.
 */
public final class ConnectedComponents {
    public static final String SRC = "SRC";
    public static final String DST = "DST";
    public static final String NODE = "NODE";
    public static final String LABEL = "LABEL";
    /** Far above what pointer jumping needs (about log2 of the longest chain, doubled). */
    static final int MAX_ROUNDS = 200;

    private ConnectedComponents() {}

    /**
     * @param edges SRC, DST: string node ids; each edge in both directions
     * @return NODE, LABEL for every node of an edge; LABEL is the smallest node id of its component
     */
    public static Dataset<Row> smallestLabels(Dataset<Row> edges) {
        Dataset<Row> links = edges.select(col(SRC), col(DST)).distinct().localCheckpoint();
        Dataset<Row> labels = links.groupBy(col(SRC).as(NODE))
                .agg(least(col(NODE), min(col(DST))).as(LABEL));
        labels = labels.select(col(NODE), col(LABEL)).localCheckpoint();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> next = jump(propagate(links, labels)).localCheckpoint();
            long changed = next.as("n").join(labels.as("o"), col("n." + NODE).equalTo(col("o." + NODE)))
                    .filter(col("n." + LABEL).notEqual(col("o." + LABEL))).count();
            labels = next;
            if (changed == 0) return labels;
        }
        throw new IllegalStateException("label propagation did not settle in " + MAX_ROUNDS + " rounds");
    }

    /** Each node takes the smallest of its label and its neighbours' labels. */
    static Dataset<Row> propagate(Dataset<Row> links, Dataset<Row> labels) {
        Dataset<Row> neighbourMin = links.join(labels, links.col(DST).equalTo(labels.col(NODE)))
                .groupBy(links.col(SRC).as("_N")).agg(min(col(LABEL)).as("_NL"));
        return labels.join(neighbourMin, labels.col(NODE).equalTo(neighbourMin.col("_N")), "left")
                .select(col(NODE), least(col(LABEL), coalesce(col("_NL"), col(LABEL))).as(LABEL));
    }

    /** Each node takes its label's label when smaller: chains shorten by half each round. */
    static Dataset<Row> jump(Dataset<Row> labels) {
        Dataset<Row> target = labels.select(col(NODE).as("_T"), col(LABEL).as("_TL"));
        return labels.join(target, labels.col(LABEL).equalTo(target.col("_T")), "left")
                .select(col(NODE), least(col(LABEL), coalesce(col("_TL"), col(LABEL))).as(LABEL));
    }
}
