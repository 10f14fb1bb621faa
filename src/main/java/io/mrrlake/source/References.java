package io.mrrlake.source;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reference checks: a record that names another (its customer, plan, invoice) needs it to exist. */
final class References {
    private static final String FOUND = "_FOUND";

    private References() {}

    /**
     * Rejects the open records ({@link Verdicts#open}) whose {@code columns} match no row of
     * {@code known} on {@code knownColumns}; a record with a null in any of its columns names
     * nothing and passes. A left join against the distinct keys: every record keeps its one row.
     */
    static Dataset<Row> requireKnown(Dataset<Row> judged, List<String> columns, Dataset<Row> known,
                                     List<String> knownColumns, String reason, String what) {
        // The distinct keys are hash-partitioned in the join's column order (SortKeys.joinOn).
        List<Column> renamed = new ArrayList<>();
        for (int i : SortKeys.selectiveFirst(columns)) renamed.add(col(knownColumns.get(i)).as("_REF" + i));
        Dataset<Row> keys = known.select(renamed.toArray(Column[]::new)).distinct().withColumn(FOUND, lit(true));
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) refs.add("_REF" + i);
        Column names = lit(true);
        List<Column> shown = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            names = names.and(col(columns.get(i)).isNotNull());
            shown.add(coalesce(col(columns.get(i)), lit("")));
        }
        Column detail = concat(lit(what + " (" + String.join(", ", columns) + ") = ("),
                concat_ws(", ", shown.toArray(Column[]::new)), lit(") is not a valid record"));
        List<Column> keep = new ArrayList<>();
        for (String c : judged.columns()) {
            keep.add(c.equals(Verdicts.VERDICT)
                    ? Verdicts.judge(names.and(col(FOUND).isNull()), lit(reason), detail).as(c) : col(c));
        }
        return judged.join(keys, SortKeys.joinOn(columns, refs), "left").select(keep.toArray(Column[]::new));
    }
}
