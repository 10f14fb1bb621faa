package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.*;

import java.time.ZoneId;

import io.mrrlake.model.Columns;
import org.apache.spark.sql.Column;

/** Month and timestamp expressions in mrr.time_zone (the session time zone is UTC). */
final class Months {
    private Months() {}

    static Column monthOf(Column utcTimestamp, ZoneId zone) {
        return date_format(from_utc_timestamp(utcTimestamp, zone.getId()), Columns.MONTH_FORMAT);
    }

    static Column timestamp(Column epochMicros) {
        return timestamp_micros(epochMicros);
    }
}
