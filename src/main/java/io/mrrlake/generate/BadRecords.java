package io.mrrlake.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.mrrlake.generate.CustomerOutput.IdSource;
import io.mrrlake.generate.Records.Contact;
import io.mrrlake.generate.Records.Customer;
import io.mrrlake.generate.Records.Emit;
import io.mrrlake.generate.Records.Event;
import io.mrrlake.generate.Records.Identity;
import io.mrrlake.generate.Records.Invoice;
import io.mrrlake.generate.Records.LineItem;
import io.mrrlake.generate.Records.Txn;

/**
 * The deliberately bad records: every reject reason of docs/LANDING.md, each in a record that is wrong in
 * exactly that one way, so a reader must reject it with exactly that reason. They are extra records
 * (their own subscriptions, or copies), so rejecting them leaves every good record's meaning intact.
 * Customers 0..V-1 get variant i each (so any run of at least {@link #variants()} customers has them
 * all); later customers get a random variant with a small probability, about 0.5% of all lines.
 */
final class BadRecords {
    static final String CUSTOMERS = "customers";
    static final String CONTACTS = "contacts";
    static final String INVOICES = "invoices";
    static final String EVENTS = "subscription_events";

    /** Per mille of customers (beyond the first V) that get one bad record. */
    static final int PER_MILLE = 70;

    enum Variant {
        CUSTOMER_MISSING_EXTERNAL_ID(CUSTOMERS, "missing_field:external_id"),
        CUSTOMER_MISSING_DATA_SOURCE(CUSTOMERS, "missing_field:data_source_uuid"),
        CUSTOMER_BAD_LEAD_STATUS(CUSTOMERS, "bad_enum:lead_status"),
        CUSTOMER_OLDER_CONFLICTING_COPY(CUSTOMERS, "duplicate_key"),
        CUSTOMER_IDENTICAL_COPY(CUSTOMERS, null),
        CUSTOMER_TRUNCATED(CUSTOMERS, "bad_json"),
        CONTACT_UNKNOWN_CUSTOMER(CONTACTS, "unknown_customer"),
        CONTACT_MISSING_CUSTOMER(CONTACTS, "missing_field:customer_external_id"),
        INVOICE_UNKNOWN_CUSTOMER(INVOICES, "unknown_customer"),
        INVOICE_UNKNOWN_PLAN(INVOICES, "unknown_plan"),
        INVOICE_UNKNOWN_CURRENCY(INVOICES, "unknown_currency"),
        INVOICE_MISSING_RATE(INVOICES, "missing_rate"),
        INVOICE_END_BEFORE_START(INVOICES, "bad_period"),
        INVOICE_FRACTIONAL_AMOUNT(INVOICES, "bad_number:amount_in_cents"),
        INVOICE_TEXT_AMOUNT(INVOICES, "bad_number:amount_in_cents"),
        INVOICE_ZERO_QUANTITY(INVOICES, "bad_number:quantity"),
        INVOICE_BAD_ITEM_TYPE(INVOICES, "bad_enum:type"),
        INVOICE_BAD_STATUS(INVOICES, "bad_enum:status"),
        INVOICE_BAD_TRANSACTION_RESULT(INVOICES, "bad_enum:result"),
        INVOICE_MISSING_CURRENCY(INVOICES, "missing_field:currency"),
        INVOICE_MISSING_DATE(INVOICES, "missing_field:date"),
        INVOICE_MISSING_PLAN(INVOICES, "missing_field:plan_external_id"),
        INVOICE_OLDER_CONFLICTING_COPY(INVOICES, "duplicate_key"),
        INVOICE_IDENTICAL_COPY(INVOICES, null),
        INVOICE_TRUNCATED(INVOICES, "bad_json"),
        EVENT_BAD_TYPE(EVENTS, "bad_enum:event_type"),
        EVENT_MISSING_EFFECTIVE_DATE(EVENTS, "missing_field:effective_date"),
        EVENT_UNKNOWN_CUSTOMER(EVENTS, "unknown_customer"),
        EVENT_TRUNCATED(EVENTS, "bad_json");

        final String kind;
        /** The reject reason; null for an identical copy, which a reader collapses silently. */
        final String reason;

        Variant(String kind, String reason) {
            this.kind = kind;
            this.reason = reason;
        }
    }

    private BadRecords() {}

    static int variants() {
        return Variant.values().length;
    }

    static void add(SplittableRandom rng, long index, Period period, Identity main, IdSource ids, Billing billing,
                    CustomerOutput out) {
        Variant[] all = Variant.values();
        Variant v;
        if (index < all.length) v = all[(int) index];
        else if (rng.nextInt(1000) < PER_MILLE) v = all[rng.nextInt(all.length)];
        else return;
        long t = period.start() + rng.nextLong(period.days() - 1) * Times.DAY + Times.HOUR + rng.nextInt(21 * 3600);
        Identity ghost = new Identity(main.ds(), main.externalId() + "-ghost", main.key() + "-g");
        switch (v) {
            case CUSTOMER_MISSING_EXTERNAL_ID -> extraCustomer(out, main, "-noid", v, Map.of("external_id", Render.OMIT));
            case CUSTOMER_MISSING_DATA_SOURCE -> extraCustomer(out, main, "-nods", v, Map.of("data_source_uuid", Render.OMIT));
            case CUSTOMER_BAD_LEAD_STATUS -> extraCustomer(out, main, "-hot", v, Map.of("lead_status", "Hot Lead"));
            case CUSTOMER_OLDER_CONFLICTING_COPY -> {
                Customer real = out.customers.get(0);
                Customer old = copy(real, real.id);
                old.name = real.name + " (old)";
                old.updatedAt = real.createdAt; // real.updatedAt is at least an hour later
                mark(old, v);
                out.customers.add(old);
            }
            case CUSTOMER_IDENTICAL_COPY -> out.customers.get(0).emit = Emit.TWICE_IDENTICAL;
            case CUSTOMER_TRUNCATED -> {
                Customer c = extraCustomer(out, main, "-cut", v, Map.of());
                c.emit = Emit.TRUNCATED;
            }
            case CONTACT_UNKNOWN_CUSTOMER -> contact(out, ghost, v, Map.of());
            case CONTACT_MISSING_CUSTOMER -> contact(out, main, v, Map.of("customer_external_id", Render.OMIT));
            case INVOICE_UNKNOWN_CUSTOMER -> {
                Invoice inv = base(billing, t);
                inv.customer = ghost;
                bad(out, inv, v, Map.of());
            }
            case INVOICE_UNKNOWN_PLAN -> {
                Invoice inv = base(billing, t);
                inv.items.get(0).planId = "enterprise_legacy_2019";
                bad(out, inv, v, Map.of());
            }
            case INVOICE_UNKNOWN_CURRENCY -> {
                Invoice inv = base(billing, t);
                inv.currency = "XYZ";
                bad(out, inv, v, Map.of());
            }
            case INVOICE_MISSING_RATE -> {
                Invoice inv = base(billing, t);
                inv.currency = "CHF"; // a real currency, but no rates are published for it
                bad(out, inv, v, Map.of());
            }
            case INVOICE_END_BEFORE_START -> {
                Invoice inv = base(billing, t);
                inv.items.get(0).end = inv.items.get(0).start - Times.HOUR;
                bad(out, inv, v, Map.of());
            }
            case INVOICE_FRACTIONAL_AMOUNT -> bad(out, base(billing, t), v,
                    Map.of("line_items.amount_in_cents", new BigDecimal("1250.5")));
            case INVOICE_TEXT_AMOUNT -> bad(out, base(billing, t), v, Map.of("line_items.amount_in_cents", "abc"));
            case INVOICE_ZERO_QUANTITY -> bad(out, base(billing, t), v, Map.of("line_items.quantity", 0L));
            case INVOICE_BAD_ITEM_TYPE -> bad(out, base(billing, t), v, Map.of("line_items.type", "subscripton"));
            case INVOICE_BAD_STATUS -> bad(out, base(billing, t), v, Map.of("status", "pending"));
            case INVOICE_BAD_TRANSACTION_RESULT -> bad(out, base(billing, t), v, Map.of("transactions.result", "pending"));
            case INVOICE_MISSING_CURRENCY -> bad(out, base(billing, t), v, Map.of("currency", Render.OMIT));
            case INVOICE_MISSING_DATE -> bad(out, base(billing, t), v, Map.of("date", Render.OMIT));
            case INVOICE_MISSING_PLAN -> bad(out, base(billing, t), v, Map.of("line_items.plan_external_id", Render.OMIT));
            case INVOICE_OLDER_CONFLICTING_COPY -> {
                Invoice real = someRealInvoice(rng, billing, out, t);
                Invoice old = copy(real);
                old.items.get(0).amount += 500;
                old.updatedAt = real.createdAt; // real.updatedAt is at least a minute later
                bad(out, old, v, Map.of());
            }
            case INVOICE_IDENTICAL_COPY -> someRealInvoice(rng, billing, out, t).emit = Emit.TWICE_IDENTICAL;
            case INVOICE_TRUNCATED -> {
                Invoice inv = base(billing, t);
                inv.emit = Emit.TRUNCATED;
                bad(out, inv, v, Map.of());
            }
            case EVENT_BAD_TYPE -> event(billing, ids, out, main, t, "subscription_paused", v, Map.of());
            case EVENT_MISSING_EFFECTIVE_DATE -> event(billing, ids, out, main, t, "subscription_cancelled", v,
                    Map.of("effective_date", Render.OMIT));
            case EVENT_UNKNOWN_CUSTOMER -> event(billing, ids, out, ghost, t, "subscription_cancelled", v, Map.of());
            case EVENT_TRUNCATED -> event(billing, ids, out, main, t, "subscription_cancelled", v, Map.of()).emit = Emit.TRUNCATED;
        }
    }

    private static void mark(Records.Line line, Variant v) {
        line.reason = v.reason;
    }

    private static Invoice base(Billing billing, long t) {
        return billing.standalone(t, Catalog.plan("starter_monthly"));
    }

    private static void bad(CustomerOutput out, Invoice inv, Variant v, Map<String, Object> defects) {
        inv.defects = defects;
        mark(inv, v);
        out.invoices.add(inv);
    }

    private static Invoice someRealInvoice(SplittableRandom rng, Billing billing, CustomerOutput out, long t) {
        List<Invoice> good = new ArrayList<>();
        for (Invoice i : out.invoices) if (i.reason == null && i.emit == Emit.ONCE) good.add(i);
        if (!good.isEmpty()) return good.get(rng.nextInt(good.size()));
        Invoice inv = base(billing, t);
        billing.keep(inv);
        return inv;
    }

    private static Customer extraCustomer(CustomerOutput out, Identity main, String suffix, Variant v, Map<String, Object> defects) {
        Customer real = out.customers.get(0);
        Identity id = new Identity(main.ds(), main.externalId() + suffix, main.key() + suffix);
        Customer c = copy(real, id);
        c.defects = defects;
        mark(c, v);
        out.customers.add(c);
        return c;
    }

    private static void contact(CustomerOutput out, Identity of, Variant v, Map<String, Object> defects) {
        Contact c = new Contact();
        c.customer = of;
        c.externalId = "contact-" + of.key() + "-x";
        c.firstName = "Pat";
        c.lastName = "Doe";
        c.position = 9;
        c.email = "pat.doe@unknown.example";
        c.defects = defects;
        mark(c, v);
        out.contacts.add(c);
    }

    private static Event event(Billing billing, IdSource ids, CustomerOutput out, Identity of, long t, String type, Variant v,
                               Map<String, Object> defects) {
        Event e = new Event();
        e.customer = of;
        e.subscriptionId = billing.newSubscriptionId();
        e.type = type;
        e.eventDate = t;
        e.effectiveDate = t;
        e.externalId = ids.next("bad-evt-");
        e.defects = defects;
        mark(e, v);
        out.events.add(e);
        return e;
    }

    private static Customer copy(Customer r, Identity id) {
        Customer c = new Customer();
        c.id = id;
        c.name = r.name; c.email = r.email; c.company = r.company; c.country = r.country; c.state = r.state;
        c.city = r.city; c.zip = r.zip; c.websiteUrl = r.websiteUrl; c.leadStatus = r.leadStatus;
        c.leadCreatedAt = r.leadCreatedAt; c.freeTrialStartedAt = r.freeTrialStartedAt;
        c.createdAt = r.createdAt; c.updatedAt = r.updatedAt;
        c.tags = r.tags; c.custom = r.custom; c.crmOwner = r.crmOwner;
        return c;
    }

    private static Invoice copy(Invoice r) {
        Invoice c = new Invoice();
        c.customer = r.customer; c.externalId = r.externalId; c.currency = r.currency; c.status = r.status;
        c.collectionMethod = r.collectionMethod; c.date = r.date; c.createdAt = r.createdAt; c.updatedAt = r.updatedAt;
        c.dueDate = r.dueDate;
        for (LineItem li : r.items) {
            LineItem n = new LineItem();
            n.type = li.type; n.externalId = li.externalId; n.subscriptionId = li.subscriptionId; n.setId = li.setId;
            n.planId = li.planId; n.start = li.start; n.end = li.end; n.amount = li.amount; n.quantity = li.quantity;
            n.discountCode = li.discountCode; n.discountDescription = li.discountDescription; n.discount = li.discount;
            n.tax = li.tax; n.fees = li.fees; n.feesCurrency = li.feesCurrency; n.prorated = li.prorated;
            n.prorationType = li.prorationType; n.eventOrder = li.eventOrder; n.accountCode = li.accountCode;
            n.description = li.description;
            c.items.add(n);
        }
        c.txns.addAll(r.txns); // transactions are not changed, sharing them is safe
        return c;
    }
}
