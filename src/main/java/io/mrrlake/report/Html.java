package io.mrrlake.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import io.mrrlake.model.MinorUnits;

/** Escaping and number formatting for the report: every text that came from data goes through here. */
final class Html {
    private Html() {}

    /** Escapes text for element content and quoted attribute values. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** Digits after the point of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD; 2 when unknown). */
    static int fractionDigits(String currency) {
        return MinorUnits.known(currency) ? MinorUnits.exponent(currency) : 2;
    }

    /** Minor units as a major-unit amount with grouping: 123456 USD -> "1,234.56". */
    static String money(long minor, String currency) {
        int digits = fractionDigits(currency);
        BigDecimal major = BigDecimal.valueOf(minor, digits);
        DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(major);
    }

    /** A short axis label for a major-unit value: 1234567 -> "1.2M", 45300 -> "45.3k". */
    static String compact(double major) {
        double a = Math.abs(major);
        if (a >= 1e9) return trim(major / 1e9) + "B";
        if (a >= 1e6) return trim(major / 1e6) + "M";
        if (a >= 1e3) return trim(major / 1e3) + "k";
        return trim(major);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
