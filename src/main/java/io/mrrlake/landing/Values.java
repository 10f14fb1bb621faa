package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;


import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Typing of landing strings as Spark expressions: each {@code isX} says whether a non-null string is a
 * valid X, each {@code toX} converts a valid one. No UDFs, so the optimizer sees everything.
 */
public final class Values {
    /**
     * A whole number that fits a bigint safely, written as an integer: "12.0" and "1e3" are not
     * integers (a typed float column that holds whole numbers is written as an integer by the reader).
     */
    private static final String LONG_PATTERN = "^[+-]?[0-9]{1,18}$";
    private static final String INT_PATTERN = "^[+-]?[0-9]{1,9}$";
    /** A decimal number; an exponent is allowed, since Spark's JSON parser writes 0.00001 as 1.0E-5. */
    private static final String DECIMAL_PATTERN = "^[+-]?([0-9]{1,26}(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?$";
    private static final String DATE_ONLY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private static final String UTC_SUFFIX = "\\s*(Z|z|UTC)$";
    /** ISO-8601's extended format, upper-cased, with a point for a decimal comma ({@link #isoShape}). */
    static final String ISO_SHAPE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}(:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?"
            + " *(Z|UTC|[+-][0-9]{2}(:?[0-9]{2})?)?)?\\z";
    private static final String PARSED_TIMESTAMP = "_TS_";
    public static final DecimalType RATE_TYPE = DataTypes.createDecimalType(38, 12);

    /** to_json options for output JSON columns: keys stay when a value is missing, so readers see one shape. */
    public static final Map<String, String> JSON_WITH_NULLS = Map.of("ignoreNullFields", "false");

    private Values() {}

    public static Column isLong(Column s) {
        return s.rlike(LONG_PATTERN);
    }

    /**
     * A text {@link #isLong} accepts, as a bigint: Spark's cast reads the sign itself. (A regular
     * expression that dropped a leading "+" first cost a match per value and changed no result.)
     */
    public static Column toLong(Column s) {
        return s.cast(DataTypes.LongType);
    }

    public static Column isInt(Column s) {
        return s.rlike(INT_PATTERN);
    }

    public static Column toInt(Column s) {
        return toLong(s).cast(DataTypes.IntegerType);
    }

    public static Column isDecimal(Column s) {
        return s.rlike(DECIMAL_PATTERN);
    }

    public static Column toDecimal(Column s) {
        return s.cast(RATE_TYPE);
    }

    /**
     * ISO-8601 to a UTC instant: a bare date is midnight UTC and a time without zone is UTC. Null
     * when the text is not a timestamp. A UTC text (suffix Z or UTC, or none) is parsed without its
     * zone, in the session's time zone, which the job keeps at UTC (SparkSessions.REQUIRED,
     * SourceStage): for a text with an explicit zone Spark compiles two regular expressions per value
     * (DateTimeUtils.getZoneId), which took a sixth of the landing read's time. Other offsets
     * (+02:00) keep that slower, exact path. Only ISO's extended shapes pass ({@link #isoShape}):
     * Spark's own parser also takes a bare time as today's date, which made a run's result depend on
     * the day it ran.
     */
    public static Column toTimestamp(Column s) {
        Column t = trim(s);
        Column n = length(t);
        // The common UTC shapes, "YYYY-MM-DD", a time "hh:mm:ss" (an optional fraction), then "Z" or
        // nothing (a time without zone is UTC), are checked by their separators' positions and cut,
        // without a regular expression (they took a tenth of the read stage's executor time) and
        // without a substring per check (each one cost 5% of the parse): what Spark's parser then
        // refuses ("t", a decimal comma) takes the rule itself below. Only two-digit fields and no
        // other zone: Spark's parser reads "+02:00Z" by its offset and "T1:2:3Z" as 01:02:03, which
        // ISO-8601 is not; those take the rule below, which refuses them.
        Column end = when(t.endsWith("Z"), n.minus(1)).otherwise(n);
        Column common = n.gt(11).and(t.substr(end, lit(1)).between("0", "9"))
                .and(instr(t, "-").equalTo(5)).and(locate("-", t, 6).equalTo(8))
                .and(locate("-", t, 9).equalTo(0)).and(instr(t, "+").equalTo(0))
                .and(locate(":", t, 12).equalTo(14)).and(locate(":", t, 15).equalTo(17)).and(locate(":", t, 18).equalTo(0))
                .and(end.equalTo(19).or(locate(".", t, 18).equalTo(20)));
        // ISO allows "t", "z" and a decimal comma; Spark's parser wants "T", "Z" and a point.
        Column other = translate(upper(t), ",", ".");
        // A bare date has 10 characters, or 11-12 with the line end that "$" allows.
        Column local = when(n.between(10, 12).and(t.rlike(DATE_ONLY)), concat(t, lit("T00:00:00")))
                .when(isoShape(other), regexp_replace(other, UTC_SUFFIX, ""));
        return coalesce(when(common, try_to_timestamp(t.substr(lit(1), end))), try_to_timestamp(local));
    }

    /**
     * Whether an upper-cased timestamp text (a decimal comma made a point) has ISO-8601's extended
     * shape: {@code YYYY-MM-DD}, then nothing or {@code T} (or a space) and a time of two-digit
     * fields {@code hh[:mm[:ss[.fraction]]]}, then at most one zone: {@code Z}, {@code UTC} or an
     * offset ({@code +02:00}, {@code +0200}, {@code +02}). Spark's parser, which reads what passes,
     * also takes a bare time (as today's date), one-digit fields, region names, "GMT+01:00", an
     * offset followed by "Z" (read by the offset) and an offset with seconds; they are
     * {@code bad_timestamp} here, and a run's result no longer depends on the day it ran. Only the
     * texts the common UTC shape leaves pay this regular expression.
     */
    private static Column isoShape(Column t) {
        return t.rlike(ISO_SHAPE);
    }

    /**
     * A landing field's text parsed by {@link #toTimestamp} once per record: the column that
     * {@link #withParsedTimestamps} adds. A rule that reads a field's instant in several places (its
     * check, its typed value, a period's length) reads this column: Spark evaluates a repeated
     * expression inside the branches of the checks' CASE WHEN once per occurrence, so each field's
     * parse appeared up to six times in a kind's generated code (24 times in invoices').
     */
    public static Column parsedTimestamp(String field) {
        return col(PARSED_TIMESTAMP + field);
    }

    /** {@code raw} with {@link #parsedTimestamp} of each field; the projection keeps its own columns. */
    public static Dataset<Row> withParsedTimestamps(Dataset<Row> raw, Collection<String> fields) {
        Map<String, Column> parsed = new LinkedHashMap<>();
        for (String f : fields) parsed.put(PARSED_TIMESTAMP + f, toTimestamp(col(f)));
        return parsed.isEmpty() ? raw : raw.withColumns(parsed);
    }

    public static Column isTimestamp(Column s) {
        return toTimestamp(s).isNotNull();
    }

    /** Whether a parsed timestamp lies within the dates the job accepts ({@link Limits}). */
    public static Column inDateRange(Column ts) {
        return ts.geq(lit(java.sql.Timestamp.from(Limits.MIN_DATE))).and(ts.lt(lit(java.sql.Timestamp.from(Limits.END_DATE))));
    }

    /**
     * Every character Java counts as whitespace ({@link Character#isWhitespace}: spaces, tabs, line
     * breaks, the other Unicode space separators; not a no-break space), the rule of
     * {@link String#isBlank} that the JSON parser applies. None lies outside the 16-bit range.
     */
    private static final String JAVA_WHITESPACE = java.util.stream.IntStream.rangeClosed(0, 0xFFFF)
            .filter(Character::isWhitespace)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    /**
     * Empty, or whitespace only ({@link #JAVA_WHITESPACE}). Spark's one-argument {@code trim} strips
     * spaces alone, so a tab was an id.
     */
    public static Column isBlank(Column s) {
        return trim(s, JAVA_WHITESPACE).equalTo("");
    }

    public static Column isBoolean(Column s) {
        return lower(trim(s)).isin("true", "false");
    }

    public static Column toBoolean(Column s) {
        return lower(trim(s)).equalTo("true");
    }

    /** Currency codes are compared upper-case ("usd" is USD). */
    public static Column toCurrency(Column s) {
        return upper(trim(s));
    }

    /** The 0-based index of a valid enum value in its wire names (InvoiceStatus, EventType order). */
    public static Column ordinal(Column s, java.util.List<String> wireNames) {
        Column names = array(wireNames.stream().map(functions::lit).toArray(Column[]::new));
        return array_position(names, s).minus(1).cast(DataTypes.IntegerType);
    }

    /** "yyyy-MM" of a timestamp's UTC date (the session time zone is UTC, see SourceStage). */
    public static Column month(Column ts) {
        return date_format(ts, "yyyy-MM");
    }

    /** A timestamp as an id part: its epoch microseconds, independent of any time zone. */
    public static Column idPart(Column ts) {
        return unix_micros(ts).cast(DataTypes.StringType);
    }
}
