package io.mrrlake.mrr;

import static org.apache.spark.sql.functions.*;

import java.math.BigDecimal;
import java.util.Locale;

import io.mrrlake.landing.Limits;
import io.mrrlake.model.MinorUnits;
import io.mrrlake.mrr.ledger.Money;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;

/**
 * How large an amount becomes in the account currency, checked before anything converts it. The
 * landing checks bound amounts in their own currency; a conversion multiplies them by up to 10^19
 * within the rates' limits, and the exact conversion would then fail the run on a number outside
 * 64 bits (docs/LANDING.md "Limits"). Whatever converts past {@link Limits#MAX_ITEM_MRR} is a
 * {@code bad_number:amount_in_cents} reject instead.
 */
final class ConversionBound {
    static final String TOO_LARGE = "bad_number:amount_in_cents";

    private ConversionBound() {}

    /**
     * {@link Money#convertedMagnitude} of {@code amount} (a decimal) in {@code currency} to
     * {@code account}, as decimal(38,0); null when a rate is null or the currency is the account's
     * own (nothing is converted, so nothing is computed).
     */
    static Column magnitude(String account, Column amount, Column rateAccount, Column rateOther, Column currency) {
        String accountCode = account.toUpperCase(Locale.ROOT);
        int accountExponent = MinorUnits.exponent(accountCode);
        UDF4<BigDecimal, BigDecimal, BigDecimal, String, BigDecimal> f = (a, ra, ro, c) ->
                a == null || ra == null || ro == null ? null
                        : Money.convertedMagnitude(a, ra, ro, accountExponent - MinorUnits.exponent(c));
        return when(currency.notEqual(lit(accountCode)),
                udf(f, DataTypes.createDecimalType(38, 0)).apply(amount, rateAccount, rateOther, currency));
    }

    /** True where {@code magnitude} passes the limit; null where it is null. */
    static Column exceeded(Column magnitude) {
        return magnitude.gt(Limits.MAX_ITEM_MRR);
    }

    /** The detail of a reject: the magnitude reached, the limit, and the rates that made it. */
    static Column detail(String what, String account, Column magnitude, Column currency, Column rateOther,
                         Column rateAccount, Column day) {
        return concat(lit(what + " could reach "), magnitude.cast("string"),
                lit(" in " + account + ", outside ±" + Limits.MAX_ITEM_MRR + " (converted at "), plain(rateOther), lit(" "),
                currency, lit(" and "), plain(rateAccount), lit(" " + account + " per USD of "), day.cast("string"), lit(")"));
    }

    private static Column plain(Column rate) {
        return regexp_replace(regexp_replace(rate.cast("string"), "0+$", ""), "\\.$", "");
    }
}
