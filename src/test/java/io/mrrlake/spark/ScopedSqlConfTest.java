package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ScopedSqlConfTest {
    private static final String SET_BEFORE = "spark.sql.shuffle.partitions";
    private static final String UNSET_BEFORE = "spark.sql.codegen.factoryMode";

    @Test
    void closingPutsBackTheValueOrUnsetsTheSetting() {
        SparkSession spark = SparkTest.spark();
        String before = spark.conf().get(SET_BEFORE);
        assertFalse(spark.conf().contains(UNSET_BEFORE), "the test session leaves the factory mode at its default");
        try (ScopedSqlConf scope = ScopedSqlConf.set(spark, Map.of(SET_BEFORE, "7", UNSET_BEFORE, "NO_CODEGEN"))) {
            assertEquals("7", spark.conf().get(SET_BEFORE));
            assertEquals("NO_CODEGEN", spark.conf().get(UNSET_BEFORE));
        }
        assertEquals(before, spark.conf().get(SET_BEFORE));
        assertFalse(spark.conf().contains(UNSET_BEFORE));
    }
}
