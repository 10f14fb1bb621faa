package io.mrrlake.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mrrlake.generate.Catalog.DataSource;

/**
 * The landing-zone records of one customer while it is being generated; they live only until the
 * customer is written. Fields mirror docs/LANDING.md; null means "not written". {@code defects} overrides
 * fields when rendering a deliberately bad record (see {@link Render}).
 */
final class Records {
    private Records() {}

    /**
     * A source customer: one data source and an external id in it; {@code key} is unique within the
     * data source and names the customer's invoices, subscriptions and so on.
     */
    record Identity(DataSource ds, String externalId, String key) {}

    /** How a record is written: once, once and then again byte for byte, or cut short. */
    enum Emit { ONCE, TWICE_IDENTICAL, TRUNCATED }

    /** Something written as one line; {@code reason} is set on deliberately bad records. */
    abstract static class Line {
        String reason;
        Emit emit = Emit.ONCE;
        Map<String, Object> defects = Map.of();
    }

    record CustomAttribute(String type, String key, Object value, String source) {}

    static final class Customer extends Line {
        Identity id;
        String name, email, company, country, state, city, zip, websiteUrl, leadStatus;
        Long leadCreatedAt, freeTrialStartedAt;
        long createdAt, updatedAt;
        List<String> tags = new ArrayList<>();
        List<CustomAttribute> custom = new ArrayList<>();
        /** A field the contract does not know; it must land in UNMAPPED_ATTRIBUTES. */
        String crmOwner;
    }

    static final class Contact extends Line {
        Identity customer;
        String externalId, firstName, lastName, title, email, phone, linkedIn, twitter, notes;
        int position;
        Map<String, Object> custom = new TreeMap<>();
    }

    static final class LineItem {
        String type, externalId, subscriptionId, setId, planId;
        Long start, end;
        long amount;
        Integer quantity;
        String discountCode, discountDescription;
        Long discount, tax, fees;
        String feesCurrency;
        Boolean prorated;
        String prorationType;
        Integer eventOrder;
        String accountCode, description;
    }

    static final class Txn {
        String externalId, type, result;
        long date;
        Long amount, fees;
        String feesCurrency;
    }

    static final class Invoice extends Line {
        Identity customer;
        String externalId, currency, status, collectionMethod;
        long date, createdAt, updatedAt;
        Long dueDate;
        final List<LineItem> items = new ArrayList<>();
        final List<Txn> txns = new ArrayList<>();

        long total() {
            long t = 0;
            for (LineItem li : items) t += li.amount;
            return t;
        }
    }

    static final class Event extends Line {
        Identity customer;
        String subscriptionId, type, externalId, setId, planId, currency, retractedEventId;
        long eventDate, effectiveDate;
        Long amount, tax;
        Integer quantity, eventOrder;
    }

    record Merge(Identity from, Identity into, long mergedAt) {}
}
