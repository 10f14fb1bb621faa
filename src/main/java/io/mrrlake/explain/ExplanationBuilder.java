package io.mrrlake.explain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.MinorUnits;
import io.mrrlake.mrr.CustomerWalks;
import io.mrrlake.mrr.MrrColumns;
import io.mrrlake.mrr.ledger.ItemMrr;
import io.mrrlake.mrr.ledger.LedgerItem;
import io.mrrlake.mrr.ledger.LedgerTrace;
import io.mrrlake.mrr.ledger.Movement;
import org.apache.spark.sql.Row;

/** One calculated customer's {@link Explanation} from the engine's output rows and its traced walk. */
final class ExplanationBuilder {
    private final MrrSettings settings;
    private final Instant asOf;
    private final CustomerSettings customerSettings;
    private final Map<SourceKey, String> calculatedOf;
    private final Map<SourceKey, Boolean> primary;

    ExplanationBuilder(MrrSettings settings, Instant asOf, CustomerSettings customerSettings,
                       Map<SourceKey, String> calculatedOf, Map<SourceKey, Boolean> primary) {
        this.settings = settings;
        this.asOf = asOf;
        this.customerSettings = customerSettings;
        this.calculatedOf = calculatedOf;
        this.primary = primary;
    }

    Explanation build(String uuid, Row customer, List<Row> movementRows, CustomerWalks.Walk walk,
                      List<Row> sourceCustomers, List<Row> merges, List<Explanation.Reject> rejects) {
        List<Explanation.SourceCustomer> members = new ArrayList<>();
        for (Row r : sourceCustomers) {
            SourceKey k = new SourceKey(r.getAs(Columns.DATA_SOURCE_UUID), r.getAs(Columns.EXTERNAL_ID));
            if (!uuid.equals(calculatedOf.get(k))) continue;
            members.add(new Explanation.SourceCustomer(k.dataSourceUuid(), k.externalId(), r.getAs(MrrColumns.FULL_NAME),
                    Boolean.TRUE.equals(primary.get(k))));
        }
        members.sort(Comparator.comparing((Explanation.SourceCustomer s) -> !s.primary())
                .thenComparing(Explanation.SourceCustomer::dataSourceUuid).thenComparing(Explanation.SourceCustomer::externalId));
        List<Explanation.Merge> mergeViews = new ArrayList<>();
        for (Row r : merges) {
            SourceKey from = new SourceKey(r.getString(0), r.getString(1));
            if (!uuid.equals(calculatedOf.get(from))) continue;
            Timestamp at = r.getAs("merged_at");
            mergeViews.add(new Explanation.Merge(new Explanation.SourceKeyView(from.dataSourceUuid(), from.externalId()),
                    new Explanation.SourceKeyView(r.getString(2), r.getString(3)), at == null ? null : at.toInstant(),
                    at == null || !at.toInstant().isAfter(asOf)));
        }

        LedgerTrace trace = walk.trace();
        List<Explanation.Movement> movements = movements(movementRows, trace);
        checkSameAsLedger(movements, walk);
        Long mrr = customer == null ? null : customer.getAs(MrrColumns.MRR);
        Explanation.Customer c = new Explanation.Customer(uuid, customer == null ? null : customer.getAs(MrrColumns.NAME),
                mrr == null ? 0 : mrr, customer == null ? null : customer.getAs(MrrColumns.STATUS));
        List<LedgerTrace.Step> groups = new ArrayList<>(trace.steps().stream().filter(s -> s.subscriptionKey() == null).toList());
        groups.sort(Explainer.STEP_ORDER);
        return new Explanation(c, settings.accountCurrency(), asOf, members, mergeViews,
                customerSettings.autoMerge() == CustomerSettings.AutoMerge.EXTERNAL_ID, subscriptions(walk), groups, movements,
                walk.result() == null ? List.of() : Explainer.fxByMonth(walk.result().fxImpacts(), settings.timeZone()),
                rejects);
    }

    private List<Explanation.Subscription> subscriptions(CustomerWalks.Walk walk) {
        Map<String, List<Explanation.Item>> items = new LinkedHashMap<>();
        Map<String, String[]> ids = new LinkedHashMap<>();
        for (CustomerWalks.ItemLine line : walk.items()) {
            LedgerItem i = line.item();
            LedgerTrace.ItemDecision d = walk.trace().items().get(i.itemUuid());
            ItemMrr.Terms t = ItemMrr.terms(i, settings.timeZone());
            ids.putIfAbsent(i.subscriptionKey(), new String[] {i.dataSourceUuid(), i.subscriptionExternalId()});
            items.computeIfAbsent(i.subscriptionKey(), k -> new ArrayList<>()).add(new Explanation.Item(
                    i.itemExternalId(), line.invoiceExternalId(), i.trial() ? "trial" : "subscription", i.serviceStart(),
                    i.serviceEnd(), line.amount(), line.tax(), i.currency(), i.proration().name().toLowerCase(java.util.Locale.ROOT),
                    i.invoicePaid(), d != null && d.taken(), d == null ? "not reached" : d.why(),
                    formula(i, line, t), t.mrr(), rates(i, line)));
        }
        for (CustomerWalks.LeftOut l : walk.leftOut()) {
            String key = LedgerTrace.subscriptionKey(l.dataSourceUuid(), l.subscriptionExternalId());
            ids.putIfAbsent(key, new String[] {l.dataSourceUuid(), l.subscriptionExternalId()});
            items.computeIfAbsent(key, k -> new ArrayList<>()).add(new Explanation.Item(l.itemExternalId(),
                    l.invoiceExternalId(), l.type(), l.serviceStart(), l.serviceEnd(), l.amount(), l.tax(), l.currency(),
                    null, false, false, leftOutWhy(l), null, null, null));
        }
        List<Explanation.Subscription> out = new ArrayList<>();
        for (Map.Entry<String, List<Explanation.Item>> e : items.entrySet()) {
            List<Explanation.Item> its = new ArrayList<>(e.getValue());
            its.sort(Comparator.comparing(Explanation.Item::serviceStart, Comparator.nullsLast(Comparator.naturalOrder())));
            List<LedgerTrace.Step> steps = new ArrayList<>(walk.trace().steps().stream()
                    .filter(s -> e.getKey().equals(s.subscriptionKey())).toList());
            steps.sort(Explainer.STEP_ORDER);
            String[] id = ids.get(e.getKey());
            out.add(new Explanation.Subscription(id[0], id[1], its, steps));
        }
        out.sort(Comparator.comparing((Explanation.Subscription s) -> s.items().get(0).serviceStart(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(s -> String.valueOf(s.externalId())));
        return out;
    }

    /** round((amount − tax) × prorate factor / interval months) = item MRR, as docs/MRR.md writes it. */
    private static String formula(LedgerItem i, CustomerWalks.ItemLine line, ItemMrr.Terms t) {
        if (i.trial()) return "trial: item MRR 0";
        String net = "(" + line.amount() + " − " + line.tax() + ")";
        if (i.proration() == io.mrrlake.mrr.ledger.ProrationType.DIFFERENTIAL_MRR) {
            return "differential_mrr: " + net + " = " + t.mrr() + " added as it is";
        }
        String prorate = t.prorateNumerator() == t.prorateDenominator() ? "1" : t.prorateNumerator() + " / " + t.prorateDenominator();
        String months = t.monthsDenominator() == 1 ? Long.toString(t.monthsNumerator())
                : "(" + t.monthsNumerator() + " / " + t.monthsDenominator() + ")";
        return "round(" + net + " × " + prorate + " / " + months + ") = " + t.mrr();
    }

    /** The rates per USD of the item's start day and the dates of the source rates they come from. */
    private String rates(LedgerItem i, CustomerWalks.ItemLine line) {
        String account = settings.accountCurrency();
        if (i.currency().equalsIgnoreCase(account)) return null;
        return i.currency() + " " + plain(i.rateInvoice()) + dated(line.rateDateInvoice()) + ", " + account.toUpperCase(java.util.Locale.ROOT)
                + " " + plain(i.rateAccount()) + dated(line.rateDateAccount()) + " per USD";
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String dated(LocalDate d) {
        return d == null ? "" : " (rate of " + d + ")";
    }

    private String leftOutWhy(CustomerWalks.LeftOut l) {
        return switch (l.reason()) {
            case "one_time" -> "one_time: a one-time item never makes MRR";
            case "excluded_status" -> "excluded_status: its invoice's status is in mrr.exclude_invoice_statuses "
                    + settings.excludeInvoiceStatuses();
            case "after_as_of" -> "after_as_of: invoiced or starting after the as-of";
            case "missing_rate" -> "rejected, missing_rate: no " + l.currency() + " or " + settings.accountCurrency()
                    + " rate within " + settings.maxRateAgeDays() + " days (mrr.max_rate_age_days) of its start day";
            case "duplicate_key" -> "rejected, duplicate_key: its subscription belongs to another customer, the"
                    + " customer of the subscription's first item (docs/MRR.md \"A subscription over time\")";
            case "bad_number:amount_in_cents" -> "rejected, bad_number:amount_in_cents: converted to "
                    + settings.accountCurrency() + " at its start day's rates, its MRR could leave the range the job computes in";
            default -> l.reason();
        };
    }

    private static List<Explanation.Movement> movements(List<Row> rows, LedgerTrace trace) {
        List<Explanation.Movement> out = new ArrayList<>();
        for (Row r : rows) {
            Timestamp date = r.getAs(MrrColumns.DATE);
            out.add(new Explanation.Movement(date.toInstant(), ((Number) r.getAs(MrrColumns.RANK)).intValue(),
                    r.getAs(MrrColumns.MOVEMENT_TYPE), ((Number) r.getAs(MrrColumns.MRR_MOVEMENT)).longValue(),
                    ((Number) r.getAs(MrrColumns.MRR)).longValue(), r.getAs(MrrColumns.BILLING_CONNECTOR_UUID),
                    r.getAs(MrrColumns.SUBSCRIPTION_EXTERNAL_ID), r.getAs(MrrColumns.DESCRIPTION),
                    trace.movementReasons().get(r.<String>getAs(Columns.UUID))));
        }
        return out;
    }

    /** The engine's rows and the traced ledger's must be the same movements: one implementation, two views. */
    private static void checkSameAsLedger(List<Explanation.Movement> engine, CustomerWalks.Walk walk) {
        List<Movement> ledger = new ArrayList<>(walk.result() == null ? List.of() : walk.result().movements());
        ledger.sort(Comparator.comparing(Movement::date).thenComparingInt(Movement::rank));
        boolean same = engine.size() == ledger.size();
        for (int i = 0; same && i < engine.size(); i++) {
            Movement m = ledger.get(i);
            Explanation.Movement e = engine.get(i);
            same = m.date().equals(e.date()) && m.mrrMovement() == e.mrrMovement() && m.mrr() == e.mrr()
                    && m.type().wireName().equals(e.type()) && Objects.equals(m.subscriptionExternalId(), e.subscriptionExternalId());
        }
        if (!same) {
            throw new IllegalStateException("the traced ledger of " + walk.customerUuid() + " gives other movements than "
                    + "the engine: " + ledger + " vs " + engine);
        }
    }

    static String money(long amount, String currency) {
        return MinorUnits.format(amount, currency);
    }
}
