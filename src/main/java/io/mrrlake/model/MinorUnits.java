package io.mrrlake.model;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ISO 4217 minor-unit exponent of each currency: USD 2 (cents), JPY 0, KWD 3, CLF and UYW 4.
 * Amounts everywhere are whole minor units of their own currency, so every conversion and every
 * display needs this number. Codes that have none (gold XAU, the testing code XXX, the SDR XDR) are
 * not currencies an amount can be kept in: the landing checks reject them as unknown.
 *
 * <p>The table is the project's own, fixed here (docs/MRR.md "Currency"): ISO 4217's current
 * codes with their minor units (amendments up to 2025: XCG, XAD, ZWG among them), and the withdrawn
 * codes a billing history can still hold (DEM, HRK, ANG, SLL, ZWL, …) with the decimals they had.
 * It used to be read from the JDK's currency data, which differs between JDK builds (JDK 17 lacks
 * XAD, JDK 25 lacks GWP, no JDK has UYW): the same landing zone and as-of then gave different
 * rejects, and so different numbers, on two machines. MinorUnitsTest compares the table with the
 * running JDK's and with the notebooks' copy.
 */
public final class MinorUnits {
    private static final String ZERO = "ADP BEF BIF BYB BYR CLP DJF ESP GNF GRD ISK ITL JPY KMF KRW LUF MGF PTE PYG ROL"
            + " RWF TPE TRL UGX UYI VND VUV XAF XOF XPF";
    private static final String TWO = "AED AFA AFN ALL AMD ANG AOA ARS ATS AUD AWG AYM AZM AZN BAM BBD BDT BGL BGN BMD"
            + " BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CSD CUC CUP CVE CYP CZK DEM"
            + " DKK DOP DZD EEK EGP ERN ETB EUR FIM FJD FKP FRF GBP GEL GHC GHS GIP GMD GTQ GWP GYD HKD HNL HRK HTG HUF"
            + " IDR IEP ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL LTL LVL MAD MDL MGA MKD MMK MNT"
            + " MOP MRO MRU MTL MUR MVR MWK MXN MXV MYR MZM MZN NAD NGN NIO NLG NOK NPR NZD PAB PEN PGK PHP PKR PLN"
            + " QAR RON RSD RUB RUR SAR SBD SCR SDD SDG SEK SGD SHP SIT SKK SLE SLL SOS SRD SRG SSP STD STN SVC SYP"
            + " SZL THB TJS TMM TMT TOP TRY TTD TWD TZS UAH USD USN USS UYU UZS VEB VED VEF VES WST XAD XCD XCG YER"
            + " YUM ZAR ZMK ZMW ZWD ZWG ZWL ZWN ZWR";
    private static final String THREE = "BHD IQD JOD KWD LYD OMR TND";
    private static final String FOUR = "CLF UYW";
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
        Map.of(0, ZERO, 2, TWO, 3, THREE, 4, FOUR).forEach((exponent, codes) -> {
            for (String code : codes.split(" ")) {
                if (out.put(code, exponent) != null) throw new IllegalStateException("twice in the table: " + code);
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
