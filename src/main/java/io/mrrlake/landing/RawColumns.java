package io.mrrlake.landing;

import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bookkeeping columns of a raw record, beside its landing fields. They start with "_" so they never
 * meet a landing or output column name.
 */
public final class RawColumns {
    /** The file the record came from. */
    public static final String FILE = "_FILE";
    /** The record as read: the JSON line, or the flat row as JSON. */
    public static final String RAW = "_RAW";
    /** Unknown extra fields as a JSON object string, null when there are none. */
    public static final String UNMAPPED = "_UNMAPPED";
    /** Why the record could not be parsed at all (a bad_json reject), null when it could. */
    public static final String BAD = "_BAD";
    /** How {@link #BAD} starts for a CSV row that does not fit its header (a bad_row reject). */
    public static final String MALFORMED_ROW = "malformed CSV row";
    /** JSON only: each nested child as its own JSON text, parsed after the parent is validated. */
    public static final String LINE_ITEMS = "_LINE_ITEMS";
    public static final String TRANSACTIONS = "_TRANSACTIONS";
    public static final String TAGS = "_TAGS";
    public static final String CUSTOM = "_CUSTOM";

    private RawColumns() {}

    /** Nested children columns a kind carries (always present, null for the flat formats). */
    public static List<String> childArrays(LandingKind kind) {
        return switch (kind) {
            case INVOICES -> List.of(LINE_ITEMS, TRANSACTIONS);
            case CUSTOMERS -> List.of(TAGS, CUSTOM);
            default -> List.of();
        };
    }

    /** The schema of a kind's raw records, whatever the input format. */
    public static StructType schema(LandingKind kind) {
        StructType s = kind.flatSchema()
                .add(FILE, DataTypes.StringType)
                .add(RAW, DataTypes.StringType)
                .add(UNMAPPED, DataTypes.StringType)
                .add(BAD, DataTypes.StringType);
        for (String c : childArrays(kind)) s = s.add(c, DataTypes.createArrayType(DataTypes.StringType));
        return s;
    }
}
