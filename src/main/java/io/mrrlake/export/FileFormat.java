package io.mrrlake.export;

import java.util.Locale;

import io.mrrlake.config.ConfigException;

/** The table formats a files destination writes. */
public enum FileFormat {
    DELTA, PARQUET;

    public static FileFormat parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(key, "'" + value + "' is not a format; allowed: delta, parquet");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
