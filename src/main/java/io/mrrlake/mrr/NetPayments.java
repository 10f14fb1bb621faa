package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Limits;
import io.mrrlake.landing.Rejects;
import io.mrrlake.model.Columns;
import io.mrrlake.model.MinorUnits;
import io.mrrlake.mrr.ledger.Money;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * NET_PAYMENTS per calculated customer: successful payments minus successful refunds up to the
 * as-of, each converted to the account currency at its own day's rates and rounded on its own.
 */
final class NetPayments {
    private NetPayments() {}

    /**
     * @param perCustomer CUSTOMER_UUID, NET_PAYMENTS
     * @param rejected    successful transactions left out of NET_PAYMENTS, as rejects of kind
     *                    transactions: without a rate of their day ({@code missing_rate}), or with an
     *                    amount too large ({@code bad_number:amount_in_cents}): past the amount limit
     *                    (a payment without an amount is its invoice's whole total, which no limit
     *                    bounds) or past {@link ConversionBound} once converted
     */
    record Result(Dataset<Row> perCustomer, Dataset<Row> rejected) {}

    static Result build(Dataset<Row> invoices, Dataset<Row> transactions, Dataset<Row> dailyRates,
                        MrrSettings settings, Timestamp asOf) {
        String account = settings.accountCurrency().toUpperCase(java.util.Locale.ROOT);
        Dataset<Row> tx = rated(InvoicePayments.successfulTransactions(invoices, transactions, asOf),
                coalesce(col(CURRENCY), col("I_CURRENCY")), col("SIGNED"), dailyRates, settings);
        Column converted = when(same(account), col("SIGNED"))
                .otherwise(toAccount(account).apply(col("SIGNED"), col("R_ACC"), col("R_TX"), col("TX_CURRENCY")));
        Dataset<Row> perCustomer = tx.where(rejectReason(account, col("SIGNED")).isNull())
                .groupBy(col("I_CUSTOMER").as(Columns.CUSTOMER_UUID))
                .agg(CheckedSums.sumLong(converted, "a customer's " + NET_PAYMENTS).as(NET_PAYMENTS));
        // The same transactions without the join to their invoices (the rejects need no customer): the
        // source dataset already holds each one's currency and amount, its invoice's when it gave none.
        Dataset<Row> successful = InvoicePayments.successful(transactions, asOf);
        Dataset<Row> rejectedRows = rated(successful, col(CURRENCY), col(AMOUNT_IN_CENTS), dailyRates, settings)
                .withColumn(REASON, rejectReason(account, col(AMOUNT_IN_CENTS)))
                .where(col(REASON).isNotNull());
        Column missingRate = concat(lit("no rate for "), when(col("R_TX").isNull(), col("TX_CURRENCY")).otherwise(lit(account)),
                lit(" on or up to " + settings.maxRateAgeDays() + " days before "), col(DAY).cast("string"));
        Column overLimit = concat(lit("the payment's amount (its invoice's total when it gives none) is "),
                col(AMOUNT_IN_CENTS).cast("string"), lit(", beyond ±" + Limits.MAX_AMOUNT));
        Column tooLarge = ConversionBound.detail("the payment", account, col("MAGNITUDE"), col("TX_CURRENCY"), col("R_TX"),
                col("R_ACC"), col(DAY));
        Column detail = when(col(REASON).equalTo(ItemFacts.MISSING_RATE), missingRate)
                .when(overAmountLimit(col(AMOUNT_IN_CENTS)), overLimit).otherwise(tooLarge);
        Dataset<Row> rejected = Rejects.ofTyped(rejectedRows, LandingKind.TRANSACTIONS.folder(), col(REASON),
                concat(detail, lit(" (transaction "), col(Columns.UUID), lit(")")),
                List.of(Columns.UUID, Columns.DATA_SOURCE_UUID, INVOICE_UUID, Columns.EXTERNAL_ID, TYPE, RESULT,
                        TRANSACTED_AT, AMOUNT_IN_CENTS, CURRENCY), asOf.toInstant());
        return new Result(perCustomer, rejected);
    }

    /** Why a rated transaction of this amount is left out of NET_PAYMENTS; null when it counts. */
    private static Column rejectReason(String account, Column amount) {
        Column rated = col("R_TX").isNotNull().and(col("R_ACC").isNotNull());
        return when(not(same(account)).and(not(rated)), lit(ItemFacts.MISSING_RATE))
                .when(overAmountLimit(amount), lit(ConversionBound.TOO_LARGE))
                .when(not(same(account)).and(coalesce(ConversionBound.exceeded(col("MAGNITUDE")), lit(false))),
                        lit(ConversionBound.TOO_LARGE));
    }

    private static Column same(String account) {
        return col("TX_CURRENCY").equalTo(lit(account));
    }

    private static Column overAmountLimit(Column amount) {
        return abs(amount).gt(lit(Limits.MAX_AMOUNT));
    }

    /** TX_CURRENCY, DAY (in mrr.time_zone), the day's rates R_TX and R_ACC, and the amount's converted MAGNITUDE. */
    private static Dataset<Row> rated(Dataset<Row> tx, Column currency, Column amount, Dataset<Row> dailyRates,
                                      MrrSettings settings) {
        String account = settings.accountCurrency();
        Dataset<Row> withDay = tx.withColumn("TX_CURRENCY", upper(currency))
                .withColumn(DAY, to_date(from_utc_timestamp(col(TRANSACTED_AT), settings.timeZone().getId())));
        Dataset<Row> out = RateTable.withRate(withDay, dailyRates, col("TX_CURRENCY"), col(DAY), "R_TX");
        out = RateTable.withRate(out, dailyRates, lit(account), col(DAY), "R_ACC");
        return out.withColumn("MAGNITUDE", ConversionBound.magnitude(account, amount.cast("decimal(20,0)"),
                col("R_ACC"), col("R_TX"), col("TX_CURRENCY")));
    }

    /**
     * (amount, account rate, transaction rate, transaction currency) → account-currency minor units,
     * with the ledger's exact conversion: Spark's decimal arithmetic would drop digits of the rates.
     */
    private static UserDefinedFunction toAccount(String account) {
        int accountExponent = MinorUnits.exponent(account);
        UDF4<Long, BigDecimal, BigDecimal, String, Long> f = (amount, rateAccount, rateTx, currency) ->
                amount == null || rateAccount == null || rateTx == null ? null
                        : Money.convert(amount, rateAccount, rateTx, accountExponent - MinorUnits.exponent(currency));
        return udf(f, DataTypes.LongType);
    }
}
