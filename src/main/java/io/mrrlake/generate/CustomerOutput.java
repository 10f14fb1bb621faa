package io.mrrlake.generate;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.generate.Records.Contact;
import io.mrrlake.generate.Records.Customer;
import io.mrrlake.generate.Records.Event;
import io.mrrlake.generate.Records.Identity;
import io.mrrlake.generate.Records.Invoice;
import io.mrrlake.generate.Records.Merge;

/** Everything one generated customer writes, in the order it is written. */
final class CustomerOutput {
    final List<Customer> customers = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    final List<Invoice> invoices = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final List<Merge> merges = new ArrayList<>();

    /** Per-identity counter for external ids of invoices, items, subscriptions, events. */
    static final class IdSource {
        private final Identity id;
        private int next;

        IdSource(Identity id) {
            this.id = id;
        }

        /** e.g. {@code in_0A1B2C3D4E-7}: unique within the identity's data source. */
        String next(String prefix) {
            return prefix + id.key() + "-" + (++next);
        }
    }
}
