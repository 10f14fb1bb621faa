package io.mrrlake.export;

import java.util.HashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Sets SQL settings for the span of one write and puts the old values back. Writes run one after
 * another (DestinationWriter), so no other write sees the temporary values.
 */
final class SessionConf {
    private SessionConf() {}

    interface Action<T> {
        T run() throws Exception;
    }

    static <T> T with(SparkSession spark, Map<String, String> settings, Action<T> action) throws Exception {
        Map<String, Option<String>> previous = new HashMap<>();
        settings.forEach((k, v) -> {
            previous.put(k, spark.conf().getOption(k));
            spark.conf().set(k, v);
        });
        try {
            return action.run();
        } finally {
            previous.forEach((k, old) -> {
                if (old.isDefined()) spark.conf().set(k, old.get());
                else spark.conf().unset(k);
            });
        }
    }
}
