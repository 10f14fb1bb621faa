package io.mrrlake.export;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * Puts SQL settings a write needs into the session and leaves them there. Writes of a destination
 * run at the same time (DestinationWriter), so a setting changed for one write and put back after
 * it would change under another; the settings set here are the ones a run writing to that kind of
 * location needs for all its writes (JobRunner sets them at the start for the destinations it knows).
 */
final class SessionConf {
    private SessionConf() {}

    static void ensure(SparkSession spark, Map<String, String> settings) {
        synchronized (spark) {
            settings.forEach((k, v) -> {
                if (!v.equals(spark.conf().getOption(k).getOrElse(() -> null))) {
                    spark.conf().set(k, v);
                }
            });
        }
    }
}
