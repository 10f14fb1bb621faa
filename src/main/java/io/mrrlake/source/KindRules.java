package io.mrrlake.source;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import org.apache.spark.sql.Column;

/** How one landing kind is validated, typed and keyed. */
interface KindRules {
    LandingKind kind();

    /** Record checks on the raw string fields, in the order their reasons win. */
    List<Check> checks();

    /** The typed columns, named as the source dataset (or "_"-prefixed working columns). */
    List<Column> typed();

    /** The natural key among the typed columns; duplicates of it collapse or are rejected. */
    List<String> key();

    /** The typed column whose latest value wins among conflicting duplicates, or null. */
    default String updatedAt() {
        return null;
    }
}
