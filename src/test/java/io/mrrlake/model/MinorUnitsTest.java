package io.mrrlake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MinorUnitsTest {

    @Test
    void exponentsComeFromIso4217() {
        assertEquals(2, MinorUnits.exponent("USD"));
        assertEquals(2, MinorUnits.exponent("eur"));
        assertEquals(0, MinorUnits.exponent("JPY"));
        assertEquals(0, MinorUnits.exponent("KRW"));
        assertEquals(3, MinorUnits.exponent("KWD"));
        assertEquals(3, MinorUnits.exponent("BHD"));
        assertEquals(4, MinorUnits.exponent("CLF"));
        assertEquals(4, MinorUnits.exponent("UYW"));
    }

    /** Codes of 2023–2025 and withdrawn codes that billing histories still hold. */
    @Test
    void newAndWithdrawnCodesAreKnown() {
        for (String code : new String[] {"XCG", "XAD", "ZWG", "SLE", "VED", "ANG", "HRK", "SLL", "ZWL", "DEM", "CUC"}) {
            assertEquals(2, MinorUnits.exponent(code), code);
        }
        assertEquals(0, MinorUnits.exponent("ESP"));
    }

    /**
     * The table is fixed in the code, not read from the JDK: every code the running JDK knows with a
     * minor unit has the same exponent here, and the table knows more (UYW, which no JDK has; XAD,
     * which JDK 17 lacks). A JDK that adds a currency makes this fail, naming it: a reminder to add it.
     */
    @Test
    void theTableHoldsEveryCurrencyOfTheJdkWithTheSameExponent() {
        Map<String, Integer> jdk = new TreeMap<>();
        for (Currency c : Currency.getAvailableCurrencies()) {
            if (c.getDefaultFractionDigits() >= 0) jdk.put(c.getCurrencyCode(), c.getDefaultFractionDigits());
        }
        Map<String, Integer> ours = new TreeMap<>();
        for (String code : jdk.keySet()) {
            if (MinorUnits.known(code)) ours.put(code, MinorUnits.exponent(code));
        }
        assertEquals(jdk, ours);
    }

    @Test
    void codesWithoutAMinorUnitAreNotKnown() {
        for (String code : new String[] {"XAU", "XXX", "XYZ", "", null}) {
            assertFalse(MinorUnits.known(code), String.valueOf(code));
            assertThrows(IllegalArgumentException.class, () -> MinorUnits.exponent(code));
        }
        assertFalse(MinorUnits.codes().contains("XAU"));
        assertTrue(MinorUnits.codes().contains("KWD"));
    }

    /** The notebooks' helper keeps its own copy of the table (Python has no JDK): it must be this one. */
    @Test
    void theNotebookHelperHasTheSameTable() throws Exception {
        String py = Files.readString(Path.of("notebooks/mrrlake_read.py"));
        String table = py.substring(py.indexOf("_MINOR_DIGITS = {"), py.indexOf("\n}", py.indexOf("_MINOR_DIGITS = {")));
        Map<String, Integer> notebook = new TreeMap<>();
        Matcher block = Pattern.compile("\\{c: (\\d) for c in \\(?(.*?)\\)?\\.split\\(\\)}", Pattern.DOTALL).matcher(table);
        while (block.find()) {
            for (String code : block.group(2).replaceAll("[\"\\s]+", " ").trim().split(" ")) {
                notebook.put(code, Integer.parseInt(block.group(1)));
            }
        }
        Map<String, Integer> notTwo = new TreeMap<>();
        for (String code : MinorUnits.codes()) {
            if (MinorUnits.exponent(code) != 2) notTwo.put(code, MinorUnits.exponent(code));
        }
        assertEquals(notTwo, notebook);
    }
}
