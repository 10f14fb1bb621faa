package io.mrrlake.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark reads the generated invoices, gzip and nesting included, with an explicit schema. */
class GeneratedInvoicesSparkTest {
    static final StructType LINE_ITEM = new StructType()
            .add("type", DataTypes.StringType).add("external_id", DataTypes.StringType)
            .add("subscription_external_id", DataTypes.StringType).add("subscription_set_external_id", DataTypes.StringType)
            .add("plan_external_id", DataTypes.StringType)
            .add("service_period_start", DataTypes.TimestampType).add("service_period_end", DataTypes.TimestampType)
            .add("amount_in_cents", DataTypes.LongType).add("quantity", DataTypes.LongType)
            .add("tax_amount_in_cents", DataTypes.LongType).add("prorated", DataTypes.BooleanType)
            .add("proration_type", DataTypes.StringType);
    static final StructType TRANSACTION = new StructType()
            .add("external_id", DataTypes.StringType).add("type", DataTypes.StringType).add("result", DataTypes.StringType)
            .add("date", DataTypes.TimestampType).add("amount_in_cents", DataTypes.LongType);
    static final StructType INVOICE = new StructType()
            .add("data_source_uuid", DataTypes.StringType).add("customer_external_id", DataTypes.StringType)
            .add("external_id", DataTypes.StringType).add("date", DataTypes.TimestampType)
            .add("due_date", DataTypes.DateType).add("currency", DataTypes.StringType).add("status", DataTypes.StringType)
            .add("line_items", new ArrayType(LINE_ITEM, true)).add("transactions", new ArrayType(TRANSACTION, true))
            .add("_corrupt_record", DataTypes.StringType);

    @TempDir
    Path tmp;

    @Test
    void sparkReadsTheNestedInvoices() throws Exception {
        Path root = tmp.resolve("landing");
        GeneratorReport report = Generator.generate(
                new GeneratorOptions(root.toString(), 200, 42, 24, LocalDate.of(2023, 1, 1)), new Configuration(), 80, 2);

        Dataset<Row> invoices = SparkTest.spark().read().schema(INVOICE)
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", "_corrupt_record")
                .json(root.resolve("invoices").toUri().toString()).cache();
        assertEquals((long) report.recordsPerKind().get("invoices"), invoices.count());

        // What Spark must find unreadable: the truncated lines and the amounts that are not integers.
        List<LandingFiles.Line> lines = LandingFiles.lines(root, "invoices");
        long unreadable = 0;
        long amounts = 0;
        long items = 0;
        for (LandingFiles.Line l : lines) {
            if (l.json() == null || !integralAmounts(l.json())) {
                unreadable++;
                continue;
            }
            for (JsonNode li : l.json().get("line_items")) {
                amounts += li.get("amount_in_cents").asLong();
                items++;
            }
        }
        Dataset<Row> readable = invoices.filter(col("_corrupt_record").isNull());
        assertEquals(unreadable, invoices.count() - readable.count());
        assertTrue(unreadable >= report.badPerReason().get("bad_json"));

        Dataset<Row> li = readable.select(explode(col("line_items")).as("li")).select("li.*");
        assertEquals(items, li.count());
        assertEquals(amounts, li.agg(sum("amount_in_cents")).first().getLong(0));
        // Every subscription item's period parses as a timestamp, zone-less Import API ones included.
        assertEquals(0, li.filter(col("type").equalTo("subscription").and(col("service_period_start").isNull())).count());
        assertTrue(li.filter(col("proration_type").equalTo("differential")).count() > 0);
        assertEquals(0, readable.filter(col("date").isNull().and(col("external_id").isNotNull())
                .and(col("currency").isNotNull()).and(col("due_date").isNull())).count());
        invoices.unpersist();
    }

    private static boolean integralAmounts(JsonNode inv) {
        for (JsonNode li : inv.path("line_items")) {
            if (!li.path("amount_in_cents").isIntegralNumber()) return false;
        }
        return true;
    }
}
