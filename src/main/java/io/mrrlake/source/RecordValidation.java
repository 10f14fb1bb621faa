package io.mrrlake.source;

import static io.mrrlake.source.Verdicts.COPY;
import static io.mrrlake.source.Verdicts.VERDICT;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.RawColumns;
import io.mrrlake.landing.Rejects;
import io.mrrlake.landing.Values;
import io.mrrlake.spark.SortKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Raw records of a kind → typed records with their verdicts (docs/LANDING.md "Rejects"): bad_json
 * and bad_row, the record checks, then duplicate_key. Column expressions only: nothing here runs a
 * Spark job, the whole kind is judged in the one pass that materializes it (SourceStage).
 */
final class RecordValidation {
    private static final String COPIES = "_COPIES";
    private static final String CANONICAL = "_CANONICAL";
    private static final String SAME = "_SAME";
    private static final String RANK = "_RANK";
    private static final String WINNER = "_WINNER";
    private static final String OPEN = "_OPEN";
    /** Children kept as JSON objects' texts; a tag is its own text, compared as it is. */
    private static final List<String> CHILD_ARRAYS = List.of(RawColumns.LINE_ITEMS, RawColumns.TRANSACTIONS, RawColumns.CUSTOM);

    private RecordValidation() {}

    /** The kind's checks, typing and deduplication: each record typed, with its verdict so far. */
    static Dataset<Row> validate(Dataset<Row> raw, KindRules rules) {
        return deduplicate(checked(raw, rules), rules.key(), rules.updatedAt());
    }

    /**
     * The typed columns plus the bookkeeping the later steps need, and the verdict of the record
     * checks: a record that could not be parsed first, then the first broken rule.
     */
    static Dataset<Row> checked(Dataset<Row> raw, KindRules rules) {
        List<Check> checks = rules.checks();
        Column badReason = when(col(RawColumns.BAD).startsWith(RawColumns.MALFORMED_ROW), lit("bad_row"))
                .otherwise(lit("bad_json"));
        Column verdict = when(col(RawColumns.BAD).isNotNull(), Verdicts.reject(badReason, col(RawColumns.BAD)))
                .otherwise(Check.firstFailure(checks));
        List<Column> cols = new ArrayList<>(rules.typed());
        cols.add(col(RawColumns.FILE));
        cols.add(col(RawColumns.RAW));
        cols.add(col(RawColumns.UNMAPPED));
        for (String child : RawColumns.childArrays(rules.kind())) cols.add(col(child));
        cols.add(verdict.as(VERDICT));
        cols.add(lit(false).as(COPY));
        // Each timestamp field parsed once, in a projection below the checks and the typed columns.
        return Values.withParsedTimestamps(raw, Check.parsedFields(checks)).select(cols.toArray(Column[]::new));
    }

    /**
     * One record per key among the records that passed so far. Copies equal in every typed field
     * collapse silently; among differing copies the latest {@code updatedAt} wins (nulls oldest),
     * ties go to the smallest canonical JSON of the record, and the others are {@code duplicate_key}
     * rejects.
     */
    static Dataset<Row> deduplicate(Dataset<Row> judged, List<String> key, String updatedAt) {
        List<String> content = new ArrayList<>();
        for (String c : judged.columns()) {
            if (!List.of(RawColumns.FILE, RawColumns.RAW, VERDICT, COPY).contains(c)) content.add(c);
        }
        Column[] asWritten = content.stream().map(c -> col(c)).toArray(Column[]::new);
        Column[] comparable = content.stream().map(RecordValidation::comparable).toArray(Column[]::new);
        boolean jsonTexts = content.stream().anyMatch(c -> c.equals(RawColumns.UNMAPPED) || CHILD_ARRAYS.contains(c));
        // Only a key with more than one record needs the canonical JSON (a copy of the record, child
        // arrays too): computed after the shuffle, for those keys alone. The record as written orders
        // the copies (as it always has, so no winner changes); the comparable form says which differ.
        Column canonical = when(col(COPIES).gt(1), to_json(struct(asWritten)));
        Column same = jsonTexts ? when(col(COPIES).gt(1), to_json(struct(comparable))) : col(CANONICAL);
        List<Column> order = new ArrayList<>();
        if (updatedAt != null) order.add(col(updatedAt).desc_nulls_last());
        order.add(col(CANONICAL).asc());
        order.add(col(RawColumns.RAW).asc());
        order.add(col(RawColumns.FILE).asc());
        // Records already rejected rank apart from the rest: they neither win nor lose. The split is a
        // column of its own, not an expression in each window's partitioning: Spark sees three
        // windows over the same attributes and shuffles the records once, where an expression, aliased
        // anew by each window, cost a shuffle of every record per window.
        List<Column> partition = new ArrayList<>();
        for (String k : SortKeys.selectiveFirstColumns(key)) partition.add(col(k));
        partition.add(col(OPEN));
        WindowSpec sameKey = Window.partitionBy(partition.toArray(Column[]::new));
        WindowSpec ranking = sameKey.orderBy(order.toArray(Column[]::new));
        // The canonical JSON is a copy of the record: only a losing, differing copy keeps the winner's, for its reject.
        Column winner = first(col(CANONICAL)).over(ranking);
        Column winnerSame = first(col(SAME)).over(ranking);
        Column loses = col(RANK).gt(1);
        List<Column> ranked = new ArrayList<>();
        for (String c : judged.columns()) ranked.add(col(c));
        ranked.add(col(CANONICAL));
        ranked.add(col(SAME));
        // Rank and winner in one projection: one window operator over one sort.
        ranked.add(row_number().over(ranking).as(RANK));
        ranked.add(when(col(SAME).notEqual(winnerSame), winner).as(WINNER));
        return judged.withColumn(OPEN, col(VERDICT).isNull())
                .withColumn(COPIES, count(lit(1)).over(sameKey))
                .withColumn(CANONICAL, canonical)
                .withColumn(SAME, same)
                .select(ranked.toArray(Column[]::new))
                .withColumn(VERDICT, Verdicts.judge(loses.and(col(WINNER).isNotNull()), lit("duplicate_key"),
                        concat(lit("another record with the same key (" + String.join(", ", key)
                                + ") differs and won; kept: "), col(WINNER))))
                .withColumn(COPY, Verdicts.open().and(loses))
                .drop(CANONICAL, SAME, RANK, WINNER);
    }

    /**
     * A column as the deduplication compares it. Nested children and unknown fields are JSON texts as
     * written: two exports of one record may order their keys differently, and are still copies.
     */
    private static Column comparable(String column) {
        if (column.equals(RawColumns.UNMAPPED)) return CanonicalJson.ofUnmapped(col(column)).as(column);
        if (CHILD_ARRAYS.contains(column)) return transform(col(column), CanonicalJson::of).as(column);
        return col(column);
    }

    /**
     * What a kind's materialized pass keeps of its judged records: the record as read only where a
     * reject shows it. A valid invoice's line also holds its children, which are kept beside it as
     * their own texts, so the line doubled what each valid invoice kept in memory and spilled.
     */
    static Dataset<Row> keepable(Dataset<Row> judged) {
        return judged.withColumn(RawColumns.RAW, when(col(VERDICT).isNotNull(), col(RawColumns.RAW)));
    }

    /** The rejects among judged records, as rows of {@code rejects/<kind>}. */
    static Dataset<Row> rejects(Dataset<Row> judged, String kind, java.time.Instant asOf) {
        return Rejects.of(judged.filter(col(VERDICT).isNotNull()), kind, Verdicts.reason(), Verdicts.detail(), asOf);
    }

    /** The valid records, without the bookkeeping of the verdicts. */
    static Dataset<Row> valid(Dataset<Row> judged) {
        return judged.filter(Verdicts.open()).drop(VERDICT, COPY);
    }
}
