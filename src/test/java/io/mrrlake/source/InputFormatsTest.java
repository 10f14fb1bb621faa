package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.landing.FlatLandingConverter;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;
import java.sql.Timestamp;
import java.time.Instant;

import io.mrrlake.landing.Rejects;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same landing data in every input format gives the same source rows and the same reject reasons
 * (a tag of one tab is blank in each: missing_field:tag).
 */
class InputFormatsTest {
    @TempDir static Path tmp;
    static Map<OutputDataset, List<String>> expected;
    static List<String> expectedRejects;

    static LandingFixture sample(Path root) {
        return new LandingFixture(root)
                .add("data_sources", "{\"uuid\":\"ds_1\",\"name\":\"Stripe\",\"system\":\"Stripe\",\"created_at\":\"2023-01-01\"}",
                        "{\"uuid\":\"ds_2\",\"name\":\"Import\",\"system\":\"Import API\"}")
                .add("plans", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"gold\",\"name\":\"Gold\",\"interval_count\":1,\"interval_unit\":\"month\"}",
                        "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"gold_y\",\"name\":\"Gold yearly\",\"interval_count\":\"1\",\"interval_unit\":\"year\"}")
                .add("customers", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\",\"name\":\"Acme\",\"email\":\"a@acme.test\",\"company\":\"Acme Inc\",\"country\":\"DE\",\"zip\":\"10115\",\"lead_status\":\"Working Lead\",\"created_at\":\"2023-02-01T10:00:00Z\",\"updated_at\":\"2023-03-01T10:00:00+02:00\","
                                + "\"attributes\":{\"tags\":[\"vip\",\"eu\",\"\\t\"],\"custom\":[{\"type\":\"Integer\",\"key\":\"seats\",\"value\":5,\"source\":\"crm\"},{\"type\":\"String\",\"key\":\"tier\",\"value\":\"a, \\\"quoted\\\" one\"}]}}",
                        "{\"data_source_uuid\":\"ds_2\",\"external_id\":\"c2\",\"name\":\"Acme (import)\",\"created_at\":\"2023-05-01\"}")
                .add("contacts", "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"k1\",\"first_name\":\"Ada\",\"position\":1,\"notes\":\"line one\\nline two\",\"custom\":{\"likes\":\"tea\"}}")
                .add("invoices", "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i1\",\"date\":\"2024-01-01T00:00:00\",\"due_date\":\"2024-01-15\",\"currency\":\"usd\",\"collection_method\":\"automatic\","
                                + "\"line_items\":[{\"type\":\"subscription\",\"external_id\":\"li1\",\"subscription_external_id\":\"s1\",\"plan_external_id\":\"gold\",\"service_period_start\":\"2024-01-01\",\"service_period_end\":\"2024-02-01\",\"amount_in_cents\":1200,\"tax_amount_in_cents\":200,\"prorated\":true,\"proration_type\":\"differential\"},"
                                + "{\"type\":\"one_time\",\"amount_in_cents\":300,\"description\":\"setup\"},"
                                + "{\"type\":\"one_time\",\"external_id\":\"li_bad\",\"amount_in_cents\":3.5}],"
                                + "\"transactions\":[{\"type\":\"payment\",\"result\":\"successful\",\"date\":\"2024-01-02\"}]}",
                        "{\"data_source_uuid\":\"ds_2\",\"customer_external_id\":\"c2\",\"external_id\":\"i2\",\"date\":\"2024-03-01\",\"currency\":\"EUR\",\"status\":\"paid\","
                                + "\"line_items\":[{\"type\":\"trial\",\"external_id\":\"t1\",\"subscription_external_id\":\"s2\",\"plan_external_id\":\"gold2\",\"service_period_start\":\"2024-03-01\",\"service_period_end\":\"2024-03-15\",\"amount_in_cents\":0}]}")
                .add("plans", "{\"data_source_uuid\":\"ds_2\",\"external_id\":\"gold2\",\"name\":\"Gold\",\"interval_count\":1,\"interval_unit\":\"month\"}")
                .add("subscription_events", "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"subscription_external_id\":\"s1\",\"event_type\":\"subscription_cancelled\",\"event_date\":\"2024-03-01\",\"effective_date\":\"2024-03-01\",\"external_id\":\"e1\"}",
                        "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"subscription_external_id\":\"s1\",\"event_type\":\"subscription_event_retracted\",\"event_date\":\"2024-03-02\",\"effective_date\":\"2024-03-02\",\"retracted_event_id\":\"e1\",\"external_id\":\"e2\"}",
                        "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"subscription_external_id\":\"s1\",\"event_type\":\"subscription_paused\",\"event_date\":\"2024-03-02\",\"effective_date\":\"2024-03-02\"}")
                .add("currency_rates", "{\"date\":\"2024-01-01\",\"currency\":\"EUR\",\"rate\":0.91}", "{\"date\":\"2024-01-01\",\"currency\":\"GBP\",\"rate\":\"0.79\"}")
                .add("customer_merges", "{\"from\":{\"data_source_uuid\":\"ds_2\",\"external_id\":\"c2\"},\"into\":{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\"},\"merged_at\":\"2024-01-01\"}");
    }

    @BeforeAll
    static void baseline() throws Exception {
        LandingFixture json = sample(tmp.resolve("json")).write(false);
        sample(tmp.resolve("gzip")).write(true);
        for (InputFormat f : List.of(InputFormat.PARQUET, InputFormat.AVRO, InputFormat.CSV, InputFormat.DELTA)) {
            FlatLandingConverter.convert(SparkTest.spark(), json.root().toUri().toString(),
                    tmp.resolve(f.wireName()).toUri().toString(), f);
        }
        SourceResult r = json.run();
        expected = snapshot(r);
        expectedRejects = LandingFixture.allRejects(r);
        assertTrue(expectedRejects.contains("customer_tags missing_field:tag"), expectedRejects.toString());
        r.release();
    }

    static Map<OutputDataset, List<String>> snapshot(SourceResult r) {
        Map<OutputDataset, List<String>> out = new EnumMap<>(OutputDataset.class);
        r.datasets().forEach((d, rows) -> {
            List<String> lines = new ArrayList<>();
            for (Row row : rows.collectAsList()) lines.add(row.toString());
            lines.sort(null);
            out.put(d, lines);
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "parquet", "avro", "csv", "delta"})
    void sameSourceRowsAsPlainJson(String variant) throws Exception {
        InputFormat format = variant.equals("gzip") ? InputFormat.JSON : InputFormat.parse(variant);
        SourceResult r = new LandingFixture(tmp.resolve(variant)).run(format, CustomerSettings.defaults(), LandingFixture.AS_OF);
        Map<OutputDataset, List<String>> actual = snapshot(r);
        assertEquals(11, actual.size());
        for (OutputDataset d : expected.keySet()) {
            assertFalse(d != OutputDataset.SOURCE_CONTACTS && expected.get(d).isEmpty(), d + " has rows in the sample");
            assertEquals(expected.get(d), actual.get(d), variant + " " + d);
        }
        assertEquals(expectedRejects, LandingFixture.allRejects(r), variant + " rejects");
        r.release();
    }

    @Test
    void nativelyTypedParquetColumnsReadLikeText() throws Exception {
        Path root = tmp.resolve("typed");
        Timestamp created = Timestamp.from(Instant.parse("2023-02-01T10:00:00Z"));
        Timestamp jan = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
        Timestamp feb = Timestamp.from(Instant.parse("2024-02-01T00:00:00Z"));
        var spark = SparkTest.spark();
        spark.createDataFrame(List.of(RowFactory.create("ds_1", "c1", created, "smb")), new StructType()
                        .add("data_source_uuid", DataTypes.StringType).add("external_id", DataTypes.StringType)
                        .add("created_at", DataTypes.TimestampType).add("segment", DataTypes.StringType))
                .write().parquet(root.resolve("customers").toString());
        spark.createDataFrame(List.of(RowFactory.create("ds_1", "gold", "Gold", 1, "month")), new StructType()
                        .add("data_source_uuid", DataTypes.StringType).add("external_id", DataTypes.StringType)
                        .add("name", DataTypes.StringType).add("interval_count", DataTypes.IntegerType)
                        .add("interval_unit", DataTypes.StringType))
                .write().parquet(root.resolve("plans").toString());
        spark.createDataFrame(List.of(RowFactory.create("ds_1", "c1", "i1", jan, "USD")), new StructType()
                        .add("data_source_uuid", DataTypes.StringType).add("customer_external_id", DataTypes.StringType)
                        .add("external_id", DataTypes.StringType).add("date", DataTypes.TimestampType)
                        .add("currency", DataTypes.StringType))
                .write().parquet(root.resolve("invoices").toString());
        StructType items = new StructType().add("data_source_uuid", DataTypes.StringType)
                .add("invoice_external_id", DataTypes.StringType).add("external_id", DataTypes.StringType)
                .add("type", DataTypes.StringType).add("subscription_external_id", DataTypes.StringType)
                .add("plan_external_id", DataTypes.StringType).add("service_period_start", DataTypes.TimestampType)
                .add("service_period_end", DataTypes.TimestampType).add("amount_in_cents", DataTypes.DoubleType)
                .add("quantity", DataTypes.IntegerType).add("prorated", DataTypes.BooleanType);
        spark.createDataFrame(List.of(
                        RowFactory.create("ds_1", "i1", "li1", "subscription", "s1", "gold", jan, feb, 1200.0, 2, true),
                        RowFactory.create("ds_1", "i1", "li2", "one_time", null, null, null, null, 12.5, null, null)), items)
                .write().parquet(root.resolve("line_items").toString());

        // A rate in a 32-bit float column: 0.91 was widened to the double 0.9100000262260437 and read
        // as 0.910000026226; the float's own text is 0.91.
        spark.createDataFrame(List.of(RowFactory.create("2024-01-01", "EUR", 0.91f)), new StructType()
                        .add("date", DataTypes.StringType).add("currency", DataTypes.StringType).add("rate", DataTypes.FloatType))
                .write().parquet(root.resolve("currency_rates").toString());

        SourceResult r = new LandingFixture(root).run(InputFormat.PARQUET, CustomerSettings.defaults(), LandingFixture.AS_OF);
        assertEquals(new java.math.BigDecimal("0.910000000000"),
                LandingFixture.rows(r, OutputDataset.SOURCE_CURRENCY_RATES).get(0).getAs("RATE"));
        Row customer = LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS).get(0);
        assertEquals(created, customer.getAs("CREATED_AT"));
        assertEquals("{\"segment\":\"smb\"}", customer.getAs("UNMAPPED_ATTRIBUTES"));
        List<Row> lineItems = LandingFixture.rows(r, OutputDataset.SOURCE_INVOICE_LINE_ITEMS);
        assertEquals(1, lineItems.size());
        assertEquals(1200L, (Long) lineItems.get(0).getAs("AMOUNT_IN_CENTS"));
        assertEquals(2, (Integer) lineItems.get(0).getAs("QUANTITY"));
        assertEquals(jan, lineItems.get(0).getAs("SERVICE_PERIOD_START"));
        assertEquals("{\"prorated\":true,\"proration_type\":null,\"balance_transfer\":false}", lineItems.get(0).getAs("TYPE_DATA"));
        List<Row> rejected = LandingFixture.rejects(r, "line_items");
        assertEquals(1, rejected.size());
        assertEquals("bad_number:amount_in_cents", rejected.get(0).getAs(Rejects.REASON));
        assertEquals("{\"data_source_uuid\":\"ds_1\",\"invoice_external_id\":\"i1\",\"external_id\":\"li2\",\"type\":\"one_time\",\"amount_in_cents\":\"12.5\"}",
                rejected.get(0).getAs(Rejects.RAW));
        r.release();
    }
}
