package io.mrrlake.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;

/**
 * SQL settings for the length of a try-with-resources block: {@link #close()} puts back each value the
 * session had before, or unsets a setting it did not have (also when setting one fails part-way). The
 * settings are the whole session's while the block runs: for work that owns the session (the explain
 * command, a test), not for settings of concurrent writes, which {@code SessionConf} leaves set.
 */
public final class ScopedSqlConf implements AutoCloseable {
    private final SparkSession spark;
    private final Map<String, Optional<String>> previous = new LinkedHashMap<>();

    private ScopedSqlConf(SparkSession spark) {
        this.spark = spark;
    }

    public static ScopedSqlConf set(SparkSession spark, Map<String, String> settings) {
        ScopedSqlConf scope = new ScopedSqlConf(spark);
        try {
            settings.forEach((k, v) -> {
                scope.previous.put(k, spark.conf().contains(k) ? Optional.of(spark.conf().get(k)) : Optional.empty());
                spark.conf().set(k, v);
            });
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
        return scope;
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v.isPresent()) spark.conf().set(k, v.get());
            else spark.conf().unset(k);
        });
    }
}
