package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The typing of landing texts gives, for every text, what the written rule gives: the rule is kept
 * here as the regular expressions it was first written with, and the faster expressions of
 * {@link Values} must agree with it on every text of an edge corpus.
 */
class ValuesTest {
    private static final List<String> TEXTS = List.of(
            "2024-03-01T10:42:32Z", "2024-03-01T10:42:32z", "2024-03-01T10:42:32.123456Z", "2024-03-01T10:42Z",
            "2024-03-01T10:42:32 Z", "2024-03-01T10:42:32\tZ", "2024-03-01T10:42:32UTC", "2024-03-01T10:42:32 UTC",
            "2024-03-01T10:42:32+02:00", "2024-03-01T10:42:32-05:30", "2024-03-01T10:42:32", "2024-03-01 10:42:32Z",
            "2024-03-01", "2024-03-01\n", "2024-03-01\r\n", "2024-3-1", "2024-03-01Z", "2024-03-01TZ",
            " 2024-03-01T10:42:32Z ", "2024-03-01T10:42:32Z\n", "2024-03-01T10:42:32Z\r\n", "2024-03-01T10:42:32Z\u2028",
            "2024-03-01T10:42:32ZZ", "2024-02-30T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "1Z", "Z", "z", "UTC", "", " ", "abc", "12", "2024", "20240301T104232Z", "２０２４-03-01T10:42:32Z",
            "2024-03-01T10:42:3٣Z",
            // Spark's parser takes these, ISO-8601 does not: a bare time (today's date), one-digit
            // fields, region names, GMT offsets.
            "10:00", "10:00:00", "T10:00:00Z", "2024-1-1", "2024-01-1", "2024-01-01T00:00:00 Europe/Paris",
            "2024-01-01T10:00:00GMT+01:00", "2024-01-01T10:00:00 UTC+1",
            // ISO-8601 that Spark's parser needs help with: lower case, a decimal comma.
            "2024-01-01t10:00:00z", "2024-01-01T10:00:00,5Z", "2024-01-01 10:00:00 UTC",
            // Two zones, one-digit time fields, an offset with seconds: Spark's parser read
            // "+02:00Z" by its offset (08:00Z) and "T1:2:3Z" as 01:02:03; ISO-8601 has neither.
            "2024-01-05T10:00:00+02:00Z", "2024-01-05T10:00:00+02:00 UTC", "2024-01-05T10:00:00-05:00Z",
            "2024-01-05T10:00:00Z+02:00", "2024-01-05T1:2:3Z", "2024-01-05T10:2:03Z", "2024-01-05T10:02:3Z",
            "2024-01-05T1:02:03", "2024-01-05T10:00:00+02:00:30", "2024-01-05T10:00:00.Z", "2024-01-05T10:00:00.5.5Z",
            // Still read: an hour alone, minutes without seconds, a space before the zone, short offsets.
            "2024-01-05T10", "2024-01-05T10Z", "2024-01-05T10:00 +02:00", "2024-01-05T10:00:00+0530",
            "2024-01-05T10:00:00-03", "2024-01-05T10:00:00.123456789Z");
    private static final List<String> NUMBERS = List.of(
            "0", "7", "+7", "-7", " 7", "7 ", "+ 7", "++7", "+-7", "-+7", "+", "-", "", "+0", "007",
            "12.0", "+12.5", "1e3", "+1e3", "999999999999999999", "+999999999999999999", "9999999999999999999",
            "-9223372036854775808", "+7\n", "7\n", "\t+7", "٣");

    @Test
    void timestampsAreWhatTheRuleSays() {
        // ISO-8601's extended shapes (upper case, a decimal comma as a point), then Spark's parser.
        Column t = translate(upper(trim(col("t"))), ",", ".");
        // Anchored at the text's very end (\\z): a final line break is not part of ISO-8601. Two-digit
        // time fields and at most one zone (the rule first allowed any of "-0-9:.+TZ " after the date).
        Column iso = t.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}(:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)? *(Z|UTC|[+-][0-9]{2}(:?[0-9]{2})?)?)?\\z");
        Column rule = when(iso, try_to_timestamp(when(t.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
                concat(t, lit("T00:00:00"))).otherwise(regexp_replace(t, "\\s*(Z|z|UTC)$", ""))));
        assertAgree(TEXTS, rule, Values.toTimestamp(col("t")));
    }

    @Test
    void twoZonesAndOneDigitTimeFieldsAreNoTimestamps() {
        List<String> refused = List.of("2024-01-05T10:00:00+02:00Z", "2024-01-05T10:00:00+02:00 UTC",
                "2024-01-05T10:00:00Z+02:00", "2024-01-05T1:2:3Z", "2024-01-05T10:02:3Z", "2024-01-05T1:02:03",
                "2024-01-05T10:00:00+02:00:30");
        Dataset<Row> rows = SparkTest.spark().createDataset(refused, Encoders.STRING()).toDF("t")
                .select(col("t"), Values.toTimestamp(col("t")).cast("string").as("ts"));
        for (Row r : rows.collectAsList()) assertEquals(null, r.getString(1), "for the text [" + r.getString(0) + "]");
        Dataset<Row> read = SparkTest.spark().createDataset(List.of("2024-01-05T10:00:00Z", "2024-01-05T10:00:00.5Z",
                        "2024-01-05T12:00:00+02:00", "2024-01-05T10:00Z", "2024-01-05T10Z", "2024-01-05 10:00:00 UTC"), Encoders.STRING())
                .toDF("t").select(col("t"), date_format(Values.toTimestamp(col("t")), "HH:mm").as("hm"));
        for (Row r : read.collectAsList()) assertEquals("10:00", r.getString(1), "for the text [" + r.getString(0) + "]");
    }

    @Test
    void integersAreWhatTheRuleSays() {
        Column accepted = Values.isLong(col("t"));
        Column rule = when(accepted, regexp_replace(col("t"), "^\\+", "").cast(DataTypes.LongType));
        assertAgree(NUMBERS, rule, when(accepted, Values.toLong(col("t"))));
        assertAgree(NUMBERS, when(Values.isInt(col("t")), regexp_replace(col("t"), "^\\+", "").cast(DataTypes.IntegerType)),
                when(Values.isInt(col("t")), Values.toInt(col("t"))));
    }

    /** Compares row by row, so a failure names the text. */
    private static void assertAgree(List<String> texts, Column expected, Column actual) {
        List<String> all = new ArrayList<>(texts);
        all.add(null);
        Dataset<Row> rows = SparkTest.spark().createDataset(all, Encoders.STRING()).toDF("t")
                .select(col("t"), expected.cast("string").as("expected"), actual.cast("string").as("actual"));
        for (Row r : rows.collectAsList()) {
            assertEquals(r.getString(1), r.getString(2), "for the text [" + r.getString(0) + "]");
        }
    }
}
