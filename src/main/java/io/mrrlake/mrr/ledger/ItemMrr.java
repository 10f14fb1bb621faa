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

    /**
     * The terms of the formula: {@code item MRR = round(net × prorateNumerator / prorateDenominator
     * / (monthsNumerator / monthsDenominator))}; a trial's MRR is 0 and a differential_mrr item's is its net.
     */
    public record Terms(long net, long prorateNumerator, long prorateDenominator, long monthsNumerator,
                        long monthsDenominator, long mrr) {}

    public static long of(LedgerItem item, ZoneId zone) {
        return terms(item, zone).mrr();
    }

    /**
     * An adding item (differential, differential_mrr) whose item MRR is 0 or below: with no MRR to add
     * to it changes nothing, so it neither starts nor restarts a subscription, nor is it what the
     * subscription's plan becomes (docs/MRR.md "A subscription over time").
     */
    public static boolean credit(LedgerItem item, ZoneId zone) {
        return !item.proration().sets() && of(item, zone) <= 0;
    }

    public static Terms terms(LedgerItem item, ZoneId zone) {
        if (item.trial()) return new Terms(item.net(), 1, 1, 1, 1, 0);
        if (item.proration() == ProrationType.DIFFERENTIAL_MRR) return new Terms(item.net(), 1, 1, 1, 1, item.net());
        // interval_months = monthsNumerator / monthsDenominator
        long count = item.intervalCount();
        long monthsNumerator;
        long monthsDenominator;
        switch (item.intervalUnit().toLowerCase(Locale.ROOT)) {
            case "day" -> { monthsNumerator = 12 * count; monthsDenominator = 365; }
            case "year" -> { monthsNumerator = 12 * count; monthsDenominator = 1; }
            default -> { monthsNumerator = count; monthsDenominator = 1; }
        }
        long full = 1;
        long prorated = 1;
        if (item.proration() != ProrationType.NONE) {
            long p = Duration.between(item.serviceStart(), item.serviceEnd()).getSeconds();
            long f = fullIntervalSeconds(item, zone);
            if (p > 0 && f > 0) {
                full = f;
                prorated = p;
            }
        }
        BigInteger numerator = BigInteger.valueOf(item.net()).multiply(BigInteger.valueOf(monthsDenominator))
                .multiply(BigInteger.valueOf(full));
        BigInteger denominator = BigInteger.valueOf(monthsNumerator).multiply(BigInteger.valueOf(prorated));
        return new Terms(item.net(), full, prorated, monthsNumerator, monthsDenominator,
                Money.roundDiv(numerator, denominator));
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
