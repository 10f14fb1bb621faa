package io.mrrlake.explain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mrrlake.mrr.ledger.LedgerTrace;

/**
 * The explanation for tools: one JSON object with {@code customer}, {@code movements} and
 * {@code subscriptions}; instants are ISO-8601 UTC, amounts integers in minor units (account-currency
 * amounts in {@code account_currency}).
 */
public final class ExplanationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {}

    public static String render(Explanation e) {
        try {
            return JSON.writeValueAsString(tree(e)) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the explanation as JSON", ex);
        }
    }

    static Map<String, Object> tree(Explanation e) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("uuid", e.customer().uuid());
        customer.put("name", e.customer().name());
        customer.put("mrr", e.customer().mrr());
        customer.put("status", e.customer().status());
        List<Object> sources = new ArrayList<>();
        for (Explanation.SourceCustomer s : e.sourceCustomers()) {
            sources.add(map("data_source_uuid", s.dataSourceUuid(), "external_id", s.externalId(), "name", s.name(),
                    "primary", s.primary()));
        }
        customer.put("source_customers", sources);
        List<Object> merges = new ArrayList<>();
        for (Explanation.Merge m : e.merges()) {
            merges.add(map("from", map("data_source_uuid", m.from().dataSourceUuid(), "external_id", m.from().externalId()),
                    "into", map("data_source_uuid", m.into().dataSourceUuid(), "external_id", m.into().externalId()),
                    "merged_at", iso(m.mergedAt()), "applied", m.applied()));
        }
        customer.put("merges", merges);
        out.put("customer", customer);
        out.put("account_currency", e.accountCurrency());
        out.put("as_of", iso(e.asOf()));

        List<Object> movements = new ArrayList<>();
        for (Explanation.Movement m : e.movements()) {
            movements.add(map("date", iso(m.date()), "rank", m.rank(), "movement_type", m.type(),
                    "mrr_movement", m.mrrMovement(), "mrr", m.mrr(), "data_source_uuid", m.dataSourceUuid(),
                    "subscription_external_id", m.subscriptionExternalId(), "description", m.description(),
                    "reason", m.reason()));
        }
        out.put("movements", movements);

        List<Object> subscriptions = new ArrayList<>();
        for (Explanation.Subscription s : e.subscriptions()) {
            List<Object> items = new ArrayList<>();
            for (Explanation.Item i : s.items()) {
                items.add(map("external_id", i.externalId(), "invoice_external_id", i.invoiceExternalId(), "type", i.type(),
                        "service_period_start", iso(i.serviceStart()), "service_period_end", iso(i.serviceEnd()),
                        "amount_in_cents", i.amount(), "tax_amount_in_cents", i.tax(), "currency", i.currency(),
                        "proration", i.proration(), "invoice_paid", i.invoicePaid(), "taken", i.taken(),
                        "reason", i.why(), "item_mrr", i.itemMrr(), "formula", i.formula(), "rates", i.rates()));
            }
            subscriptions.add(map("data_source_uuid", s.dataSourceUuid(), "subscription_external_id", s.externalId(),
                    "items", items, "steps", steps(s.steps())));
        }
        out.put("subscriptions", subscriptions);
        out.put("groups", steps(e.groups()));
        List<Object> fx = new ArrayList<>();
        for (Explanation.MonthFx f : e.fxByMonth()) fx.add(map("month", f.month(), "fx_impact", f.fxImpact()));
        out.put("fx_impact_by_month", fx);
        List<Object> rejects = new ArrayList<>();
        for (Explanation.Reject r : e.rejects()) rejects.add(map("kind", r.kind(), "reason", r.reason(), "detail", r.detail()));
        out.put("rejects", rejects);
        return out;
    }

    private static List<Object> steps(List<LedgerTrace.Step> steps) {
        List<Object> out = new ArrayList<>();
        for (LedgerTrace.Step s : steps) {
            out.add(map("date", iso(s.at()), "kind", s.kind().name().toLowerCase(java.util.Locale.ROOT), "text", s.text()));
        }
        return out;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    /** An ordered map from key, value pairs (Map.of neither keeps order nor takes nulls). */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
