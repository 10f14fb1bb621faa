package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Spark's sums of minor units fail loudly past 64 bits: without ANSI mode Spark's own sum of longs
 * wraps around to a wrong figure (shown first), the job's sums stop the run naming the figure.
 */
class CheckedSumsTest {
    private static final SparkSession spark = SparkTest.spark();
    private static final Instant AS_OF = Instant.parse("2024-03-31T23:59:59Z");
    private static final String MOVEMENT_MONTH = OutputDataset.CALCULATED_MRR_MOVEMENTS.partitionColumn().orElseThrow();

    @Test
    void aSumPastSixtyFourBitsFailsNamingTheFigureWhereSparksOwnSumWraps() {
        Dataset<Row> big = values(Long.MAX_VALUE, 1L);
        assertEquals(Long.MIN_VALUE, big.agg(sum(col("V"))).first().getLong(0), "Spark's own sum wraps silently");
        Exception e = assertThrows(Exception.class, () -> big.agg(CheckedSums.sumLong(col("V"), "the test's total")).first());
        assertTrue(messages(e).contains("the test's total leaves the 64-bit range of minor units: 9223372036854775808"), messages(e));

        assertEquals(Long.MAX_VALUE, values(Long.MAX_VALUE, 1L, -1L).agg(CheckedSums.sumLong(col("V"), "t")).first().getLong(0),
                "a total in range is exact even when a partial sum is not");
        assertTrue(values().agg(CheckedSums.sumLong(col("V"), "t")).first().isNullAt(0), "no rows: null, as Spark's sum");
    }

    @Test
    void theMonthlyRollForwardFailsInsteadOfWrapping() {
        Dataset<Row> fine = MonthlyRollForward.build(movements(5L, 7L), noFx(), noCounts(), MrrSettings.defaults(), AS_OF);
        Row march = fine.where(col(MrrColumns.MONTH).equalTo("2024-03")).first();
        assertEquals(12L, (long) march.getAs(MrrColumns.NEW_BIZ));
        assertEquals(144L, (long) march.getAs(MrrColumns.ARR_END));

        long huge = Long.MAX_VALUE / 2 + 1;
        Exception e = assertThrows(Exception.class, () -> MonthlyRollForward.build(movements(huge, huge), noFx(), noCounts(),
                MrrSettings.defaults(), AS_OF).collectAsList());
        assertTrue(messages(e).matches("(?s).*calculated/mrr_monthly (NEW_BIZ|MRR_END) leaves the 64-bit range.*"), messages(e));
        // Each month's figures fit, the year's recurring revenue does not.
        long arrTooBig = Long.MAX_VALUE / 12 + 1;
        e = assertThrows(Exception.class, () -> MonthlyRollForward.build(movements(arrTooBig), noFx(), noCounts(),
                MrrSettings.defaults(), AS_OF).collectAsList());
        assertTrue(messages(e).contains("calculated/mrr_monthly ARR_END leaves the 64-bit range"), messages(e));
    }

    private static Dataset<Row> values(long... v) {
        StructType schema = new StructType().add("V", DataTypes.LongType);
        return spark.createDataFrame(java.util.Arrays.stream(v).mapToObj(x -> RowFactory.create(x)).toList(), schema);
    }

    /** new_biz movements in March 2024, one customer each (its first row: MRR after it = the movement). */
    private static Dataset<Row> movements(long... amounts) {
        StructType schema = new StructType().add(MOVEMENT_MONTH, DataTypes.StringType)
                .add(MrrColumns.MOVEMENT_TYPE, DataTypes.StringType).add(MrrColumns.MRR_MOVEMENT, DataTypes.LongType)
                .add(Columns.CUSTOMER_UUID, DataTypes.StringType).add(MrrColumns.MRR, DataTypes.LongType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < amounts.length; i++) rows.add(RowFactory.create("2024-03", "new_biz", amounts[i], "cus_" + i, amounts[i]));
        return spark.createDataFrame(rows, schema);
    }

    private static Dataset<Row> noFx() {
        return spark.createDataFrame(List.of(), new StructType().add(MrrColumns.DATE, DataTypes.TimestampType)
                .add(MrrColumns.FX_IMPACT, DataTypes.LongType));
    }

    private static Dataset<Row> noCounts() {
        return spark.createDataFrame(List.of(), LedgerSchema.COUNT);
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) b.append(t.getMessage()).append(" / ");
        return b.toString();
    }
}
