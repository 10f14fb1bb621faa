package io.mrrlake.export;

import java.util.Locale;

import io.mrrlake.config.ConfigException;

/**
 * How a partitioned dataset replaces the previous run's: whole ({@code full}, the default: the same
 * as-of leaves the same rows whatever ran before), or only the months this run has rows for
 * ({@code partitions}; months missing from this run keep their old rows). Unpartitioned datasets
 * are always replaced whole.
 */
public enum OverwriteMode {
    FULL, PARTITIONS;

    public static OverwriteMode parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(key, "'" + value + "' is not an overwrite mode; allowed: full, partitions");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
