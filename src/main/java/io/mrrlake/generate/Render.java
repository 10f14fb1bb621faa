package io.mrrlake.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import io.mrrlake.generate.Records.Contact;
import io.mrrlake.generate.Records.CustomAttribute;
import io.mrrlake.generate.Records.Customer;
import io.mrrlake.generate.Records.Event;
import io.mrrlake.generate.Records.Invoice;
import io.mrrlake.generate.Records.LineItem;
import io.mrrlake.generate.Records.Merge;
import io.mrrlake.generate.Records.Txn;

/**
 * Renders records as JSON objects, fields always in the same order. A record's {@code defects} map
 * replaces the value of a field (by name; {@code line_items.<name>} for the items) or, with
 * {@link #OMIT}, leaves it out: that is how the deliberately bad records are made.
 */
final class Render {
    /** Marks a field a bad record leaves out. */
    static final Object OMIT = new Object();

    private final JsonGenerator g;
    private final boolean zoneless;
    private final Map<String, Object> defects;
    private final String prefix;

    private Render(JsonGenerator g, boolean zoneless, Map<String, Object> defects, String prefix) {
        this.g = g;
        this.zoneless = zoneless;
        this.defects = defects;
        this.prefix = prefix;
    }

    static void customer(JsonGenerator g, Customer c) throws IOException {
        Render r = new Render(g, c.id.ds().importApi(), c.defects, "");
        g.writeStartObject();
        r.str("data_source_uuid", c.id.ds().uuid());
        r.str("external_id", c.id.externalId());
        r.str("name", c.name);
        r.str("email", c.email);
        r.str("company", c.company);
        r.str("country", c.country);
        r.str("state", c.state);
        r.str("city", c.city);
        r.str("zip", c.zip);
        r.str("website_url", c.websiteUrl);
        r.time("lead_created_at", c.leadCreatedAt);
        r.time("free_trial_started_at", c.freeTrialStartedAt);
        r.str("lead_status", c.leadStatus);
        r.time("created_at", c.createdAt);
        r.time("updated_at", c.updatedAt);
        g.writeObjectFieldStart("attributes");
        g.writeArrayFieldStart("tags");
        for (String t : c.tags) g.writeString(t);
        g.writeEndArray();
        g.writeArrayFieldStart("custom");
        for (CustomAttribute a : c.custom) {
            g.writeStartObject();
            g.writeStringField("type", a.type());
            g.writeStringField("key", a.key());
            g.writeFieldName("value");
            r.value(a.value());
            g.writeStringField("source", a.source());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        r.str("crm_owner", c.crmOwner);
        g.writeEndObject();
    }

    static void contact(JsonGenerator g, Contact c) throws IOException {
        Render r = new Render(g, c.customer.ds().importApi(), c.defects, "");
        g.writeStartObject();
        r.str("data_source_uuid", c.customer.ds().uuid());
        r.str("customer_external_id", c.customer.externalId());
        r.str("external_id", c.externalId);
        r.str("first_name", c.firstName);
        r.str("last_name", c.lastName);
        r.num("position", (long) c.position);
        r.str("title", c.title);
        r.str("email", c.email);
        r.str("phone", c.phone);
        r.str("linked_in", c.linkedIn);
        r.str("twitter", c.twitter);
        r.str("notes", c.notes);
        g.writeObjectFieldStart("custom");
        for (Map.Entry<String, Object> e : c.custom.entrySet()) {
            g.writeFieldName(e.getKey());
            r.value(e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static void invoice(JsonGenerator g, Invoice inv) throws IOException {
        boolean zoneless = inv.customer.ds().importApi();
        Render r = new Render(g, zoneless, inv.defects, "");
        g.writeStartObject();
        r.str("data_source_uuid", inv.customer.ds().uuid());
        r.str("customer_external_id", inv.customer.externalId());
        r.str("external_id", inv.externalId);
        r.time("date", inv.date);
        if (inv.dueDate != null) r.str("due_date", Times.date(inv.dueDate));
        r.str("currency", inv.currency);
        r.str("status", inv.status);
        r.str("collection_method", inv.collectionMethod);
        r.time("created_at", inv.createdAt);
        r.time("updated_at", inv.updatedAt);
        g.writeArrayFieldStart("line_items");
        Render ri = new Render(g, zoneless, inv.defects, "line_items.");
        for (LineItem li : inv.items) {
            g.writeStartObject();
            ri.str("type", li.type);
            ri.str("external_id", li.externalId);
            ri.str("subscription_external_id", li.subscriptionId);
            ri.str("subscription_set_external_id", li.setId);
            ri.str("plan_external_id", li.planId);
            ri.time("service_period_start", li.start);
            ri.time("service_period_end", li.end);
            ri.num("amount_in_cents", li.amount);
            ri.num("quantity", li.quantity == null ? null : (long) li.quantity);
            ri.str("discount_code", li.discountCode);
            ri.num("discount_amount_in_cents", li.discount);
            ri.str("discount_description", li.discountDescription);
            ri.num("tax_amount_in_cents", li.tax);
            ri.num("transaction_fees_in_cents", li.fees);
            ri.str("transaction_fees_currency", li.feesCurrency);
            ri.bool("prorated", li.prorated);
            ri.str("proration_type", li.prorationType);
            ri.num("event_order", li.eventOrder == null ? null : (long) li.eventOrder);
            ri.str("account_code", li.accountCode);
            ri.str("description", li.description);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transactions");
        Render rt = new Render(g, zoneless, inv.defects, "transactions.");
        for (Txn t : inv.txns) {
            g.writeStartObject();
            rt.str("external_id", t.externalId);
            rt.str("type", t.type);
            rt.str("result", t.result);
            rt.time("date", t.date);
            rt.num("amount_in_cents", t.amount);
            rt.num("transaction_fees_in_cents", t.fees);
            rt.str("transaction_fees_currency", t.feesCurrency);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void event(JsonGenerator g, Event e) throws IOException {
        Render r = new Render(g, e.customer.ds().importApi(), e.defects, "");
        g.writeStartObject();
        r.str("data_source_uuid", e.customer.ds().uuid());
        r.str("customer_external_id", e.customer.externalId());
        r.str("subscription_external_id", e.subscriptionId);
        r.str("event_type", e.type);
        r.time("event_date", e.eventDate);
        r.time("effective_date", e.effectiveDate);
        r.str("external_id", e.externalId);
        r.str("subscription_set_external_id", e.setId);
        r.str("plan_external_id", e.planId);
        r.num("amount_in_cents", e.amount);
        r.num("quantity", e.quantity == null ? null : (long) e.quantity);
        r.str("currency", e.currency);
        r.num("tax_amount_in_cents", e.tax);
        r.str("retracted_event_id", e.retractedEventId);
        r.num("event_order", e.eventOrder == null ? null : (long) e.eventOrder);
        g.writeEndObject();
    }

    static void merge(JsonGenerator g, Merge m) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("from");
        g.writeStringField("data_source_uuid", m.from().ds().uuid());
        g.writeStringField("external_id", m.from().externalId());
        g.writeEndObject();
        g.writeObjectFieldStart("into");
        g.writeStringField("data_source_uuid", m.into().ds().uuid());
        g.writeStringField("external_id", m.into().externalId());
        g.writeEndObject();
        g.writeStringField("merged_at", Times.instant(m.mergedAt()));
        g.writeEndObject();
    }

    // ---- fields, with the record's defects applied ----

    private boolean overridden(String name) throws IOException {
        if (defects.isEmpty()) return false;
        String key = prefix + name;
        if (!defects.containsKey(key)) return false;
        Object v = defects.get(key);
        if (v != OMIT) {
            g.writeFieldName(name);
            value(v);
        }
        return true;
    }

    private void str(String name, String v) throws IOException {
        if (overridden(name) || v == null) return;
        g.writeStringField(name, v);
    }

    private void num(String name, Long v) throws IOException {
        if (overridden(name) || v == null) return;
        g.writeNumberField(name, v);
    }

    private void bool(String name, Boolean v) throws IOException {
        if (overridden(name) || v == null) return;
        g.writeBooleanField(name, v);
    }

    private void time(String name, Long t) throws IOException {
        if (overridden(name) || t == null) return;
        g.writeStringField(name, zoneless ? Times.local(t) : Times.instant(t));
    }

    private void value(Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof String s) g.writeString(s);
        else if (v instanceof Long l) g.writeNumber(l);
        else if (v instanceof Integer i) g.writeNumber(i);
        else if (v instanceof BigDecimal d) g.writeNumber(d.toPlainString());
        else if (v instanceof Boolean b) g.writeBoolean(b);
        else throw new IllegalArgumentException("cannot render " + v.getClass());
    }
}
