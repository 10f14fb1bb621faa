package io.mrrlake.source;

import static org.apache.spark.sql.functions.*;

import io.mrrlake.landing.Rejects;
import org.apache.spark.sql.Column;

/**
 * The bookkeeping that lets a kind be validated in one pass: every record keeps its row through
 * every step (record checks, deduplication, reference checks), and each step only judges the
 * records no earlier step has judged. A record ends valid, rejected ({@link #VERDICT} holds the
 * reason and detail of the first step that failed it) or collapsed (an identical copy of a kept
 * record, {@link #COPY}). Valid records and rejects part only at the end, from one materialized
 * dataset.
 */
final class Verdicts {
    /** struct(REASON, DETAIL) of the reject, null while the record passes. */
    static final String VERDICT = "_VERDICT";
    /** True for a copy, equal in every field, of a record that is kept: dropped without a reject. */
    static final String COPY = "_COPY";

    private Verdicts() {}

    /** A record no step has judged yet: the only ones a further step looks at. */
    static Column open() {
        return col(VERDICT).isNull().and(not(col(COPY)));
    }

    static Column reject(Column reason, Column detail) {
        return struct(reason.as(Rejects.REASON), detail.as(Rejects.DETAIL));
    }

    /** The verdict after a step that rejects the open records for which {@code fails} holds. */
    static Column judge(Column fails, Column reason, Column detail) {
        return when(open().and(fails), reject(reason, detail)).otherwise(col(VERDICT));
    }

    static Column reason() {
        return col(VERDICT + "." + Rejects.REASON);
    }

    static Column detail() {
        return col(VERDICT + "." + Rejects.DETAIL);
    }
}
