package io.mrrlake.mrr.ledger;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The MRR of one line item (docs/MRR.md "MRR of one item"), exactly:
 * {@code round(net × full_seconds / prorated_seconds / interval_months)} as one rational number,
 * rounded once, half away from zero.
 */
public final class ItemMrr {
    private ItemMrr() {}

    public static long of(LedgerItem item, ZoneId zone) {
        if (item.trial()) return 0;
        if (item.proration() == ProrationType.DIFFERENTIAL_MRR) return item.net();
        // interval_months = monthsNumerator / monthsDenominator
        long count = item.intervalCount();
        long monthsNumerator;
        long monthsDenominator;
        switch (item.intervalUnit().toLowerCase(Locale.ROOT)) {
            case "day" -> { monthsNumerator = 12 * count; monthsDenominator = 365; }
            case "year" -> { monthsNumerator = 12 * count; monthsDenominator = 1; }
            default -> { monthsNumerator = count; monthsDenominator = 1; }
        }
        BigInteger numerator = BigInteger.valueOf(item.net()).multiply(BigInteger.valueOf(monthsDenominator));
        BigInteger denominator = BigInteger.valueOf(monthsNumerator);
        if (item.proration() != ProrationType.NONE) {
            long prorated = Duration.between(item.serviceStart(), item.serviceEnd()).getSeconds();
            long full = fullIntervalSeconds(item, zone);
            if (prorated > 0 && full > 0) {
                numerator = numerator.multiply(BigInteger.valueOf(full));
                denominator = denominator.multiply(BigInteger.valueOf(prorated));
            }
        }
        return Money.roundDiv(numerator, denominator);
    }

    /** One whole plan interval ending at the item's service_period_end, by the calendar of {@code zone}. */
    static long fullIntervalSeconds(LedgerItem item, ZoneId zone) {
        ZonedDateTime end = item.serviceEnd().atZone(zone);
        long n = item.intervalCount();
        ZonedDateTime start = switch (item.intervalUnit().toLowerCase(Locale.ROOT)) {
            case "day" -> end.minusDays(n);
            case "year" -> end.minusYears(n);
            default -> end.minusMonths(n);
        };
        return Duration.between(start.toInstant(), (Instant) item.serviceEnd()).getSeconds();
    }
}
