package io.mrrlake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFloorTest {

    @TempDir
    Path dir;

    @Test
    void copiesEveryStoredKindWithEveryRecordAndItsNestedArrays() throws IOException {
        Path landing = dir.resolve("landing");
        write(landing, "customers",
                "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c1\",\"name\":\"Acme\",\"attributes\":{\"tags\":[\"\\\"vip\\\"\"]}}",
                "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c2\"}",
                "not json at all");
        write(landing, "invoices",
                "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i1\","
                        + "\"line_items\":[{\"type\":\"subscription\"},{\"type\":\"one_time\"}],\"transactions\":[]}");
        write(landing, "plans", "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"gold\",\"interval_count\":1}");

        String out = dir.resolve("floor").toUri().toString();
        List<LandingKind> copied = IoFloor.copy(LandingZone.open(SparkTest.spark(), landing.toUri().toString(), InputFormat.JSON), out);

        assertEquals(List.of(LandingKind.CUSTOMERS, LandingKind.PLANS, LandingKind.INVOICES), copied,
                "the kinds stored in the zone, in the job's order; nested kinds stay inside their parents");
        assertEquals(3, parquet(out, "customers").count(), "a line that is not JSON is still copied (the floor does not validate)");
        assertEquals(1, parquet(out, "plans").count());
        Dataset<Row> invoices = parquet(out, "invoices");
        assertEquals(2, invoices.selectExpr("size(line_items) AS n").first().getInt(0), "nested line items kept as the job's schema reads them");
    }

    private static Dataset<Row> parquet(String root, String kind) {
        return SparkTest.spark().read().parquet(root + "/" + kind);
    }

    private static void write(Path landing, String kind, String... lines) throws IOException {
        Path folder = Files.createDirectories(landing.resolve(kind));
        Files.writeString(folder.resolve("part-0.jsonl"), String.join("\n", lines) + "\n");
    }
}
