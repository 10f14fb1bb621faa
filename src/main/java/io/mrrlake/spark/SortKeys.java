package io.mrrlake.spark;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.model.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The order in which a key's columns are given to Spark for a shuffle and its sort (a window's
 * partitioning, an equi-join's condition). Spark's sort compares an 8-byte prefix of a row's first
 * key column and compares the whole rows only when the prefixes tie. A data source's uuid is the
 * same for most rows of a zone, so with it first nearly every comparison of a sort on (data
 * source, external id) compared two whole rows, uuid bytes first. With the data source last, the
 * external id's prefix decides most comparisons. The groups and the pairs matched are the same
 * whatever the order: only the work to find them changes.
 */
public final class SortKeys {
    private SortKeys() {}

    /** The positions of {@code key}'s columns with the data source columns (…DATA_SOURCE_UUID) last, each group in its order. */
    public static List<Integer> selectiveFirst(List<String> key) {
        List<Integer> first = new ArrayList<>();
        List<Integer> last = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            (isDataSource(key.get(i)) ? last : first).add(i);
        }
        first.addAll(last);
        return first;
    }

    /** {@code key}'s columns in the order of {@link #selectiveFirst}. */
    public static List<String> selectiveFirstColumns(List<String> key) {
        return selectiveFirst(key).stream().map(key::get).toList();
    }

    /**
     * The equi-join condition {@code left[i] = right[i]} for every i, in the order of
     * {@link #selectiveFirst} of {@code left}'s names. A side whose rows Spark already hash-partitioned
     * on the same columns imposes its own order (Spark reorders the join's keys to spare a
     * shuffle), so such a side lists its columns in this order too.
     */
    public static Column joinOn(List<String> left, List<String> right) {
        if (left.size() != right.size() || left.isEmpty()) {
            throw new IllegalArgumentException("a join needs as many columns on each side: " + left + ", " + right);
        }
        Column on = null;
        for (int i : selectiveFirst(left)) {
            Column eq = functions.col(left.get(i)).equalTo(functions.col(right.get(i)));
            on = on == null ? eq : on.and(eq);
        }
        return on;
    }

    private static boolean isDataSource(String column) {
        return column.toUpperCase(java.util.Locale.ROOT).endsWith(Columns.DATA_SOURCE_UUID);
    }
}
