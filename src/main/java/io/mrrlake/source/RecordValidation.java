package io.mrrlake.source;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.RawColumns;
import io.mrrlake.landing.Rejects;
import io.mrrlake.spark.Checkpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Raw records of a kind → typed, unique records, and the rejects: bad_json, record checks, duplicate_key. */
final class RecordValidation {
    private static final String FAILURE = "_FAILURE";
    private static final String CANONICAL = "_CANONICAL";
    private static final String RANK = "_RANK";
    private static final String WINNER = "_WINNER";

    private RecordValidation() {}

    static Checked validate(Dataset<Row> raw, KindRules rules, Instant asOf, Checkpoints checkpoints) {
        String kind = rules.kind().folder();
        return withChecks(raw, rules, asOf)
                .map(valid -> typed(valid, rules))
                .then(typed -> deduplicate(typed, kind, rules.key(), rules.updatedAt(), asOf, checkpoints));
    }

    /** Records that break no rule; the first broken rule names the reject. */
    static Checked withChecks(Dataset<Row> raw, KindRules rules, Instant asOf) {
        Column badReason = when(col(RawColumns.BAD).startsWith(RawColumns.MALFORMED_ROW), lit("bad_row"))
                .otherwise(lit("bad_json"));
        Column failure = when(col(RawColumns.BAD).isNotNull(),
                struct(badReason.as(Rejects.REASON), col(RawColumns.BAD).as(Rejects.DETAIL)))
                .otherwise(Check.firstFailure(rules.checks()));
        Dataset<Row> judged = raw.withColumn(FAILURE, failure);
        Dataset<Row> rejects = Rejects.of(judged.filter(col(FAILURE).isNotNull()), rules.kind().folder(),
                col(FAILURE + "." + Rejects.REASON), col(FAILURE + "." + Rejects.DETAIL), asOf);
        return new Checked(judged.filter(col(FAILURE).isNull()).drop(FAILURE), rejects);
    }

    /** The typed columns plus the bookkeeping the later steps need. */
    static Dataset<Row> typed(Dataset<Row> valid, KindRules rules) {
        List<Column> cols = new ArrayList<>(rules.typed());
        cols.add(col(RawColumns.FILE));
        cols.add(col(RawColumns.RAW));
        cols.add(col(RawColumns.UNMAPPED));
        for (String child : RawColumns.childArrays(rules.kind())) cols.add(col(child));
        return valid.select(cols.toArray(Column[]::new));
    }

    /**
     * One record per key. Copies equal in every typed field collapse silently; among differing
     * copies the latest {@code updatedAt} wins (nulls oldest), ties go to the smallest canonical JSON
     * of the record, and the others are {@code duplicate_key} rejects.
     */
    static Checked deduplicate(Dataset<Row> typed, String kind, List<String> key, String updatedAt, Instant asOf,
                               Checkpoints checkpoints) {
        List<String> content = new ArrayList<>(Arrays.asList(typed.columns()));
        content.remove(RawColumns.FILE);
        content.remove(RawColumns.RAW);
        Column canonical = to_json(struct(content.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        List<Column> order = new ArrayList<>();
        if (updatedAt != null) order.add(col(updatedAt).desc_nulls_last());
        order.add(col(CANONICAL).asc());
        order.add(col(RawColumns.RAW).asc());
        order.add(col(RawColumns.FILE).asc());
        WindowSpec byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        WindowSpec ranking = byKey.orderBy(order.toArray(Column[]::new));
        // Materialized: the kept records and the duplicate_key rejects both come from it, and without
        // the cut each would run the window (a shuffle and sort of every record) again. The canonical
        // JSON is a copy of the record: only a losing, differing copy keeps the winner's, for its reject.
        Column winner = first(col(CANONICAL)).over(ranking);
        Dataset<Row> ranked = checkpoints.materialize(typed.withColumn(CANONICAL, canonical)
                .withColumn(RANK, row_number().over(ranking))
                .withColumn(WINNER, when(col(CANONICAL).notEqual(winner), winner))
                .drop(CANONICAL));
        Dataset<Row> kept = ranked.filter(col(RANK).equalTo(1)).drop(RANK, WINNER);
        Dataset<Row> conflicting = ranked.filter(col(RANK).gt(1).and(col(WINNER).isNotNull()));
        Dataset<Row> rejects = Rejects.of(conflicting, kind, lit("duplicate_key"),
                concat(lit("another record with the same key (" + String.join(", ", key) + ") differs and won; kept: "),
                        col(WINNER)), asOf);
        return new Checked(kept, rejects);
    }
}
