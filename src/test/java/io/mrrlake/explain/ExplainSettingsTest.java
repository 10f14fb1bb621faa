package io.mrrlake.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ExplainSettingsTest {
    private static final String PARTITIONS = "spark.sql.shuffle.partitions";
    private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";

    @Test
    void explainRunsInterpretedOnOnePartitionUnlessTheUserChoseOtherwise() {
        assertEquals(Explainer.FEW_ROWS, Explainer.fewRowsSettings(Map.of(), new SparkConf(false)));
        Map<String, String> kept = Explainer.fewRowsSettings(Map.of(PARTITIONS, "6"),
                new SparkConf(false).set(WHOLE_STAGE, "true"));
        assertEquals(Map.of("spark.sql.codegen.factoryMode", "NO_CODEGEN"), kept,
                "a number of partitions in the spark block and a spark-submit --conf are the user's");
    }
}
