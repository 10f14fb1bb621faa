package io.mrrlake.mrr;

import java.time.Instant;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;

/** Runs the engine on a fixture and reads results back in a compact, comparable form. */
final class EngineTestSupport {
    private EngineTestSupport() {}

    static CalculatedResult calculate(SourceFixture f, MrrSettings settings, String asOf) {
        Instant t = Instant.parse(asOf.length() == 10 ? asOf + "T23:59:59Z" : asOf);
        f.asOf(t);
        CalculatedResult r = MrrEngine.calculate(SparkTest.spark(), f.datasets(SparkTest.spark()), settings, t);
        List<String> violations = MrrInvariants.check(r, settings, t);
        if (!violations.isEmpty()) throw new AssertionError("invariants: " + violations);
        return r;
    }

    /** "type date movement mrr" per movement row of one customer, in (DATE, RANK) order. */
    static List<String> movements(CalculatedResult r, String customerUuid) {
        return r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(org.apache.spark.sql.functions.col("CUSTOMER_UUID").equalTo(customerUuid))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(row -> row.getAs("MOVEMENT_TYPE") + " " + ((java.sql.Timestamp) row.getAs("DATE")).toInstant()
                        + " " + row.getAs("MRR_MOVEMENT") + " " + row.getAs("MRR"))
                .toList();
    }

    /** {@link #movements(CalculatedResult, String)} of a fixture's customer, named as in the fixture. */
    static List<String> movements(CalculatedResult r, SourceFixture f, String customer) {
        return movements(r, f.customerUuid(customer));
    }

    /** A fixture customer's MRR (calculated/customers), named as in the fixture. */
    static long mrr(CalculatedResult r, SourceFixture f, String customer) {
        return customer(r, f.customerUuid(customer)).getAs("MRR");
    }

    /** "DATE FX_IMPACT" per exchange-rate impact of one customer, in date order. */
    static List<String> fxImpacts(CalculatedResult r, String customerUuid) {
        return r.fxImpacts().where(org.apache.spark.sql.functions.col("CUSTOMER_UUID").equalTo(customerUuid))
                .orderBy("DATE").collectAsList().stream()
                .map(row -> ((java.sql.Timestamp) row.getAs("DATE")).toInstant() + " " + row.getAs("FX_IMPACT"))
                .toList();
    }

    static Row customer(CalculatedResult r, String customerUuid) {
        return r.get(OutputDataset.CALCULATED_CUSTOMERS)
                .where(org.apache.spark.sql.functions.col("UUID").equalTo(customerUuid)).collectAsList().get(0);
    }
}
