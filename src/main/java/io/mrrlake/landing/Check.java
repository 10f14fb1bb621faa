package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Objects;

import io.mrrlake.model.MinorUnits;
import org.apache.spark.sql.Column;

/**
 * One rule a raw record must pass: when {@code fails} is true the record is rejected with
 * {@code reason} (a stable code of docs/DATASETS.md, a column when one check can fail two ways) and
 * {@code detail} (human text). Field names are the raw landing columns. A timestamp check names its
 * field in {@code parsedField}: it reads {@link Values#parsedTimestamp}, which the caller adds first
 * ({@link Values#withParsedTimestamps} of {@link #parsedFields}).
 */
public record Check(Column reason, Column fails, Column detail, String parsedField) {

    public Check(Column reason, Column fails, Column detail) {
        this(reason, fails, detail, null);
    }

    public Check(String reason, Column fails, Column detail) {
        this(lit(reason), fails, detail);
    }

    public static Check required(String field) {
        return new Check("missing_field:" + field, col(field).isNull(), lit("required field " + field + " is missing"));
    }

    /** Required only when {@code when} holds (e.g. plan_external_id for subscription items). */
    public static Check requiredWhen(String field, Column when, String why) {
        return new Check("missing_field:" + field, when.and(col(field).isNull()),
                lit("field " + field + " is required " + why));
    }

    public static Check integer(String field) {
        return number(field, Values.isLong(col(field)), "an integer");
    }

    /** A money field: an integer no larger in size than {@link Limits#MAX_AMOUNT}. */
    public static Check amount(String field) {
        Column text = col(field);
        Column notInteger = not(Values.isLong(text));
        Column tooLarge = abs(Values.toLong(text)).gt(Limits.MAX_AMOUNT);
        return new Check("bad_number:" + field, text.isNotNull().and(notInteger.or(tooLarge)),
                when(notInteger, concat(lit(field + " is not an integer: "), text))
                        .otherwise(concat(lit(field + " is outside ±" + Limits.MAX_AMOUNT + ": "), text)));
    }

    /** A 32-bit integer field that must not be 0 (a quantity): {@code bad_number:<field>}, after {@link #int32}. */
    public static Check nonZero(String field) {
        return new Check("bad_number:" + field, Values.toInt(col(field)).equalTo(0), lit(field + " must not be zero"));
    }

    public static Check int32(String field) {
        return number(field, Values.isInt(col(field)), "an integer (32 bit)");
    }

    public static Check decimal(String field) {
        return number(field, Values.isDecimal(col(field)), "a number");
    }

    private static Check number(String field, Column valid, String what) {
        return new Check("bad_number:" + field, col(field).isNotNull().and(not(valid)),
                concat(lit(field + " is not " + what + ": "), col(field)));
    }

    public static Check oneOf(String field, List<String> allowed) {
        return new Check("bad_enum:" + field, col(field).isNotNull().and(not(col(field).isin(allowed.toArray()))),
                concat(lit(field + " must be one of " + allowed + ", got: "), col(field)));
    }

    public static Check bool(String field) {
        return new Check("bad_enum:" + field, col(field).isNotNull().and(not(Values.isBoolean(col(field)))),
                concat(lit(field + " must be true or false, got: "), col(field)));
    }

    /**
     * Not one of the contract's reject codes (docs/LANDING.md "Rejects"): an unparseable date needs a
     * reason of its own (bad_timestamp). A date outside {@link Limits#MIN_DATE} to
     * {@link Limits#END_DATE} is bad_date: older or later dates break date arithmetic and writers.
     */
    public static Check timestamp(String field) {
        Column text = col(field);
        Column parsed = Values.parsedTimestamp(field);
        Column unparsed = parsed.isNull();
        Column outside = not(Values.inDateRange(parsed));
        return new Check(when(unparsed, lit("bad_timestamp:" + field)).otherwise(lit("bad_date:" + field)),
                text.isNotNull().and(unparsed.or(outside)),
                when(unparsed, concat(lit(field + " is not an ISO-8601 date or timestamp: "), text))
                        .otherwise(concat(lit(field + " is outside " + Limits.MIN_DATE + " to " + Limits.END_DATE
                                + " (exclusive): "), text)), field);
    }

    /**
     * An ISO 4217 code (any case) whose currency has a minor unit: amounts are whole minor units, so a
     * code without one (XAU, XXX) is as unusable as an unknown code.
     */
    public static Check currency(String field) {
        Column known = Values.toCurrency(col(field)).isin(MinorUnits.codes().toArray());
        return new Check("unknown_currency", col(field).isNotNull().and(not(known)),
                concat(lit(field + " is not an ISO-4217 currency code with a minor unit: "), col(field)));
    }

    public static Check of(String reason, Column fails, Column detail) {
        return new Check(reason, fails, detail);
    }

    /** The fields whose {@link Values#parsedTimestamp} the checks read, in their order. */
    public static List<String> parsedFields(List<Check> checks) {
        return checks.stream().map(Check::parsedField).filter(Objects::nonNull).distinct().toList();
    }

    /** The first failing check as struct(REASON, DETAIL), null when every check passes. */
    public static Column firstFailure(List<Check> checks) {
        Column out = null;
        for (Check c : checks) {
            Column hit = coalesce(c.fails(), lit(false));
            Column value = struct(c.reason().as(Rejects.REASON), c.detail().as(Rejects.DETAIL));
            out = out == null ? when(hit, value) : out.when(hit, value);
        }
        return out == null ? lit(null) : out;
    }
}
