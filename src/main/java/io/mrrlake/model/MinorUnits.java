package io.mrrlake.model;

import java.util.Collections;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ISO 4217 minor-unit exponent of each currency, from the JDK's currency data: USD 2 (cents),
 * JPY 0, KWD 3. Amounts everywhere are whole minor units of their own currency, so every conversion
 * and every display needs this number. Codes that have none (gold XAU, the testing code XXX) are
 * not currencies an amount can be kept in: the landing checks reject them as unknown.
 */
public final class MinorUnits {
    private static final Map<String, Integer> EXPONENTS = exponents();

    private MinorUnits() {}

    /** True for an ISO 4217 code (any case) whose currency has a minor unit. */
    public static boolean known(String code) {
        return code != null && EXPONENTS.containsKey(code.toUpperCase(Locale.ROOT));
    }

    /** The codes {@link #known} accepts, upper case, in order. */
    public static Set<String> codes() {
        return EXPONENTS.keySet();
    }

    /** Digits after the point: 2 for USD, 0 for JPY, 3 for KWD. */
    public static int exponent(String code) {
        Integer e = code == null ? null : EXPONENTS.get(code.toUpperCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency with a minor unit");
        }
        return e;
    }

    /** An amount in minor units written with its currency's decimals: 4350 JPY "4350 JPY", 3000 USD "30.00 USD". */
    public static String format(long amount, String code) {
        return java.math.BigDecimal.valueOf(amount, exponent(code)).toPlainString() + " " + code.toUpperCase(Locale.ROOT);
    }

    private static Map<String, Integer> exponents() {
        Map<String, Integer> out = new TreeMap<>();
        for (Currency c : Currency.getAvailableCurrencies()) {
            if (c.getDefaultFractionDigits() >= 0) out.put(c.getCurrencyCode(), c.getDefaultFractionDigits());
        }
        return Collections.unmodifiableMap(out);
    }
}
