package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per endpoint, the as-of of its last finished run: the lower bound of the next run's window. A
 * small Delta table under the state location; it only moves forward, so replaying an old as-of
 * leaves it where it is.
 */
final class Watermarks {
    static final String DIR = "webhook_watermarks";

    static final StructType SCHEMA = new StructType()
            .add(W_ENDPOINT, DataTypes.StringType, false)
            .add(W_WATERMARK, DataTypes.TimestampType, false)
            .add(W_UPDATED_AT, DataTypes.TimestampType, false);

    /** Endpoints finish in parallel threads; their watermark commits go one at a time. */
    private static final Object COMMIT_LOCK = new Object();

    private final SparkSession spark;
    private final String path;

    private Watermarks(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    static Watermarks open(SparkSession spark, String stateLocation) {
        String path = DeliveryLedger.stripSlash(stateLocation) + "/" + DIR;
        DeliveryLedger.createIfAbsent(spark, path, SCHEMA);
        return new Watermarks(spark, path);
    }

    Optional<Instant> get(String endpoint) {
        List<Row> rows = spark.read().format("delta").load(path)
                .filter(col(W_ENDPOINT).equalTo(lit(endpoint)))
                .select(W_WATERMARK).collectAsList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getTimestamp(0).toInstant());
    }

    /** Stores max(stored, watermark). */
    void advance(String endpoint, Instant watermark, Instant now) {
        Dataset<Row> update = spark.createDataFrame(
                List.of(RowFactory.create(endpoint, Timestamp.from(watermark), Timestamp.from(now))), SCHEMA);
        synchronized (COMMIT_LOCK) {
            DeliveryLedger.commitWithRetry(() -> {
                DeltaTable.forPath(spark, path).as("t")
                        .merge(update.as("s"), col("t." + W_ENDPOINT).equalTo(col("s." + W_ENDPOINT)))
                        .whenMatched(col("s." + W_WATERMARK).gt(col("t." + W_WATERMARK))).updateAll()
                        .whenNotMatched().insertAll()
                        .execute();
                return null;
            });
        }
    }
}
