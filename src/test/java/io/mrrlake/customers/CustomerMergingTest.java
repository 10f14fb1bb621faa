package io.mrrlake.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.model.Ids;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CustomerMergingTest {
    static final StructType CUSTOMERS = new StructType().add("DATA_SOURCE_UUID", DataTypes.StringType)
            .add("EXTERNAL_ID", DataTypes.StringType).add("CREATED_AT", DataTypes.TimestampType);
    static final StructType MERGES = new StructType()
            .add(CustomerMerging.FROM_DATA_SOURCE_UUID, DataTypes.StringType).add(CustomerMerging.FROM_EXTERNAL_ID, DataTypes.StringType)
            .add(CustomerMerging.INTO_DATA_SOURCE_UUID, DataTypes.StringType).add(CustomerMerging.INTO_EXTERNAL_ID, DataTypes.StringType);

    static Row customer(String ds, String ext, String created) {
        return RowFactory.create(ds, ext, created == null ? null : Timestamp.valueOf(created + " 00:00:00"));
    }

    static Row merge(String fromDs, String from, String intoDs, String into) {
        return RowFactory.create(fromDs, from, intoDs, into);
    }

    /** "ds/ext" → "primary ds/ext" (+ "*" on the primary itself), checking CUSTOMER_UUID is the primary's id. */
    static Map<String, String> run(List<Row> customers, List<Row> merges, CustomerSettings.AutoMerge auto) {
        Dataset<Row> c = SparkTest.spark().createDataFrame(customers, CUSTOMERS);
        Dataset<Row> m = SparkTest.spark().createDataFrame(merges, MERGES);
        Map<String, String> byUuid = new TreeMap<>();
        for (Row r : customers) byUuid.put(Ids.of(Ids.CUSTOMER, r.getString(0), r.getString(1)), r.getString(0) + "/" + r.getString(1));
        Map<String, String> out = new TreeMap<>();
        for (Row r : CustomerMerging.mapping(c, m, new CustomerSettings(auto)).collectAsList()) {
            String primary = byUuid.get(r.<String>getAs("CUSTOMER_UUID"));
            out.put(r.getAs("DATA_SOURCE_UUID") + "/" + r.getAs("EXTERNAL_ID"),
                    primary + (r.<Boolean>getAs(CustomerMerging.IS_PRIMARY) ? "*" : ""));
        }
        return out;
    }

    @Test
    void chainsJoinWhateverTheirOrderAndTheFinalTargetIsPrimary() {
        List<Row> customers = List.of(customer("ds", "a", "2020-01-01"), customer("ds", "b", "2021-01-01"),
                customer("ds", "c", "2022-01-01"), customer("ds", "d", "2019-01-01"), customer("ds", "e", null));
        // a → b → c → e listed backwards; d stays alone.
        List<Row> merges = new ArrayList<>(List.of(merge("ds", "c", "ds", "e"), merge("ds", "b", "ds", "c"),
                merge("ds", "a", "ds", "b")));
        Map<String, String> m = run(customers, merges, CustomerSettings.AutoMerge.NONE);
        assertEquals(Map.of("ds/a", "ds/e", "ds/b", "ds/e", "ds/c", "ds/e", "ds/e", "ds/e*", "ds/d", "ds/d*"), m);
    }

    @Test
    void longChainsSettle() {
        List<Row> customers = new ArrayList<>();
        List<Row> merges = new ArrayList<>();
        for (int i = 0; i < 40; i++) customers.add(customer("ds", String.format("n%02d", i), "2020-01-01"));
        // n39 → n38 → … → n00, shuffled order of records: the final target n00 is primary.
        for (int i = 39; i > 0; i -= 2) merges.add(merge("ds", String.format("n%02d", i), "ds", String.format("n%02d", i - 1)));
        for (int i = 38; i > 0; i -= 2) merges.add(merge("ds", String.format("n%02d", i), "ds", String.format("n%02d", i - 1)));
        Map<String, String> m = run(customers, merges, CustomerSettings.AutoMerge.NONE);
        for (int i = 1; i < 40; i++) assertEquals("ds/n00", m.get(String.format("ds/n%02d", i)));
        assertEquals("ds/n00*", m.get("ds/n00"));
    }

    @Test
    void autoMergeByExternalIdTakesTheCustomerCreatedFirst() {
        List<Row> customers = List.of(customer("ds_b", "x", "2020-01-01"), customer("ds_a", "x", "2021-01-01"),
                customer("ds_c", "x", null), customer("ds_a", "y", "2019-01-01"));
        assertEquals(Map.of("ds_a/x", "ds_b/x", "ds_b/x", "ds_b/x*", "ds_c/x", "ds_b/x", "ds_a/y", "ds_a/y*"),
                run(customers, List.of(), CustomerSettings.AutoMerge.EXTERNAL_ID));
        // Without auto-merge every customer is its own calculated customer (its own UUID).
        assertEquals(Map.of("ds_a/x", "ds_a/x*", "ds_b/x", "ds_b/x*", "ds_c/x", "ds_c/x*", "ds_a/y", "ds_a/y*"),
                run(customers, List.of(), CustomerSettings.AutoMerge.NONE));
    }

    @Test
    void tiesGoToCreatedFirstThenSmallestKey() {
        // q is merged into both r and s: two final targets, the one created first wins; same date → smallest key.
        List<Row> customers = List.of(customer("ds", "q", "2020-01-01"), customer("ds", "s", "2021-01-01"),
                customer("ds", "r", "2022-01-01"), customer("ds2", "t", "2023-01-01"), customer("ds1", "t2", "2023-01-01"),
                customer("ds", "u", null));
        List<Row> merges = List.of(merge("ds", "q", "ds", "r"), merge("ds", "q", "ds", "s"),
                merge("ds2", "t", "ds", "u"), merge("ds", "u", "ds1", "t2"), merge("ds1", "t2", "ds2", "t"));
        Map<String, String> m = run(customers, merges, CustomerSettings.AutoMerge.NONE);
        assertEquals("ds/s*", m.get("ds/s"));
        assertEquals("ds/s", m.get("ds/r"));
        assertEquals("ds/s", m.get("ds/q"));
        // A cycle has no final target: created first among all, then the smallest key.
        assertEquals("ds1/t2*", m.get("ds1/t2"));
        assertEquals("ds1/t2", m.get("ds2/t"));
        assertEquals("ds1/t2", m.get("ds/u"));
    }
}
