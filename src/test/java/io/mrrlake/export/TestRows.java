package io.mrrlake.export;

import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small movement-like datasets built on the executors, with a month partition and array columns. */
final class TestRows {
    private TestRows() {}

    /** n rows spread over `months` months from 2024-01, deterministic. */
    static Dataset<Row> movements(SparkSession spark, long n, int months) {
        return spark.range(n).toDF("i")
                .withColumn("UUID", concat(lit("mov_"), col("i").cast("string")))
                .withColumn("CUSTOMER_UUID", concat(lit("cus_"), pmod(col("i"), lit(7)).cast("string")))
                .withColumn("DATE", date_add(lit("2024-01-01").cast("date"), pmod(col("i"), lit(months)).multiply(31).cast("int")))
                .withColumn("DATE_MONTH", date_format(col("DATE"), "yyyy-MM"))
                .withColumn("MRR_MOVEMENT", col("i").multiply(100))
                .withColumn("AMOUNT", col("i").cast("decimal(38,12)").divide(lit(3)).cast("decimal(38,12)"))
                .withColumn("CREATED_AT", to_timestamp(lit("2024-03-04 05:06:07")))
                .withColumn("TAGS", array(lit("a"), concat(lit("t"), col("i").cast("string"))))
                .withColumn("IS_FREE", col("i").mod(2).equalTo(0))
                .drop("i");
    }

    static DatasetWrite movementsWrite(SparkSession spark, long n, int months) {
        return DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS, movements(spark, n, months));
    }

    /** A write whose computation fails on an executor after some rows were produced. */
    static DatasetWrite failingWrite(SparkSession spark, OutputDataset dataset) {
        Dataset<Row> rows = movements(spark, 50, 3)
                .withColumn("MRR_MOVEMENT", when(col("UUID").equalTo("mov_42"),
                        raise_error(lit("boom in the middle of the write")).cast("long")).otherwise(col("MRR_MOVEMENT")));
        return DatasetWrite.of(dataset, rows);
    }

    static List<String> sortedKeys(Dataset<Row> rows) {
        return rows.select("UUID").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()
                .stream().sorted().toList();
    }
}
