package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/** transactions: keyed like line items (invoice + external_id, or position). */
final class TransactionRules implements KindRules {
    static final List<String> TYPES = List.of("payment", "refund");
    static final List<String> RESULTS = List.of("successful", "failed");

    @Override public LandingKind kind() { return LandingKind.TRANSACTIONS; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("data_source_uuid"), Check.required("invoice_external_id"),
                Check.of("missing_field:external_id", col("external_id").isNull().and(col("position").isNull()),
                        lit("a transaction needs an external_id, or a position in its invoice")),
                Check.required("type"), Check.required("result"), Check.required("date"),
                Check.oneOf("type", TYPES), Check.oneOf("result", RESULTS),
                Check.int32("position"), Check.amount("amount_in_cents"), Check.amount("transaction_fees_in_cents"),
                Check.timestamp("date"), Check.currency("transaction_fees_currency"));
    }

    @Override public List<Column> typed() {
        return List.of(
                LineItemRules.childId(Ids.TRANSACTION).as(UUID),
                col("data_source_uuid").as(DATA_SOURCE_UUID),
                Ids.column(Ids.INVOICE, col("data_source_uuid"), col("invoice_external_id")).as(INVOICE_UUID),
                col("invoice_external_id").as(INVOICE_EXTERNAL_ID), col("external_id").as(EXTERNAL_ID),
                Values.parsedTimestamp("date").as(TRANSACTED_AT), col("type").as(TYPE), col("result").as(RESULT),
                Values.toLong(col("amount_in_cents")).as(GIVEN_AMOUNT),
                Values.toLong(col("transaction_fees_in_cents")).as(TRANSACTION_FEES_IN_CENTS),
                Values.toCurrency(col("transaction_fees_currency")).as(TRANSACTION_FEES_CURRENCY));
    }

    @Override public List<String> key() { return List.of(UUID); }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, INVOICE_UUID, INVOICE_EXTERNAL_ID, EXTERNAL_ID,
            TRANSACTED_AT, TYPE, RESULT, AMOUNT_IN_CENTS, CURRENCY, TRANSACTION_FEES_IN_CENTS, TRANSACTION_FEES_CURRENCY);
}
