package io.mrrlake.webhook;

import java.util.Map;

/** The usual English symbol of a currency ($, €, £, ¥), else its ISO code. */
final class CurrencySymbols {
    private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥");

    private CurrencySymbols() {}

    static String of(String isoCode) {
        if (isoCode == null) {
            return null;
        }
        return SYMBOLS.getOrDefault(isoCode, isoCode);
    }
}
