package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Limits;
import io.mrrlake.landing.Values;
import org.apache.spark.sql.Column;

/** currency_rates: keyed by (date, currency); a rate must be a positive number. */
final class RateRules implements KindRules {
    @Override public LandingKind kind() { return LandingKind.CURRENCY_RATES; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("date"), Check.required("currency"), Check.required("rate"),
                Check.decimal("rate"),
                Check.of("bad_number:rate", coalesce(not(Values.toDecimal(col("rate"))
                                .between(lit(Limits.MIN_RATE), lit(Limits.MAX_RATE))), lit(true)),
                        concat(lit("rate must be from " + Limits.MIN_RATE.toPlainString() + " to "
                                + Limits.MAX_RATE.toPlainString() + ": "), col("rate"))),
                Check.timestamp("date"), Check.currency("currency"));
    }

    @Override public List<Column> typed() {
        return List.of(to_date(Values.parsedTimestamp("date")).as(DATE),
                Values.toCurrency(col("currency")).as(CURRENCY), Values.toDecimal(col("rate")).as(RATE));
    }

    @Override public List<String> key() { return List.of(DATE, CURRENCY); }

    static final List<String> OUTPUT = List.of(DATE, CURRENCY, RATE);
}
