package io.mrrlake.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The run's as-of instant. A bare date means the end of that day in the reporting time zone: the
 * last microsecond, since Spark timestamps have microsecond precision and "after the as-of" is
 * strictly later.
 *
 * @param label the name of the run's folder under {@code _runs/}: the date, or the instant with
 *              dashes for colons (Hadoop paths cannot hold a colon)
 */
public record AsOf(Instant instant, String label) {

    public static AsOf parse(String text, ZoneId zone) {
        String t = text.trim();
        try {
            LocalDate d = LocalDate.parse(t);
            Instant end = d.plusDays(1).atStartOfDay(zone).toInstant().minus(1, ChronoUnit.MICROS);
            return new AsOf(end, d.toString());
        } catch (DateTimeException notADate) {
            // fall through to an instant
        }
        Instant i;
        try {
            i = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException withoutZone) {
            try {
                i = java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new ConfigException("run.as_of",
                        "'" + text + "' is neither a date (2024-12-31) nor an ISO-8601 instant (2024-12-31T10:00:00Z)");
            }
        }
        String label = DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.MILLIS)).replace(':', '-');
        return new AsOf(i, label);
    }
}
