package io.mrrlake.landing;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The kinds of a landing zone and their flat fields (docs/LANDING.md names). Every field is read as a
 * string and typed by validation, so a bad value becomes a reject with a reason instead of a null.
 * The flat formats hold one table per kind; JSON nests {@link #LINE_ITEMS} and {@link #TRANSACTIONS}
 * in invoices and {@link #CUSTOMER_TAGS} and {@link #CUSTOMER_ATTRIBUTES} in customers.
 */
public enum LandingKind {
    DATA_SOURCES("data_sources", null, List.of("uuid", "name", "system", "created_at")),
    CUSTOMERS("customers", null, List.of("data_source_uuid", "external_id", "name", "email", "company", "country",
            "state", "city", "zip", "website_url", "lead_created_at", "free_trial_started_at", "lead_status",
            "created_at", "updated_at")),
    CUSTOMER_TAGS("customer_tags", "customers", List.of("data_source_uuid", "customer_external_id", "tag")),
    CUSTOMER_ATTRIBUTES("customer_attributes", "customers", List.of("data_source_uuid", "customer_external_id",
            "type", "key", "value", "source")),
    CONTACTS("contacts", null, List.of("data_source_uuid", "customer_external_id", "external_id", "first_name",
            "last_name", "position", "title", "email", "phone", "linked_in", "twitter", "notes", "custom")),
    PLANS("plans", null, List.of("data_source_uuid", "external_id", "name", "interval_count", "interval_unit")),
    INVOICES("invoices", null, List.of("data_source_uuid", "customer_external_id", "external_id", "date",
            "due_date", "currency", "status", "collection_method", "created_at", "updated_at")),
    LINE_ITEMS("line_items", "invoices", List.of("data_source_uuid", "invoice_external_id", "position", "type",
            "external_id", "subscription_external_id", "subscription_set_external_id", "plan_external_id",
            "service_period_start", "service_period_end", "amount_in_cents", "quantity", "discount_code",
            "discount_amount_in_cents", "discount_description", "tax_amount_in_cents",
            "transaction_fees_in_cents", "transaction_fees_currency", "prorated", "proration_type",
            "event_order", "account_code", "description", "balance_transfer")),
    TRANSACTIONS("transactions", "invoices", List.of("data_source_uuid", "invoice_external_id", "position",
            "external_id", "type", "result", "date", "amount_in_cents", "transaction_fees_in_cents",
            "transaction_fees_currency")),
    SUBSCRIPTION_EVENTS("subscription_events", null, List.of("data_source_uuid", "customer_external_id",
            "subscription_external_id", "event_type", "event_date", "effective_date", "external_id",
            "subscription_set_external_id", "plan_external_id", "amount_in_cents", "quantity", "currency",
            "tax_amount_in_cents", "retracted_event_id", "event_order")),
    CURRENCY_RATES("currency_rates", null, List.of("date", "currency", "rate")),
    CUSTOMER_MERGES("customer_merges", null, List.of("from_data_source_uuid", "from_external_id",
            "into_data_source_uuid", "into_external_id", "merged_at"));

    /** Fields a nested child takes from its parent in JSON rather than from its own object. */
    public static final List<String> PARENT_FIELDS = List.of("data_source_uuid", "invoice_external_id",
            "customer_external_id", "position");

    /**
     * Fields that are JSON integers wherever they occur (amounts, counts, positions): in JSON an
     * integer token, never a float (1e3, 12.0) or a string ("12").
     */
    public static final java.util.Set<String> INTEGER_FIELDS = java.util.Set.of("position", "interval_count",
            "amount_in_cents", "quantity", "discount_amount_in_cents", "tax_amount_in_cents",
            "transaction_fees_in_cents", "event_order");

    /** The custom attribute type whose value, too, is a JSON integer. */
    public static final String INTEGER_ATTRIBUTE = "Integer";

    private final String folder;
    private final String nestedIn;
    private final List<String> fields;

    LandingKind(String folder, String nestedIn, List<String> fields) {
        this.folder = folder;
        this.nestedIn = nestedIn;
        this.fields = fields;
    }

    /** The sub-folder (or, for JSON, the file stem) of this kind under the landing root. */
    public String folder() { return folder; }

    /** The flat fields, in documented order. */
    public List<String> fields() { return fields; }

    /** Whether JSON carries this kind inside another kind's records. */
    public boolean nestedInJson() { return nestedIn != null; }

    /**
     * The fields of this kind's JSON object that hold other kinds' records (an invoice's line items
     * and transactions, a customer's attributes with its tags and custom attributes).
     */
    public List<String> jsonNestedFields() {
        return switch (this) {
            case INVOICES -> List.of("line_items", "transactions");
            case CUSTOMERS -> List.of("attributes");
            default -> List.of();
        };
    }

    /** Whether a run fails when the kind is absent. */
    public boolean required() { return this == CUSTOMERS || this == INVOICES; }

    /** The flat table's schema: every documented field as a string. */
    public StructType flatSchema() {
        StructType s = new StructType();
        for (String f : fields) s = s.add(f, DataTypes.StringType);
        return s;
    }

    /** The fields of this kind's own JSON object (a nested child's parent fields excluded). */
    public List<String> jsonFields() {
        if (!nestedInJson()) return fields;
        List<String> own = new ArrayList<>(fields);
        own.removeAll(PARENT_FIELDS);
        return own;
    }
}
