package io.mrrlake.source;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.landing.Rejects;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reference checks: a record that names another (its customer, plan, invoice) needs it to exist. */
final class References {
    private static final String FOUND = "_FOUND";

    private References() {}

    /**
     * Keeps the records whose {@code columns} match a row of {@code known} on {@code knownColumns};
     * a record with a null in any of its columns names nothing and passes. The others are rejects.
     */
    static Checked requireKnown(Dataset<Row> records, List<String> columns, Dataset<Row> known,
                                List<String> knownColumns, String kind, String reason, String what, Instant asOf,
                                Checkpoints checkpoints) {
        List<Column> renamed = new ArrayList<>();
        for (int i = 0; i < knownColumns.size(); i++) renamed.add(col(knownColumns.get(i)).as("_REF" + i));
        Dataset<Row> keys = known.select(renamed.toArray(Column[]::new)).distinct().withColumn(FOUND, lit(true));
        Column on = null;
        Column names = lit(true);
        List<Column> shown = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column eq = records.col(columns.get(i)).equalTo(keys.col("_REF" + i));
            on = on == null ? eq : on.and(eq);
            names = names.and(records.col(columns.get(i)).isNotNull());
            shown.add(coalesce(records.col(columns.get(i)), lit("")));
        }
        // Materialized: the valid records and the rejects both come from the join.
        Dataset<Row> joined = checkpoints.materialize(records.join(keys, on, "left")
                .withColumn("_NAMES", names)
                .withColumn("_SHOWN", concat_ws(", ", shown.toArray(Column[]::new))));
        Column bad = col("_NAMES").and(col(FOUND).isNull());
        List<Column> keep = new ArrayList<>();
        for (String c : records.columns()) keep.add(col(c));
        Dataset<Row> valid = joined.filter(not(bad)).select(keep.toArray(Column[]::new));
        Dataset<Row> rejects = Rejects.of(joined.filter(bad), kind, lit(reason),
                concat(lit(what + " (" + String.join(", ", columns) + ") = ("), col("_SHOWN"), lit(") is not a valid record")),
                asOf);
        return new Checked(valid, rejects);
    }
}
