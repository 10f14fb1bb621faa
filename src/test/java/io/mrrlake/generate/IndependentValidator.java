package io.mrrlake.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A deliberately small re-implementation of docs/LANDING.md's validation, written from the spec and not
 * from the generator, so a test can check that the generator's report says what its files hold.
 */
final class IndependentValidator {
    private static final Set<String> LEAD_STATUSES = Set.of("New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead");
    private static final Set<String> STATUSES = Set.of("open", "paid", "refunded", "written_off", "voided");
    private static final Set<String> ITEM_TYPES = Set.of("subscription", "one_time", "trial");
    private static final Set<String> RESULTS = Set.of("successful", "failed");
    private static final Set<String> UNITS = Set.of("day", "month", "year");
    private static final Set<String> EVENT_TYPES = Set.of("subscription_start_scheduled", "subscription_start",
            "scheduled_subscription_start_retracted", "subscription_cancellation_scheduled", "subscription_cancelled",
            "scheduled_subscription_cancellation_retracted", "subscription_update_scheduled", "subscription_updated",
            "scheduled_subscription_update_retracted", "subscription_event_retracted");

    final Map<String, Map<String, Long>> rejects = new TreeMap<>();
    final Map<String, Long> identical = new TreeMap<>();
    final Map<String, List<JsonNode>> accepted = new HashMap<>();

    IndependentValidator(Path root) {
        Set<String> rated = new HashSet<>(List.of("USD"));
        for (JsonNode r : keep("currency_rates", root, this::rate)) rated.add(r.get("currency").asText());
        Set<String> plans = new HashSet<>();
        for (JsonNode p : dedup("plans", keep("plans", root, this::plan), "external_id", null)) plans.add(key(p, "external_id"));
        Set<String> customers = new HashSet<>();
        for (JsonNode c : dedup("customers", keep("customers", root, this::customer), "external_id", "updated_at")) {
            customers.add(key(c, "external_id"));
        }
        keep("contacts", root, c -> c.hasNonNull("customer_external_id")
                ? customers.contains(key(c, "customer_external_id")) ? null : "unknown_customer"
                : "missing_field:customer_external_id");
        List<JsonNode> invoices = keep("invoices", root, i -> invoice(i, rated, plans, customers));
        accepted.put("invoices", dedup("invoices", invoices, "external_id", "updated_at"));
        keep("subscription_events", root, e -> {
            if (!EVENT_TYPES.contains(e.path("event_type").asText())) return "bad_enum:event_type";
            if (!e.hasNonNull("effective_date")) return "missing_field:effective_date";
            return customers.contains(key(e, "customer_external_id")) ? null : "unknown_customer";
        });
    }

    private interface Check { String reason(JsonNode n); }

    private List<JsonNode> keep(String kind, Path root, Check check) {
        List<JsonNode> ok = new ArrayList<>();
        for (LandingFiles.Line l : LandingFiles.lines(root, kind)) {
            String reason = l.json() == null ? "bad_json" : check.reason(l.json());
            if (reason == null) ok.add(l.json());
            else reject(kind, reason);
        }
        accepted.put(kind, ok);
        return ok;
    }

    /** Identical copies collapse; of conflicting copies the newest updated_at stays, others are rejected. */
    private List<JsonNode> dedup(String kind, List<JsonNode> rows, String keyField, String versionField) {
        Map<String, List<JsonNode>> byKey = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode r : rows) {
            String k = key(r, keyField);
            if (!byKey.containsKey(k)) order.add(k);
            byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        }
        List<JsonNode> out = new ArrayList<>();
        for (String k : order) {
            List<JsonNode> copies = byKey.get(k);
            List<JsonNode> distinct = new ArrayList<>();
            for (JsonNode c : copies) {
                if (distinct.contains(c)) identical.merge(kind, 1L, Long::sum);
                else distinct.add(c);
            }
            JsonNode newest = distinct.get(0);
            for (JsonNode c : distinct) {
                if (versionField != null && instant(c.get(versionField).asText()).isAfter(instant(newest.get(versionField).asText()))) {
                    newest = c;
                }
            }
            for (JsonNode c : distinct) if (c != newest) reject(kind, "duplicate_key");
            out.add(newest);
        }
        accepted.put(kind, out);
        return out;
    }

    private void reject(String kind, String reason) {
        rejects.computeIfAbsent(kind, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
    }

    private String rate(JsonNode r) {
        if (!r.hasNonNull("currency")) return "missing_field:currency";
        return r.path("rate").isNumber() ? null : "bad_number:rate";
    }

    private String plan(JsonNode p) {
        if (!p.hasNonNull("name")) return "missing_field:name";
        if (!p.path("interval_count").isIntegralNumber() || p.get("interval_count").asLong() < 1) return "bad_number:interval_count";
        return UNITS.contains(p.path("interval_unit").asText()) ? null : "bad_enum:interval_unit";
    }

    private String customer(JsonNode c) {
        for (String f : List.of("data_source_uuid", "external_id")) if (!c.hasNonNull(f)) return "missing_field:" + f;
        if (c.hasNonNull("lead_status") && !LEAD_STATUSES.contains(c.get("lead_status").asText())) return "bad_enum:lead_status";
        return null;
    }

    private String invoice(JsonNode i, Set<String> rated, Set<String> plans, Set<String> customers) {
        for (String f : List.of("data_source_uuid", "customer_external_id", "external_id", "date", "currency")) {
            if (!i.hasNonNull(f)) return "missing_field:" + f;
        }
        if (i.hasNonNull("status") && !STATUSES.contains(i.get("status").asText())) return "bad_enum:status";
        String currency = i.get("currency").asText();
        if (!isoCurrency(currency)) return "unknown_currency";
        if (!rated.contains(currency)) return "missing_rate";
        if (!customers.contains(key(i, "customer_external_id"))) return "unknown_customer";
        String ds = i.get("data_source_uuid").asText();
        for (JsonNode li : i.path("line_items")) {
            String type = li.path("type").asText();
            if (!ITEM_TYPES.contains(type)) return "bad_enum:type";
            if (!li.path("amount_in_cents").isIntegralNumber()) return "bad_number:amount_in_cents";
            if (li.has("quantity") && (!li.get("quantity").isIntegralNumber() || li.get("quantity").asLong() == 0)) {
                return "bad_number:quantity";
            }
            if (!type.equals("one_time")) {
                for (String f : List.of("subscription_external_id", "plan_external_id", "service_period_start", "service_period_end")) {
                    if (!li.hasNonNull(f)) return "missing_field:" + f;
                }
                if (!instant(li.get("service_period_end").asText()).isAfter(instant(li.get("service_period_start").asText()))) {
                    return "bad_period";
                }
                if (!plans.contains(ds + "|" + li.get("plan_external_id").asText())) return "unknown_plan";
            }
        }
        for (JsonNode t : i.path("transactions")) if (!RESULTS.contains(t.path("result").asText())) return "bad_enum:result";
        return null;
    }

    private static boolean isoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String key(JsonNode n, String field) {
        return n.path("data_source_uuid").asText() + "|" + n.path(field).asText();
    }

    /** ISO-8601 as docs/LANDING.md reads it: a bare date is midnight UTC, no zone means UTC. */
    static Instant instant(String s) {
        if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) return Instant.parse(s.replace("+00:00", "Z"));
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }
}
