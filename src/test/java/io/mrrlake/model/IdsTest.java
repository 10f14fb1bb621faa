package io.mrrlake.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void sparkExpressionAndJavaAgreeOnEveryKey() {
        StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create("ds_1", "cus_0001"), RowFactory.create("ds_2", null),
                RowFactory.create("Ünïcødé", "x/y"), RowFactory.create("", ""),
                RowFactory.create("a\u001fb", "c"), RowFactory.create("a", "b\u001fc"), RowFactory.create("a\u001e", "\u001e\u001f"));
        Dataset<Row> df = SparkTest.spark().createDataFrame(rows, schema)
                .withColumn("id", Ids.column(Ids.CUSTOMER, col("a"), col("b")))
                .withColumn("key", Ids.keyColumn(col("a"), col("b")));
        for (Row r : df.collectAsList()) {
            assertEquals(Ids.of(Ids.CUSTOMER, r.getString(0), r.getString(1)), r.getString(2));
            assertEquals(Ids.key(r.getString(0), r.getString(1)), r.getString(3));
        }
    }

    @Test
    void idsAreVersion5AndKeyedByEveryPart() {
        String id = Ids.of(Ids.PLAN, "ds_1", "gold");
        assertEquals('5', id.charAt(Ids.PLAN.length() + 14));
        assertEquals(id, Ids.of(Ids.PLAN, "ds_1", "gold"));
        assertNotEquals(id, Ids.of(Ids.PLAN, "ds_1g", "old"));
        assertEquals(5, Ids.uuid5("x").version());
        assertEquals(2, Ids.uuid5("x").variant());
    }

    @Test
    void aSeparatorInsideAPartNeverMakesTwoKeysOne() {
        // Joined plainly, both were "a␟b␟c": two customers of two data sources became one.
        assertNotEquals(Ids.key("a\u001fb", "c"), Ids.key("a", "b\u001fc"));
        assertNotEquals(Ids.of(Ids.CUSTOMER, "a\u001fb", "c"), Ids.of(Ids.CUSTOMER, "a", "b\u001fc"));
        assertNotEquals(Ids.key("a\u001e", "b"), Ids.key("a", "\u001eb"));
        assertNotEquals(Ids.key("a\u001e\u001f", "b"), Ids.key("a\u001e", "\u001fb"));
        // Parts without either character join as before the escape, so every existing id is unchanged.
        assertEquals("ds_1\u001fcus_0001", Ids.key("ds_1", "cus_0001"));
        assertEquals("cus_" + Ids.uuid5("ds_1\u001fcus_0001"), Ids.of(Ids.CUSTOMER, "ds_1", "cus_0001"));
        assertEquals("\u001fx", Ids.key(null, "x"));
    }
}
