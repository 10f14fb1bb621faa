package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * JSON Lines to raw records. Lines are read as text and parsed with {@code from_json} against an
 * explicit schema in which every scalar is a string, except the integer fields
 * ({@link LandingKind#INTEGER_FIELDS}), which are parsed as bigint: Spark's parser renders any
 * number it reads into a string through a double ({@code 1e3} becomes "1000.0", large values turn
 * to E-notation), so only a typed parse tells an integer token from a float or a string. A present
 * integer field that did not parse keeps its token's text, which validation rejects (bad_number).
 * Nested children (line items, transactions, tags, custom attributes) stay JSON text until their
 * parent has been validated ({@link #children}); a nested field of the wrong JSON type (an object or
 * a string where an array belongs) rejects its parent whole (bad_json, naming the field), where the
 * parser alone would give a partial row without it.
 */
public final class JsonLandingReader {
    private static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType);
    private static final MapType OBJECT = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
    private static final StructType KEY = new StructType()
            .add("data_source_uuid", DataTypes.StringType).add("external_id", DataTypes.StringType);
    private static final Map<String, String> PERMISSIVE = Map.of("mode", "PERMISSIVE");
    private static final String PARSED = "_J";
    private static final String KEYS = "_K";

    private JsonLandingReader() {}

    /** The explicit JSON schema of a top-level kind (docs/LANDING.md's nesting, scalars as strings). */
    public static StructType schema(LandingKind kind) {
        StructType s = new StructType();
        switch (kind) {
            case CUSTOMER_MERGES -> {
                return s.add("from", KEY).add("into", KEY).add("merged_at", DataTypes.StringType);
            }
            default -> {
                for (String f : kind.jsonFields()) s = s.add(f, scalarType(f));
            }
        }
        if (kind == LandingKind.CUSTOMERS) {
            s = s.add("attributes", new StructType().add("tags", STRINGS).add("custom", STRINGS));
        }
        if (kind == LandingKind.INVOICES) {
            s = s.add("line_items", STRINGS).add("transactions", STRINGS);
        }
        return s;
    }

    private static DataType scalarType(String field) {
        return LandingKind.INTEGER_FIELDS.contains(field) ? DataTypes.LongType : DataTypes.StringType;
    }

    /** Top-level keys of a kind's JSON object; any other key is unmapped. */
    static List<String> knownKeys(LandingKind kind) {
        return List.of(schema(kind).fieldNames());
    }

    /** Raw records of a top-level kind from JSON Lines files (plain or gzip). */
    public static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind) {
        return read(spark, files, kind, Optional.empty());
    }

    /** As {@link #read(SparkSession, List, LandingKind)}, parsing only the lines the prefilter lets through. */
    static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind, Optional<LinePrefilter> prefilter) {
        // The record is parsed once against the schema; its top-level keys are listed (a cheaper
        // pass) and only a record with keys outside the schema is parsed a second time, as a map, for
        // its unmapped attributes.
        Dataset<Row> lines = spark.read().text(files.toArray(String[]::new))
                .select(col("value").as(RawColumns.RAW), input_file_name().as(RawColumns.FILE))
                // A blank line is no record (editors and concatenation leave them); nothing else is skipped.
                .filter(trim(col(RawColumns.RAW)).notEqual("")
                        .and(prefilter.map(p -> p.mayHold(col(RawColumns.RAW))).orElse(lit(true))))
                .withColumn(PARSED, from_json(col(RawColumns.RAW), schema(kind), PERMISSIVE))
                .withColumn(KEYS, json_object_keys(col(RawColumns.RAW)));
        List<String> known = knownKeys(kind);
        Column hasUnknownKey = exists(col(KEYS), k -> not(k.isin(known.toArray())));
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) out.add(blankAsNull(fieldOf(kind, f)).as(f));
        out.add(col(RawColumns.FILE));
        out.add(col(RawColumns.RAW));
        out.add(when(hasUnknownKey, unmapped(from_json(col(RawColumns.RAW), OBJECT, PERMISSIVE), known))
                .as(RawColumns.UNMAPPED));
        // json_object_keys is null for anything but a JSON object (an array, a number, broken text).
        out.add(badJson(col(KEYS), col(PARSED), nestedShapes(kind)).as(RawColumns.BAD));
        switch (kind) {
            case INVOICES -> {
                out.add(col(PARSED + ".line_items").as(RawColumns.LINE_ITEMS));
                out.add(col(PARSED + ".transactions").as(RawColumns.TRANSACTIONS));
            }
            case CUSTOMERS -> {
                out.add(col(PARSED + ".attributes.tags").as(RawColumns.TAGS));
                out.add(col(PARSED + ".attributes.custom").as(RawColumns.CUSTOM));
            }
            default -> { }
        }
        return lines.select(out.toArray(Column[]::new));
    }

    /**
     * Raw records of a nested kind, one per element of the parents' array column, with the parent's
     * data source and external id (columns {@code dataSourceColumn}, {@code idColumn}) and the
     * element's position.
     */
    public static Dataset<Row> children(Dataset<Row> parents, String dataSourceColumn, String idColumn,
                                        String arrayColumn, LandingKind kind) {
        String parentKey = kind == LandingKind.LINE_ITEMS || kind == LandingKind.TRANSACTIONS
                ? "invoice_external_id" : "customer_external_id";
        Dataset<Row> exploded = parents.select(
                col(dataSourceColumn).as("_DS"), col(idColumn).as("_PARENT"), col(RawColumns.FILE),
                posexplode(col(arrayColumn)).as(new String[] {"_POS", RawColumns.RAW}));
        StructType own = new StructType();
        for (String f : kind.jsonFields()) own = own.add(f, scalarType(f));
        boolean plainStrings = kind == LandingKind.CUSTOMER_TAGS;
        Dataset<Row> parsed = exploded
                .withColumn(PARSED, plainStrings ? lit(null) : from_json(col(RawColumns.RAW), own, PERMISSIVE))
                .withColumn(KEYS, plainStrings ? lit(null) : json_object_keys(col(RawColumns.RAW)));
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) {
            Column c;
            if (f.equals("data_source_uuid")) c = col("_DS");
            else if (f.equals(parentKey)) c = col("_PARENT");
            else if (f.equals("position")) c = col("_POS").cast(DataTypes.StringType);
            else if (plainStrings) c = blankAsNull(col(RawColumns.RAW));
            else c = blankAsNull(value(f, PARSED + "." + f, "$." + f));
            out.add(c.as(f));
        }
        out.add(col(RawColumns.FILE));
        out.add(col(RawColumns.RAW));
        out.add(lit(null).cast(DataTypes.StringType).as(RawColumns.UNMAPPED));
        out.add((plainStrings ? lit(null).cast(DataTypes.StringType) : badJson(col(KEYS), col(PARSED), List.of()))
                .as(RawColumns.BAD));
        return parsed.select(out.toArray(Column[]::new));
    }

    private static Column fieldOf(LandingKind kind, String field) {
        if (kind == LandingKind.CUSTOMER_MERGES && !field.equals("merged_at")) {
            int cut = field.indexOf('_');
            return col(PARSED + "." + field.substring(0, cut) + "." + field.substring(cut + 1));
        }
        return value(field, PARSED + "." + field, "$." + field);
    }

    /**
     * A field as text. An integer field that parsed is its digits; one that is present (not JSON
     * null) but did not parse as a bigint keeps the text of its token as written on the line (a
     * float, a string in quotes, an integer out of range), which no integer check accepts. Only such
     * a record pays for the second look at its text.
     */
    private static Column value(String field, String parsedPath, String jsonPath) {
        if (!LandingKind.INTEGER_FIELDS.contains(field)) return col(parsedPath);
        Column raw = col(RawColumns.RAW);
        Column token = regexp_extract(raw, "\"" + field + "\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)", 1);
        Column shown = when(token.equalTo(""), lit("(not a JSON integer)"))
                .when(token.rlike("^-?[0-9]+$"), concat(token, lit(" (out of the 64-bit range)")))
                .otherwise(token);
        return when(col(parsedPath).isNotNull(), col(parsedPath).cast(DataTypes.StringType))
                .when(array_contains(col(KEYS), field).and(get_json_object(raw, jsonPath).isNotNull()), shown);
    }

    /**
     * The nested fields of a kind that must have a JSON type (path in the parsed row, JSON path, the
     * type named in the reject): the parser leaves such a field null when it has another type.
     */
    private static List<String[]> nestedShapes(LandingKind kind) {
        return switch (kind) {
            case INVOICES -> List.of(new String[] {"line_items", "$.line_items", "an array"},
                    new String[] {"transactions", "$.transactions", "an array"});
            case CUSTOMERS -> List.of(new String[] {"attributes", "$.attributes", "an object"},
                    new String[] {"attributes.tags", "$.attributes.tags", "an array"},
                    new String[] {"attributes.custom", "$.attributes.custom", "an array"});
            case CUSTOMER_MERGES -> List.of(new String[] {"from", "$.from", "an object"},
                    new String[] {"into", "$.into", "an object"});
            default -> List.of();
        };
    }

    static Column blankAsNull(Column c) {
        return when(trim(c).notEqual(""), c);
    }

    /**
     * A line that is not a JSON object, or whose shape does not fit the schema (e.g. line_items not an
     * array). {@code objectOrNull} is any value that is null exactly when the text is not a JSON object.
     */
    private static Column badJson(Column objectOrNull, Column parsed, List<String[]> shapes) {
        Column bad = when(objectOrNull.isNull(), lit("not a JSON object"))
                .when(parsed.isNull(), lit("JSON does not match the landing schema"));
        for (String[] shape : shapes) {
            // Null in the parsed row but not JSON null on the line: another type. The text is only
            // looked at again for a record whose field is missing from the parsed row.
            String key = shape[0].substring(shape[0].lastIndexOf('.') + 1);
            bad = bad.when(col(PARSED + "." + shape[0]).isNull()
                            .and(col(RawColumns.RAW).contains("\"" + key + "\""))
                            .and(get_json_object(col(RawColumns.RAW), shape[1]).isNotNull()),
                    lit(shape[0] + " is not " + shape[2]));
        }
        return bad;
    }

    private static Column unmapped(Column asMap, List<String> known) {
        Column extra = map_filter(asMap, (k, v) -> not(k.isin(known.toArray())));
        return when(size(extra).gt(0), to_json(extra));
    }
}
