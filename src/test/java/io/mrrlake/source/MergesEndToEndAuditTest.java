package io.mrrlake.source;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.config.MrrSettings;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.model.Ids;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/MRR.md's "Calculated customers" with "As-of" and "Movements", from a JSON landing zone through
 * the source stage and the engine: a merge chain given in reverse order, the final into target as the
 * primary, attributes falling back to the other records, and a merge dated after the as-of left out.
 */
@Tag("slow")
class MergesEndToEndAuditTest {
    @TempDir
    Path tmp;

    static String customer(String ext, String name, String email, String created) {
        return "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"" + ext + "\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"") + (email == null ? "" : ",\"email\":\"" + email + "\"")
                + ",\"created_at\":\"" + created + "\"}";
    }

    static String merge(String from, String into, String mergedAt) {
        return "{\"from\":{\"data_source_uuid\":\"ds_1\",\"external_id\":\"" + from + "\"},\"into\":{\"data_source_uuid\":\"ds_1\","
                + "\"external_id\":\"" + into + "\"}" + (mergedAt == null ? "" : ",\"merged_at\":\"" + mergedAt + "\"") + "}";
    }

    static String paidInvoice(String customer, String id, String sub, long amount, String start, String end) {
        return "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"" + customer + "\",\"external_id\":\"" + id
                + "\",\"date\":\"" + start + "\",\"currency\":\"USD\",\"status\":\"paid\",\"line_items\":[{\"type\":\"subscription\","
                + "\"external_id\":\"" + id + "_li\",\"subscription_external_id\":\"" + sub + "\",\"plan_external_id\":\"gold\","
                + "\"service_period_start\":\"" + start + "\",\"service_period_end\":\"" + end + "\",\"amount_in_cents\":" + amount + "}]}";
    }

    @Test
    void reversedChainPrimaryFallbacksAndALaterMerge() throws Exception {
        Instant asOf = Instant.parse("2024-06-30T23:59:59Z");
        SourceResult source = new LandingFixture(tmp.resolve("in")).base()
                .add("customers", customer("a", null, "a@example.com", "2023-01-01T00:00:00Z"),
                        customer("b", "B Corp", "b@example.com", "2023-03-01T00:00:00Z"),
                        customer("late", "Late", null, "2023-01-01T00:00:00Z"))
                // a → b → c1, given in reverse order; late → c1 only after the as-of
                .add("customer_merges", merge("b", "c1", "2024-01-01"), merge("a", "b", null), merge("late", "c1", "2024-07-01"))
                .add("invoices", paidInvoice("a", "ia", "sa", 5000, "2024-01-01", "2024-07-01"),
                        paidInvoice("b", "ib", "sb", 3000, "2024-02-01", "2024-07-01"),
                        paidInvoice("c1", "ic", "sc", 2000, "2024-03-01", "2024-07-01"),
                        paidInvoice("late", "il", "sl", 1000, "2024-01-01", "2024-07-01"))
                .run(InputFormat.JSON, CustomerSettings.defaults(), asOf);
        CalculatedResult r = MrrEngine.calculate(SparkTest.spark(), source.datasets(), MrrSettings.defaults(), asOf);
        String c1 = Ids.of(Ids.CUSTOMER, "ds_1", "c1");
        String late = Ids.of(Ids.CUSTOMER, "ds_1", "late");

        // Hand-computed: one customer (primary c1, the final into target) with 5000, +3000, +2000.
        List<String> rows = r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).where(col("CUSTOMER_UUID").equalTo(c1))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(x -> x.getAs("MOVEMENT_TYPE") + " " + ((java.sql.Timestamp) x.getAs("DATE")).toInstant() + " "
                        + x.getAs("MRR_MOVEMENT") + " " + x.getAs("MRR")).toList();
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-02-01T00:00:00Z 3000 8000",
                "expansion 2024-03-01T00:00:00Z 2000 10000"), rows);
        Row c = r.get(OutputDataset.CALCULATED_CUSTOMERS).where(col("UUID").equalTo(c1)).first();
        assertEquals("Acme", c.getAs("NAME"), "the primary's name");
        assertEquals("a@example.com", c.getAs("EMAIL"), "the primary has none: the others', first created first");
        assertEquals("c1", c.getAs("EXTERNAL_ID"));
        assertEquals(List.of("a", "b", "c1"), c.getList(c.fieldIndex("EXTERNAL_IDS")));
        assertEquals(10000L, (long) c.getAs("MRR"));
        // The merge dated after the as-of did not exist yet: late is its own customer.
        assertEquals(1L, r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).where(col("CUSTOMER_UUID").equalTo(late)).count());
        assertEquals("Late", r.get(OutputDataset.CALCULATED_CUSTOMERS).where(col("UUID").equalTo(late)).first().getAs("NAME"));
        assertEquals(2L, r.get(OutputDataset.CALCULATED_CUSTOMERS).count(), "c1 (with a and b) and late");
        source.release();
    }
}
