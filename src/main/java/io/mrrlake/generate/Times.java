package io.mrrlake.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Instants as epoch seconds (UTC), calendar arithmetic on them, and fixed ISO-8601 formatting. */
final class Times {
    static final long DAY = 86_400L;
    static final long HOUR = 3_600L;

    private Times() {}

    static long epoch(LocalDate d) {
        return d.toEpochDay() * DAY;
    }

    static LocalDateTime utc(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    /** {@code t} plus {@code count} plan units, calendar-correct (month ends clamp like java.time). */
    static long plus(long t, String unit, int count) {
        return switch (unit) {
            case "day" -> t + count * DAY;
            case "month" -> utc(t).plusMonths(count).toEpochSecond(ZoneOffset.UTC);
            case "year" -> utc(t).plusYears(count).toEpochSecond(ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    /** {@code t} minus {@code count} plan units (the start of a whole interval that ends at t). */
    static long minus(long t, String unit, int count) {
        return switch (unit) {
            case "day" -> t - count * DAY;
            case "month" -> utc(t).minusMonths(count).toEpochSecond(ZoneOffset.UTC);
            case "year" -> utc(t).minusYears(count).toEpochSecond(ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    /** {@code 2023-01-05T10:11:12Z}. */
    static String instant(long t) {
        StringBuilder sb = new StringBuilder(20);
        appendDateTime(sb, t);
        return sb.append('Z').toString();
    }

    /** {@code 2023-01-05T10:11:12}: a time without zone, which the contract reads as UTC. */
    static String local(long t) {
        StringBuilder sb = new StringBuilder(19);
        appendDateTime(sb, t);
        return sb.toString();
    }

    /** {@code 2023-01-05}: a bare date, midnight UTC. */
    static String date(long t) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, LocalDate.ofEpochDay(Math.floorDiv(t, DAY)));
        return sb.toString();
    }

    static String date(LocalDate d) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, d);
        return sb.toString();
    }

    private static void appendDateTime(StringBuilder sb, long t) {
        long day = Math.floorDiv(t, DAY);
        int sec = (int) Math.floorMod(t, DAY);
        appendDate(sb, LocalDate.ofEpochDay(day));
        sb.append('T');
        two(sb, sec / 3600).append(':');
        two(sb, sec / 60 % 60).append(':');
        two(sb, sec % 60);
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        sb.append(d.getYear()).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth());
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }
}
