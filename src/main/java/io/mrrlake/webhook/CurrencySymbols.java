package io.mrrlake.webhook;

import java.util.Currency;
import java.util.Locale;

/**
 * The usual symbol of a currency in English, from the JDK's locale data ($, €, £, ¥, ₩, CA$), else its
 * ISO code (KWD, CHF). One fixed locale, so a payload never depends on the machine that sends it.
 */
final class CurrencySymbols {
    private static final Locale LOCALE = Locale.ENGLISH;

    private CurrencySymbols() {}

    static String of(String isoCode) {
        if (isoCode == null) {
            return null;
        }
        try {
            return Currency.getInstance(isoCode).getSymbol(LOCALE);
        } catch (IllegalArgumentException e) {
            return isoCode;
        }
    }
}
