package io.mrrlake.mrr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The ledger's plan: one decoding call per customer, and a plan short enough to log whole. */
class LedgerStageTest {
    @Test
    void eachLedgerRowIsDecodedOnceAndThePlanStaysSmall() {
        SourceFixture f = WorkedExamplesTest.life();
        Instant asOf = Instant.parse("2025-03-15T23:59:59Z");
        f.asOf(asOf);
        MrrEngine.Facts facts = MrrEngine.facts(f.datasets(SparkTest.spark()), MrrSettings.defaults(), asOf);
        Dataset<Row> ledger = LedgerStage.run(facts.items().items(), facts.events(), MrrSettings.defaults(), asOf);

        assertEquals(LedgerSchema.OUTPUT.fieldNames().length, ledger.columns().length);
        assertEquals(java.util.List.of(LedgerSchema.OUTPUT.fieldNames()), java.util.List.of(ledger.columns()));
        String optimized = ledger.queryExecution().optimizedPlan().toString();
        int calls = optimized.split(java.util.regex.Pattern.quote(LedgerStage.DECODE + "("), -1).length - 1;
        assertEquals(1, calls, "the decoding function appears once in the optimized plan: " + optimized);
        String physical = ledger.queryExecution().executedPlan().treeString();
        // Guards against the megabyte plans of before (docs/BENCHMARKS.md, session 12), not a few percent:
        // the subscription-ownership check (SubscriptionOwners) brought it near 30,000 characters, and the
        // expression ids in it grow longer the later the test runs in its JVM.
        assertTrue(physical.length() < 40_000, "the physical plan is " + physical.length() + " characters");

        Row c1 = ledger.where(org.apache.spark.sql.functions.col("CUSTOMER_UUID").equalTo(f.customerUuid("c1"))).first();
        assertEquals(15000L, (long) c1.getAs(LedgerSchema.MRR));
        assertEquals(5, c1.<scala.collection.Seq<Row>>getAs(LedgerSchema.MOVEMENTS).size());
    }
}
