package io.mrrlake.webhook;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrames with exactly the columns of calculated/mrr_movements and calculated/customers
 * (docs/DATASETS.md), built row by row, or generated in Spark for the large cases.
 */
final class MovementFixtures {
    static final StructType MOVEMENTS = new StructType()
            .add("UUID", DataTypes.StringType)
            .add("DATE", DataTypes.TimestampType)
            .add("RANK", DataTypes.IntegerType)
            .add("CUSTOMER_UUID", DataTypes.StringType)
            .add("CUSTOMER_NAME", DataTypes.StringType)
            .add("CUSTOMER_EXTERNAL_ID", DataTypes.StringType)
            .add("BILLING_CONNECTOR_UUID", DataTypes.StringType)
            .add("SUBSCRIPTION_EXTERNAL_ID", DataTypes.StringType)
            .add("PLAN_EXTERNAL_ID", DataTypes.StringType)
            .add("PREVIOUS_PLAN_EXTERNAL_ID", DataTypes.StringType)
            .add("MOVEMENT_TYPE", DataTypes.StringType)
            .add("MRR_MOVEMENT", DataTypes.LongType)
            .add("MRR", DataTypes.LongType)
            .add("CURRENCY_CODE", DataTypes.StringType)
            .add("INVOICE_CURRENCY", DataTypes.StringType)
            .add("MRR_MOVEMENT_IN_INVOICE_CURRENCY", DataTypes.LongType)
            .add("ACTIVE_SUBSCRIPTION_QUANTITY", DataTypes.LongType)
            .add("DESCRIPTION", DataTypes.StringType)
            .add("AS_OF", DataTypes.TimestampType)
            .add("DATE_MONTH", DataTypes.StringType);

    static final StructType CUSTOMERS = new StructType()
            .add("UUID", DataTypes.StringType)
            .add("NAME", DataTypes.StringType)
            .add("EMAIL", DataTypes.StringType)
            .add("COMPANY", DataTypes.StringType)
            .add("COUNTRY", DataTypes.StringType)
            .add("STATE", DataTypes.StringType)
            .add("CITY", DataTypes.StringType)
            .add("ADDRESS_ZIP", DataTypes.StringType)
            .add("EXTERNAL_ID", DataTypes.StringType)
            .add("EXTERNAL_IDS", DataTypes.createArrayType(DataTypes.StringType))
            .add("DATA_SOURCE_UUID", DataTypes.StringType)
            .add("DATA_SOURCE_UUIDS", DataTypes.createArrayType(DataTypes.StringType))
            .add("STATUS", DataTypes.StringType)
            .add("LEAD_CREATED_AT", DataTypes.TimestampType)
            .add("FREE_TRIAL_STARTED_AT", DataTypes.TimestampType)
            .add("SUBSCRIBER_SINCE", DataTypes.TimestampType)
            .add("MRR", DataTypes.LongType)
            .add("ARR", DataTypes.LongType)
            .add("CURRENCY", DataTypes.StringType)
            .add("PLAN_NAME", DataTypes.StringType)
            .add("BILLING_CYCLE", DataTypes.StringType)
            .add("NET_PAYMENTS", DataTypes.LongType)
            .add("TAGS", DataTypes.createArrayType(DataTypes.StringType))
            .add("CUSTOM_ATTRIBUTES", DataTypes.StringType)
            .add("AS_OF", DataTypes.TimestampType);

    static final String DATA_SOURCE = "ds_35542640-d9f1-11ed-9c30-7727168c74a5";

    private final List<Row> movements = new ArrayList<>();
    private final List<Row> customers = new ArrayList<>();
    private final Instant asOf;

    MovementFixtures(Instant asOf) {
        this.asOf = asOf;
    }

    /** A movement in USD (account and invoice), invoice amount equal to the account amount. */
    MovementFixtures movement(String uuid, Instant date, int rank, String customerUuid, String type, long amount,
                              long mrrAfter, String description) {
        return movement(uuid, date, rank, customerUuid, type, amount, mrrAfter, "USD", "USD", amount, description);
    }

    MovementFixtures movement(String uuid, Instant date, int rank, String customerUuid, String type, long amount,
                              long mrrAfter, String accountCurrency, String invoiceCurrency, long invoiceAmount,
                              String description) {
        movements.add(RowFactory.create(uuid, Timestamp.from(date), rank, customerUuid, "Name of " + customerUuid,
                "ext-" + customerUuid, DATA_SOURCE, "sub-" + customerUuid, "plan_gold", null, type, amount, mrrAfter,
                accountCurrency, invoiceCurrency, invoiceAmount, 1L, description, Timestamp.from(asOf),
                date.toString().substring(0, 7)));
        return this;
    }

    MovementFixtures movementRow(Object... values) {
        movements.add(RowFactory.create(values));
        return this;
    }

    MovementFixtures customer(String uuid, String name, String email, String company, String status, String currency,
                              String externalId, List<String> externalIds, long mrr) {
        customers.add(RowFactory.create(uuid, name, email, company, "US", "CA", "San Francisco", "94107", externalId,
                externalIds, DATA_SOURCE, List.of(DATA_SOURCE), status, null, null, null, mrr, mrr * 12, currency,
                "Gold", "1 month", 0L, List.of(), "{}", Timestamp.from(asOf)));
        return this;
    }

    Dataset<Row> movements(SparkSession spark) {
        return spark.createDataFrame(movements, MOVEMENTS);
    }

    Dataset<Row> customers(SparkSession spark) {
        return spark.createDataFrame(customers, CUSTOMERS);
    }

    /**
     * {@code n} expansion movements over {@code customerCount} customers, generated in Spark (no
     * driver-side rows): movement i belongs to customer i % customerCount, one second apart, ending
     * one minute before {@code asOf}. UUIDs "mov_<i>", customers "cus_<k>".
     */
    static Dataset<Row> generatedMovements(SparkSession spark, long n, int customerCount, Instant asOf) {
        long end = asOf.getEpochSecond() - 60;
        Dataset<Row> ids = spark.range(n).toDF("i");
        Dataset<Row> rows = ids.select(
                concat(lit("mov_"), col("i").cast("string")).as("UUID"),
                expr("timestamp_seconds(" + (end - n) + " + i)").as("DATE"),
                lit(1).as("RANK"),
                concat(lit("cus_"), expr("cast(i % " + customerCount + " as string)")).as("CUSTOMER_UUID"),
                lit("Generated").as("CUSTOMER_NAME"),
                concat(lit("ext_"), expr("cast(i % " + customerCount + " as string)")).as("CUSTOMER_EXTERNAL_ID"),
                lit(DATA_SOURCE).as("BILLING_CONNECTOR_UUID"),
                concat(lit("sub_"), col("i").cast("string")).as("SUBSCRIPTION_EXTERNAL_ID"),
                lit("plan_gold").as("PLAN_EXTERNAL_ID"),
                lit(null).cast("string").as("PREVIOUS_PLAN_EXTERNAL_ID"),
                lit("expansion").as("MOVEMENT_TYPE"),
                lit(100L).as("MRR_MOVEMENT"),
                expr("100 * (i + 1)").cast("long").as("MRR"),
                lit("USD").as("CURRENCY_CODE"),
                lit("USD").as("INVOICE_CURRENCY"),
                lit(100L).as("MRR_MOVEMENT_IN_INVOICE_CURRENCY"),
                lit(1L).as("ACTIVE_SUBSCRIPTION_QUANTITY"),
                lit("increased quantity from 1 to 2").as("DESCRIPTION"),
                lit(Timestamp.from(asOf)).as("AS_OF"));
        return rows.withColumn("DATE_MONTH", date_format(col("DATE"), "yyyy-MM"))
                .select(MOVEMENTS.fieldNames()[0], java.util.Arrays.copyOfRange(MOVEMENTS.fieldNames(), 1, MOVEMENTS.size()));
    }

    /** The calculated customers matching {@link #generatedMovements}, generated in Spark. */
    static Dataset<Row> generatedCustomers(SparkSession spark, int customerCount, Instant asOf) {
        Dataset<Row> rows = spark.range(customerCount).toDF("k").select(
                concat(lit("cus_"), col("k").cast("string")).as("UUID"),
                concat(lit("Customer "), col("k").cast("string")).as("NAME"),
                concat(lit("c"), col("k").cast("string"), lit("@example.com")).as("EMAIL"),
                lit("Acme").as("COMPANY"), lit("US").as("COUNTRY"), lit(null).cast("string").as("STATE"),
                lit(null).cast("string").as("CITY"), lit(null).cast("string").as("ADDRESS_ZIP"),
                concat(lit("ext_"), col("k").cast("string")).as("EXTERNAL_ID"),
                array(concat(lit("ext_"), col("k").cast("string"))).as("EXTERNAL_IDS"),
                lit(DATA_SOURCE).as("DATA_SOURCE_UUID"), array(lit(DATA_SOURCE)).as("DATA_SOURCE_UUIDS"),
                lit("Active").as("STATUS"),
                lit(null).cast("timestamp").as("LEAD_CREATED_AT"), lit(null).cast("timestamp").as("FREE_TRIAL_STARTED_AT"),
                lit(null).cast("timestamp").as("SUBSCRIBER_SINCE"),
                lit(1000L).as("MRR"), lit(12000L).as("ARR"), lit("USD").as("CURRENCY"), lit("Gold").as("PLAN_NAME"),
                lit("1 month").as("BILLING_CYCLE"), lit(0L).as("NET_PAYMENTS"),
                expr("cast(array() as array<string>)").as("TAGS"), lit("{}").as("CUSTOM_ATTRIBUTES"),
                lit(Timestamp.from(asOf)).as("AS_OF"));
        return rows;
    }
}
