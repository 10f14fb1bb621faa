package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.mrrlake.model.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The rows of {@code rejects/<kind>} (docs/DATASETS.md "Rejects"). */
public final class Rejects {
    public static final String KIND = "KIND";
    public static final String REASON = "REASON";
    public static final String DETAIL = "DETAIL";
    public static final String SOURCE_FILE = "SOURCE_FILE";
    public static final String RAW = "RAW";

    public static final StructType SCHEMA = new StructType()
            .add(KIND, DataTypes.StringType, false)
            .add(REASON, DataTypes.StringType, false)
            .add(DETAIL, DataTypes.StringType)
            .add(SOURCE_FILE, DataTypes.StringType)
            .add(RAW, DataTypes.StringType)
            .add(Columns.AS_OF, DataTypes.TimestampType, false);

    private Rejects() {}

    /**
     * Rejects of records that still carry their raw bookkeeping columns ({@link RawColumns}). RAW is
     * made valid UTF-8 ({@link #validUtf8}): a JSON line is the file's bytes as read, and bytes that
     * are not UTF-8 (a Latin-1 or UTF-16 file) written as they are made the whole rejects dataset
     * unreadable to DuckDB and pyarrow ("invalid UTF8").
     */
    public static Dataset<Row> of(Dataset<Row> records, String kind, Column reason, Column detail, Instant asOf) {
        return records.select(
                lit(kind).as(KIND),
                reason.as(REASON),
                detail.as(DETAIL),
                col(RawColumns.FILE).as(SOURCE_FILE),
                validUtf8(col(RawColumns.RAW)).as(RAW),
                asOfColumn(asOf).as(Columns.AS_OF));
    }

    /**
     * Rejects decided after the landing checks, from typed records (the MRR engine's): no source
     * file, and RAW the record's {@code rawFields} as a JSON object, not the text as read.
     */
    public static Dataset<Row> ofTyped(Dataset<Row> records, String kind, Column reason, Column detail,
                                       List<String> rawFields, Instant asOf) {
        return records.select(
                lit(kind).as(KIND),
                reason.as(REASON),
                detail.as(DETAIL),
                lit(null).cast(DataTypes.StringType).as(SOURCE_FILE),
                to_json(struct(rawFields.stream().map(f -> col(f)).toArray(Column[]::new))).as(RAW),
                asOfColumn(asOf).as(Columns.AS_OF));
    }

    /**
     * A text with each byte sequence that is not UTF-8 replaced by U+FFFD, as the parsed fields read
     * it (Spark's strings hold the file's bytes unchecked; Java's decoding replaces them): encoding
     * decodes the bytes to Java text, decoding makes that text a string again. Only rejects pay it.
     */
    static Column validUtf8(Column text) {
        return decode(encode(text, "UTF-8"), "UTF-8");
    }

    public static Dataset<Row> empty(SparkSession spark) {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /** The run's as-of instant as a timestamp literal. */
    public static Column asOfColumn(Instant asOf) {
        return lit(Timestamp.from(asOf));
    }
}
