package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.mrr.ledger.LedgerItem;
import io.mrrlake.mrr.ledger.LedgerResult;
import io.mrrlake.mrr.ledger.LedgerTrace;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The explain command's view of the engine: for a few calculated customers, the same step 1
 * ({@link MrrEngine#facts}) and the same ledger ({@link LedgerStage#ledger}) as the run, with the
 * ledger's decisions recorded ({@link LedgerTrace}). The customers' rows are collected to the driver:
 * they are a handful, selected before validation.
 */
public final class CustomerWalks {
    private CustomerWalks() {}

    /** A line item that reached the ledger, with what the explanation shows beside the ledger's view. */
    public record ItemLine(LedgerItem item, String invoiceExternalId, long amount, long tax,
                           LocalDate rateDateInvoice, LocalDate rateDateAccount) {}

    /**
     * A line item left out before the ledger.
     *
     * @param reason one_time, excluded_status, after_as_of, missing_rate or bad_number:amount_in_cents
     */
    public record LeftOut(String dataSourceUuid, String subscriptionExternalId, String itemUuid, String itemExternalId,
                          String invoiceExternalId, String type, Instant serviceStart, Instant serviceEnd, long amount,
                          long tax, String currency, String reason) {}

    /** One customer's walk: its items, what was left out, the ledger's result and decisions. */
    public record Walk(String customerUuid, List<ItemLine> items, List<LeftOut> leftOut, LedgerResult result,
                       LedgerTrace trace) {}

    /** What the explanation shows of a left-out item, the same from each of the three places items are left out. */
    private static final List<String> LEFT_OUT_COLUMNS = List.of(Columns.CUSTOMER_UUID, Columns.DATA_SOURCE_UUID,
            SUBSCRIPTION_EXTERNAL_ID, Columns.UUID, Columns.EXTERNAL_ID, INVOICE_EXTERNAL_ID, TYPE,
            SERVICE_PERIOD_START, SERVICE_PERIOD_END, AMOUNT_IN_CENTS, TAX_AMOUNT_IN_CENTS, CURRENCY);

    /**
     * @param afterAsOf line items the source stage cut at the as-of, with CUSTOMER_UUID
     *                  ({@code SourceResult.lineItemsAfterAsOf}): listed as left out "after_as_of"
     */
    public static Map<String, Walk> walk(Map<OutputDataset, Dataset<Row>> source, Dataset<Row> afterAsOf,
                                         MrrSettings settings, Instant asOf, Set<String> customerUuids) {
        MrrEngine.Facts facts = MrrEngine.facts(source, settings, asOf);
        Object[] wanted = customerUuids.toArray();
        Dataset<Row> items = withRateDates(facts.items().items().where(col(Columns.CUSTOMER_UUID).isin(wanted)),
                facts.dailyRates(), settings.accountCurrency());
        Dataset<Row> events = facts.events().where(col(Columns.CUSTOMER_UUID).isin(wanted));
        Dataset<Row> leftOut = facts.itemFacts()
                .leftOut(MrrEngine.required(source, OutputDataset.SOURCE_INVOICE_LINE_ITEMS))
                .transform(rows -> leftOutRows(rows, col(REASON)))
                .unionByName(leftOutRows(facts.items().rejected(), col(REASON)))
                .unionByName(leftOutRows(afterAsOf, lit("after_as_of")))
                .where(col(Columns.CUSTOMER_UUID).isin(wanted));

        Map<String, List<Row>> itemRows = byCustomer(items.collectAsList());
        Map<String, List<Row>> eventRows = byCustomer(events.collectAsList());
        Map<String, List<Row>> leftOutRows = byCustomer(leftOut.collectAsList());
        Map<String, Walk> walks = new LinkedHashMap<>();
        for (String customer : customerUuids) {
            List<Row> its = itemRows.getOrDefault(customer, List.of());
            LedgerTrace trace = new LedgerTrace();
            LedgerResult result = LedgerStage.ledger(customer, its.iterator(),
                    eventRows.getOrDefault(customer, List.of()).iterator(), settings, asOf, trace);
            List<ItemLine> lines = new ArrayList<>();
            for (Row r : its) {
                lines.add(new ItemLine(LedgerInputs.item(r), r.getAs(INVOICE_EXTERNAL_ID), longOf(r, AMOUNT_IN_CENTS),
                        longOf(r, TAX_AMOUNT_IN_CENTS), dateOf(r, "RATE_DATE_INVOICE"), dateOf(r, "RATE_DATE_ACCOUNT")));
            }
            List<LeftOut> out = new ArrayList<>();
            for (Row r : leftOutRows.getOrDefault(customer, List.of())) out.add(leftOut(r, r.getAs(REASON)));
            walks.put(customer, new Walk(customer, lines, out, result, trace));
        }
        return walks;
    }

    private static Dataset<Row> leftOutRows(Dataset<Row> rows, Column reason) {
        List<Column> shown = new ArrayList<>();
        for (String c : LEFT_OUT_COLUMNS) shown.add(col(c));
        shown.add(reason.as(REASON));
        return rows.select(shown.toArray(Column[]::new));
    }

    private static LeftOut leftOut(Row r, String reason) {
        return new LeftOut(r.getAs(Columns.DATA_SOURCE_UUID), r.getAs(SUBSCRIPTION_EXTERNAL_ID),
                r.getAs(Columns.UUID), r.getAs(Columns.EXTERNAL_ID), r.getAs(INVOICE_EXTERNAL_ID), r.getAs(TYPE),
                LedgerInputs.instant(r.getAs(SERVICE_PERIOD_START)), LedgerInputs.instant(r.getAs(SERVICE_PERIOD_END)),
                longOf(r, AMOUNT_IN_CENTS), longOf(r, TAX_AMOUNT_IN_CENTS), r.getAs(CURRENCY), reason);
    }

    /** The dates of the source rates the item's rates come from (null for USD and the account currency itself). */
    private static Dataset<Row> withRateDates(Dataset<Row> items, Dataset<Row> daily, String account) {
        Dataset<Row> d = daily.select(col(CURRENCY).as("_RD_C"), col(DAY).as("_RD_D"), col(RATE_DATE).as("_RD"));
        Dataset<Row> a = d.toDF("_RA_C", "_RA_D", "_RA");
        return items
                .join(broadcast(d), col(CURRENCY).equalTo(col("_RD_C")).and(col(START_DAY).equalTo(col("_RD_D"))), "left")
                .join(broadcast(a), lit(account.toUpperCase(java.util.Locale.ROOT)).equalTo(col("_RA_C"))
                        .and(col(START_DAY).equalTo(col("_RA_D"))), "left")
                .withColumnRenamed("_RD", "RATE_DATE_INVOICE").withColumnRenamed("_RA", "RATE_DATE_ACCOUNT")
                .drop("_RD_C", "_RD_D", "_RA_C", "_RA_D");
    }

    private static Map<String, List<Row>> byCustomer(List<Row> rows) {
        Map<String, List<Row>> out = new HashMap<>();
        for (Row r : rows) out.computeIfAbsent(r.getAs(Columns.CUSTOMER_UUID), k -> new ArrayList<>()).add(r);
        return out;
    }

    private static long longOf(Row r, String column) {
        Number n = r.getAs(column);
        return n == null ? 0 : n.longValue();
    }

    private static LocalDate dateOf(Row r, String column) {
        Object v = r.getAs(column);
        if (v == null) return null;
        return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
    }
}
