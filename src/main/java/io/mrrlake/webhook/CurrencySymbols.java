package io.mrrlake.webhook;

import java.util.Map;

/**
 * The usual symbol of a currency in English ($, €, £, ¥, ₩, CA$), else its ISO code (KWD, CHF). The
 * table is fixed here, as the JDK 17 the job runs on gives the symbols for the English locale, so a
 * payload never depends on the machine that sends it: the JDK's own locale data differs between
 * JDK builds (JDK 25 gives XCG the symbol "Cg.", JDK 17 none), as the currency list does
 * (io.mrrlake.model.MinorUnits). WebhookEndpointsTest compares it with the running JDK's.
 */
final class CurrencySymbols {
    static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("AUD", "A$"), Map.entry("BRL", "R$"), Map.entry("CAD", "CA$"), Map.entry("CNY", "CN¥"),
            Map.entry("EUR", "€"), Map.entry("GBP", "£"), Map.entry("HKD", "HK$"), Map.entry("ILS", "₪"),
            Map.entry("INR", "₹"), Map.entry("JPY", "¥"), Map.entry("KRW", "₩"), Map.entry("MXN", "MX$"),
            Map.entry("NZD", "NZ$"), Map.entry("PHP", "₱"), Map.entry("TWD", "NT$"), Map.entry("USD", "$"),
            Map.entry("VND", "₫"), Map.entry("XAF", "FCFA"), Map.entry("XCD", "EC$"), Map.entry("XOF", "F\u202fCFA"),
            Map.entry("XPF", "CFPF"));

    private CurrencySymbols() {}

    static String of(String isoCode) {
        if (isoCode == null) {
            return null;
        }
        return SYMBOLS.getOrDefault(isoCode, isoCode);
    }
}
