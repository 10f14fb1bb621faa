package io.mrrlake.mrr.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact arithmetic on minor units: every rounding is half away from zero, to a whole cent. */
public final class Money {
    private Money() {}

    /** round(numerator / denominator), half away from zero, computed exactly. */
    public static long roundDiv(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) throw new ArithmeticException("division by zero");
        // BigDecimal's HALF_UP is "half away from zero" and the division is exact before rounding.
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * round(amount × factor): invoice currency to account currency, with
     * {@code factor = rateAccount / rateInvoice × 10^shift} and {@code shift = e(account) − e(invoice)},
     * the difference of the two currencies' minor-unit exponents ({@link io.mrrlake.model.MinorUnits}):
     * ¥4,350 at 145 JPY per USD is 3000 US cents. Exact until the one rounding.
     */
    public static long convert(long amount, BigDecimal rateAccount, BigDecimal rateInvoice, int shift) {
        if (shift == 0 && rateAccount.compareTo(rateInvoice) == 0) return amount;
        return BigDecimal.valueOf(amount).multiply(rateAccount).scaleByPowerOfTen(shift)
                .divide(rateInvoice, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * |amount| × factor of {@link #convert}, rounded up: the most a conversion of {@code amount} can
     * give, computed exactly so that a bound on it is checked before the ledger converts (decimal,
     * since the result may be far outside 64 bits).
     */
    public static BigDecimal convertedMagnitude(BigDecimal amount, BigDecimal rateAccount, BigDecimal rateInvoice, int shift) {
        return amount.abs().multiply(rateAccount).scaleByPowerOfTen(shift).divide(rateInvoice, 0, RoundingMode.CEILING);
    }

    /** The reverse of {@link #convert}: account currency to invoice currency. */
    public static long convertBack(long amount, BigDecimal rateAccount, BigDecimal rateInvoice, int shift) {
        return convert(amount, rateInvoice, rateAccount, -shift);
    }
}
