package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet, Avro, CSV and Delta tables to raw records. The documented columns of a kind are taken by
 * name and turned into strings (a timestamp column into ISO-8601 with its offset), so every format
 * goes through the same validation as JSON; nothing is inferred from the data: CSV columns are all
 * read as strings ({@code inferSchema=false}), and the self-describing formats bring their own schema,
 * of which only the documented columns count. Other columns are unmapped attributes.
 */
public final class FlatLandingReader {
    private static final String ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";
    private static final String ISO_LOCAL = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";

    private FlatLandingReader() {}

    public static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind, InputFormat format) {
        String[] paths = files.toArray(String[]::new);
        Dataset<Row> table = switch (format) {
            case PARQUET -> spark.read().parquet(paths);
            case AVRO -> spark.read().format("avro").load(paths);
            case CSV -> spark.read()
                    .option("header", "true")
                    .option("inferSchema", "false")
                    .option("multiLine", "true")
                    .option("escape", "\"")
                    .option("mode", "PERMISSIVE")
                    .csv(paths);
            case DELTA -> spark.read().format("delta").load(paths[0]);
            case JSON -> throw new IllegalArgumentException("JSON is read by JsonLandingReader");
        };
        return toRaw(table, kind);
    }

    /** Any flat table (columns named as docs/LANDING.md, any types) as raw records of a kind. */
    public static Dataset<Row> toRaw(Dataset<Row> table, LandingKind kind) {
        List<String> present = Arrays.asList(table.columns());
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) {
            Column c = present.contains(f)
                    ? JsonLandingReader.blankAsNull(asString(table.col(f), fieldType(table, f)))
                    : lit(null).cast(DataTypes.StringType);
            out.add(c.as(f));
        }
        out.add(input_file_name().as(RawColumns.FILE));
        out.add(to_json(struct(present.stream().map(n -> asString(table.col(n), fieldType(table, n)).as(n))
                .toArray(Column[]::new))).as(RawColumns.RAW));
        out.add(unmapped(table, kind).as(RawColumns.UNMAPPED));
        out.add(lit(null).cast(DataTypes.StringType).as(RawColumns.BAD));
        for (String child : RawColumns.childArrays(kind)) {
            out.add(lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)).as(child));
        }
        return table.select(out.toArray(Column[]::new));
    }

    private static DataType fieldType(Dataset<Row> table, String name) {
        StructField f = table.schema().apply(name);
        return f.dataType();
    }

    /** A column as landing text, whatever type the writer gave it. */
    private static Column asString(Column c, DataType type) {
        if (type.equals(DataTypes.TimestampType)) return date_format(c, ISO_WITH_OFFSET);
        if (type.equals(DataTypes.TimestampNTZType)) return date_format(c, ISO_LOCAL);
        if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType) return to_json(c);
        return c.cast(DataTypes.StringType);
    }

    private static Column unmapped(Dataset<Row> table, LandingKind kind) {
        List<Column> kv = new ArrayList<>();
        for (String n : table.columns()) {
            if (kind.fields().contains(n)) continue;
            kv.add(lit(n));
            kv.add(asString(table.col(n), fieldType(table, n)));
        }
        if (kv.isEmpty()) return lit(null).cast(DataTypes.StringType);
        Column extra = map_filter(map(kv.toArray(Column[]::new)), (k, v) -> v.isNotNull());
        return when(size(extra).gt(0), to_json(extra));
    }
}
