package io.mrrlake.landing;

import static org.apache.spark.sql.functions.col;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a JSON landing zone as a flat one (parquet, avro, csv or delta): each kind as a table of its
 * documented columns (docs/LANDING.md), invoices split into invoices, line_items and transactions,
 * customers' attributes into customer_tags and customer_attributes. Lines that are not JSON and
 * unknown extra fields are not carried over. Values are written as the JSON had them (text).
 */
public final class FlatLandingConverter {
    private FlatLandingConverter() {}

    public static void convert(SparkSession spark, String jsonRoot, String outRoot, InputFormat format) {
        if (format == InputFormat.JSON) throw new IllegalArgumentException("the target must be a flat format");
        LandingReader reader = new LandingReader(LandingZone.open(spark, jsonRoot, InputFormat.JSON));
        for (LandingKind kind : LandingKind.values()) {
            if (kind.nestedInJson()) continue;
            Dataset<Row> raw = reader.read(kind).filter(col(RawColumns.BAD).isNull());
            write(raw, kind, outRoot, format);
            if (kind == LandingKind.INVOICES) {
                write(JsonLandingReader.children(raw, "data_source_uuid", "external_id", RawColumns.LINE_ITEMS, LandingKind.LINE_ITEMS), LandingKind.LINE_ITEMS, outRoot, format);
                write(JsonLandingReader.children(raw, "data_source_uuid", "external_id", RawColumns.TRANSACTIONS, LandingKind.TRANSACTIONS), LandingKind.TRANSACTIONS, outRoot, format);
            }
            if (kind == LandingKind.CUSTOMERS) {
                write(JsonLandingReader.children(raw, "data_source_uuid", "external_id", RawColumns.TAGS, LandingKind.CUSTOMER_TAGS), LandingKind.CUSTOMER_TAGS, outRoot, format);
                write(JsonLandingReader.children(raw, "data_source_uuid", "external_id", RawColumns.CUSTOM, LandingKind.CUSTOMER_ATTRIBUTES), LandingKind.CUSTOMER_ATTRIBUTES, outRoot, format);
            }
        }
    }

    private static void write(Dataset<Row> raw, LandingKind kind, String outRoot, InputFormat format) {
        List<String> fields = kind.fields();
        Dataset<Row> table = raw.select(fields.stream().map(f -> col(f)).toArray(Column[]::new)).coalesce(1);
        String path = outRoot + "/" + kind.folder();
        switch (format) {
            case PARQUET -> table.write().mode(SaveMode.Overwrite).parquet(path);
            case AVRO -> table.write().mode(SaveMode.Overwrite).format("avro").save(path);
            case CSV -> table.write().mode(SaveMode.Overwrite).option("header", "true").option("escape", "\"").csv(path);
            case DELTA -> table.write().mode(SaveMode.Overwrite).format("delta").save(path);
            case JSON -> throw new IllegalArgumentException("JSON is not flat");
        }
    }
}
