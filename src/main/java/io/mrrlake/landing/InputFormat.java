package io.mrrlake.landing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The landing zone's format, chosen per run with {@code --input-format} (docs/LANDING.md). */
public enum InputFormat {
    JSON, PARQUET, AVRO, CSV, DELTA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether invoices and customers arrive nested (JSON) or split into flat tables. */
    public boolean nested() {
        return this == JSON;
    }

    /** Parses the lower-case name ("json", "parquet", …). */
    public static InputFormat parse(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown input format '" + name + "', allowed: "
                        + Arrays.stream(values()).map(InputFormat::wireName).collect(Collectors.joining(", "))));
    }
}
