package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * JSON Lines to raw records: lines read as text, each parsed once by {@link JsonRecordParser} into
 * its fields as text, its unknown keys and its bad_json reason. Nested children (line items,
 * transactions, tags, custom attributes) stay JSON text until their parent has been validated
 * ({@link #children}), then each is parsed the same way.
 */
public final class JsonLandingReader {
    private static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType);
    private static final StructType KEY = new StructType()
            .add("data_source_uuid", DataTypes.StringType).add("external_id", DataTypes.StringType);
    private static final String PARSED = "_J";

    private JsonLandingReader() {}

    /**
     * The explicit JSON schema of a top-level kind (docs/LANDING.md's nesting, scalars as strings,
     * integer fields as bigint): what the I/O floor (bench.IoFloor) reads the zone with.
     */
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

    /** Raw records of a top-level kind from JSON Lines files (plain or gzip). */
    /** What JSON allows around a value on one line (RFC 8259 "ws", less the line feed that ends it). */
    private static final String JSON_WHITESPACE = " \t\r";

    public static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind) {
        return read(spark, files, kind, Optional.empty());
    }

    /** As {@link #read(SparkSession, List, LandingKind)}, parsing only the lines the prefilter lets through. */
    static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind, Optional<LinePrefilter> prefilter) {
        JsonRecordParser parser = JsonRecordParser.topLevel(kind);
        Dataset<Row> parsed = spark.read().text(files.toArray(String[]::new))
                .select(col("value").as(RawColumns.RAW), input_file_name().as(RawColumns.FILE))
                // A blank line is no record (editors and concatenation leave them); nothing else is
                // skipped. Blank is JSON's whitespace: spaces, tabs and a carriage return.
                .filter(trim(col(RawColumns.RAW), JSON_WHITESPACE).notEqual("")
                        .and(prefilter.map(p -> p.mayHold(col(RawColumns.RAW))).orElse(lit(true))))
                .withColumn(PARSED, parser.column(col(RawColumns.RAW)));
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) out.add(col(PARSED + "." + f).as(f));
        out.add(col(RawColumns.FILE));
        out.add(col(RawColumns.RAW));
        out.add(col(PARSED + "." + RawColumns.UNMAPPED).as(RawColumns.UNMAPPED));
        out.add(col(PARSED + "." + RawColumns.BAD).as(RawColumns.BAD));
        for (String child : RawColumns.childArrays(kind)) out.add(col(PARSED + "." + child).as(child));
        return parsed.select(out.toArray(Column[]::new));
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
        boolean plainStrings = kind == LandingKind.CUSTOMER_TAGS;
        JsonRecordParser parser = JsonRecordParser.child(kind);
        Dataset<Row> parsed = plainStrings ? exploded
                : exploded.withColumn(PARSED, parser.column(col(RawColumns.RAW)));
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) {
            Column c;
            if (f.equals("data_source_uuid")) c = col("_DS");
            else if (f.equals(parentKey)) c = col("_PARENT");
            else if (f.equals("position")) c = col("_POS").cast(DataTypes.StringType);
            else if (plainStrings) c = blankAsNull(col(RawColumns.RAW));
            else c = col(PARSED + "." + f);
            out.add(c.as(f));
        }
        out.add(col(RawColumns.FILE));
        out.add(col(RawColumns.RAW));
        out.add(lit(null).cast(DataTypes.StringType).as(RawColumns.UNMAPPED));
        out.add((plainStrings ? lit(null).cast(DataTypes.StringType) : col(PARSED + "." + RawColumns.BAD))
                .as(RawColumns.BAD));
        return parsed.select(out.toArray(Column[]::new));
    }

    /** Empty or blank ({@link Values#isBlank}) is missing. */
    static Column blankAsNull(Column c) {
        return when(not(Values.isBlank(c)), c);
    }
}
