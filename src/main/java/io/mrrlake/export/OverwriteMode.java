package io.mrrlake.export;

import java.util.Locale;

import io.mrrlake.config.ConfigException;

/**
 * How a partitioned dataset replaces the previous run's: every partition ({@code full}), or only
 * the months this run has rows for ({@code partitions}; months missing from this run keep their
 * old rows). Unpartitioned datasets are always replaced whole.
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

    /** run.md: Delta replaces the whole table in one commit, Parquet overwrites the touched months. */
    public static OverwriteMode defaultFor(FileFormat format) {
        return format == FileFormat.DELTA ? FULL : PARTITIONS;
    }
}
