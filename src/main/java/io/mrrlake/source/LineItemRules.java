package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LargestMrr;
import io.mrrlake.landing.Limits;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/**
 * line_items: keyed by their invoice and their external_id, or their position in the invoice when
 * they have none. Item faults reject the item alone (kind line_items), never its invoice.
 */
final class LineItemRules implements KindRules {
    static final List<String> TYPES = List.of("subscription", "one_time", "trial");
    static final List<String> PRORATION_TYPES = List.of("full", "differential", "differential_mrr");

    @Override public LandingKind kind() { return LandingKind.LINE_ITEMS; }

    @Override public List<Check> checks() {
        Column recurring = col("type").isin("subscription", "trial");
        String forRecurring = "for subscription and trial items";
        return List.of(
                Check.required("data_source_uuid"), Check.required("invoice_external_id"), Check.required("type"),
                Check.of("missing_field:external_id", col("external_id").isNull().and(col("position").isNull()),
                        lit("an item needs an external_id, or a position in its invoice")),
                // Only a valid type is "subscription" or "trial", so these never fire before bad_enum:type would.
                Check.requiredWhen("subscription_external_id", recurring, forRecurring),
                Check.requiredWhen("plan_external_id", recurring, forRecurring),
                Check.requiredWhen("service_period_start", recurring, forRecurring),
                Check.requiredWhen("service_period_end", recurring, forRecurring),
                Check.required("amount_in_cents"),
                Check.oneOf("type", TYPES), Check.bool("prorated"), Check.oneOf("proration_type", PRORATION_TYPES),
                Check.bool("balance_transfer"),
                Check.int32("position"), Check.amount("amount_in_cents"), Check.int32("quantity"),
                Check.nonZero("quantity"),
                Check.amount("discount_amount_in_cents"), Check.amount("tax_amount_in_cents"),
                Check.amount("transaction_fees_in_cents"), Check.int32("event_order"),
                Check.timestamp("service_period_start"), Check.timestamp("service_period_end"),
                Check.currency("transaction_fees_currency"),
                // Derived from fields checked above: the period, then the MRR it gives.
                Check.of("bad_period", Values.parsedTimestamp("service_period_end")
                                .leq(Values.parsedTimestamp("service_period_start")),
                        concat(lit("service period ends at or before it starts: "), col("service_period_start"),
                                lit(" → "), col("service_period_end"))),
                Check.of("bad_number:amount_in_cents", largestMrr().gt(Limits.MAX_ITEM_MRR),
                        concat(lit("the item's MRR could reach "), largestMrr().cast("string"),
                                lit(", outside ±" + Limits.MAX_ITEM_MRR + " (amount minus tax, scaled to a whole"
                                        + " interval of any plan)"))));
    }

    /**
     * {@link LargestMrr} of the raw item (docs/LANDING.md "Limits"); runs after the number and period
     * checks, so every input here is valid.
     */
    static Column largestMrr() {
        // In decimal: a long difference could wrap if this ran before the amount checks.
        Column net = Values.toLong(col("amount_in_cents")).cast("decimal(20,0)")
                .minus(coalesce(Values.toLong(col("tax_amount_in_cents")), lit(0L)).cast("decimal(20,0)"));
        Column seconds = LargestMrr.periodSeconds(Values.parsedTimestamp("service_period_start"),
                Values.parsedTimestamp("service_period_end"));
        return LargestMrr.of(net, seconds, LargestMrr.scalesByPeriod(Values.toBoolean(col("prorated")), col("proration_type")));
    }

    @Override public List<Column> typed() {
        Column typeData = to_json(struct(
                coalesce(Values.toBoolean(col("prorated")), lit(false)).as("prorated"),
                col("proration_type").as("proration_type"),
                coalesce(Values.toBoolean(col("balance_transfer")), lit(false)).as("balance_transfer")), Values.JSON_WITH_NULLS);
        return List.of(
                childId(Ids.LINE_ITEM).as(UUID),
                col("data_source_uuid").as(DATA_SOURCE_UUID),
                Ids.column(Ids.INVOICE, col("data_source_uuid"), col("invoice_external_id")).as(INVOICE_UUID),
                col("invoice_external_id").as(INVOICE_EXTERNAL_ID), col("external_id").as(EXTERNAL_ID),
                col("type").as(TYPE), typeData.as(TYPE_DATA),
                col("subscription_external_id").as(SUBSCRIPTION_EXTERNAL_ID),
                col("subscription_set_external_id").as(SUBSCRIPTION_SET_EXTERNAL_ID),
                when(col("plan_external_id").isNotNull(),
                        Ids.column(Ids.PLAN, col("data_source_uuid"), col("plan_external_id"))).as(PLAN_UUID),
                col("plan_external_id").as(PLAN_EXTERNAL_ID),
                Values.toLong(col("amount_in_cents")).as(AMOUNT_IN_CENTS),
                coalesce(Values.toInt(col("quantity")), lit(1)).as(QUANTITY),
                col("discount_code").as(DISCOUNT_CODE),
                coalesce(Values.toLong(col("discount_amount_in_cents")), lit(0L)).as(DISCOUNT_AMOUNT_IN_CENTS),
                col("discount_description").as(DISCOUNT_DESCRIPTION),
                coalesce(Values.toLong(col("tax_amount_in_cents")), lit(0L)).as(TAX_AMOUNT_IN_CENTS),
                coalesce(Values.toLong(col("transaction_fees_in_cents")), lit(0L)).as(TRANSACTION_FEES_IN_CENTS),
                Values.toCurrency(col("transaction_fees_currency")).as(TRANSACTION_FEES_CURRENCY),
                Values.parsedTimestamp("service_period_start").as(SERVICE_PERIOD_START),
                Values.parsedTimestamp("service_period_end").as(SERVICE_PERIOD_END),
                Values.toInt(col("event_order")).as(EVENT_ORDER),
                col("account_code").as(ACCOUNT_CODE), col("description").as(DESCRIPTION));
    }

    @Override public List<String> key() { return List.of(UUID); }

    /**
     * Id of a record nested in an invoice (item, transaction): its invoice and external_id, or its
     * position in the invoice when it has no external_id (the empty part keeps the two apart).
     */
    static Column childId(String prefix) {
        Column external = coalesce(col("external_id"), lit(""));
        Column position = when(col("external_id").isNull(), Values.toInt(col("position")).cast("string")).otherwise(lit(""));
        return Ids.column(prefix, col("data_source_uuid"), col("invoice_external_id"), external, position);
    }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, INVOICE_UUID, INVOICE_EXTERNAL_ID, EXTERNAL_ID,
            TYPE, TYPE_DATA, SUBSCRIPTION_EXTERNAL_ID, SUBSCRIPTION_SET_EXTERNAL_ID, PLAN_UUID, PLAN_EXTERNAL_ID,
            AMOUNT_IN_CENTS, QUANTITY, DISCOUNT_CODE, DISCOUNT_AMOUNT_IN_CENTS, DISCOUNT_DESCRIPTION,
            TAX_AMOUNT_IN_CENTS, TRANSACTION_FEES_IN_CENTS, TRANSACTION_FEES_CURRENCY, SERVICE_PERIOD_START,
            SERVICE_PERIOD_END, EVENT_ORDER, ACCOUNT_CODE, DESCRIPTION, CURRENCY);
}
