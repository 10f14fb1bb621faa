package io.mrrlake.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mrrlake.model.MinorUnits;
import io.mrrlake.mrr.ledger.LedgerTrace;

/** The explanation for people: sections in the order things happened, no line wider than {@link #WIDTH}. */
public final class ExplanationText {
    public static final int WIDTH = 100;

    private final List<String> lines = new ArrayList<>();
    private final String account;
    private java.time.Instant lastGroupAt;

    private ExplanationText(String account) {
        this.account = account;
    }

    public static String render(Explanation e) {
        ExplanationText t = new ExplanationText(e.accountCurrency());
        t.write(e);
        return String.join("\n", t.lines) + "\n";
    }

    private void write(Explanation e) {
        Explanation.Customer c = e.customer();
        add(0, "Customer " + c.uuid() + (c.name() == null ? "" : " \"" + c.name() + "\""));
        add(2, "MRR " + money(c.mrr()) + ", status " + c.status() + " (as of " + e.asOf() + ", account currency "
                + e.accountCurrency() + ")");

        blank();
        add(0, "Source customers");
        for (Explanation.SourceCustomer s : e.sourceCustomers()) {
            add(2, (s.primary() ? "* " : "  ") + s.externalId() + "  data source " + s.dataSourceUuid()
                    + (s.name() == null ? "" : "  \"" + s.name() + "\"") + (s.primary() ? "  (primary)" : ""));
        }
        for (Explanation.Merge m : e.merges()) {
            add(2, "merge: " + m.from().externalId() + " (" + m.from().dataSourceUuid() + ") into " + m.into().externalId()
                    + " (" + m.into().dataSourceUuid() + ")" + (m.mergedAt() == null ? "" : " at " + m.mergedAt())
                    + (m.applied() ? "" : ": after the as-of, not applied"));
        }
        if (e.sourceCustomers().size() > 1 && e.autoMergeByExternalId()) {
            add(2, "customers.auto_merge = external_id joins records with the same external id across data sources");
        }

        for (Explanation.Subscription s : e.subscriptions()) {
            blank();
            add(0, "Subscription " + s.externalId() + " (data source " + s.dataSourceUuid() + ")");
            for (Explanation.Item i : s.items()) item(i);
            if (!s.steps().isEmpty()) add(2, "steps:");
            for (LedgerTrace.Step st : s.steps()) step(4, st);
        }

        blank();
        add(0, "Changes of the customer's MRR, grouped and typed");
        int m = 0;
        for (LedgerTrace.Step g : e.groups()) {
            // Each group's movement rows follow it: rows dated before the next group's first change.
            step(2, g);
            lastGroupAt = g.at();
            int next = e.groups().indexOf(g) + 1;
            while (m < e.movements().size() && (next >= e.groups().size()
                    || e.movements().get(m).date().isBefore(e.groups().get(next).at()))) {
                movement(e.movements().get(m++));
            }
        }
        while (m < e.movements().size()) movement(e.movements().get(m++));

        if (!e.fxByMonth().isEmpty()) {
            blank();
            add(0, "Exchange-rate impact by month (in MRR, never a movement)");
            for (Explanation.MonthFx f : e.fxByMonth()) add(2, f.month() + "  " + signed(f.fxImpact()));
        }
        if (!e.rejects().isEmpty()) {
            blank();
            add(0, "Rejected records among this customer's input");
            for (Explanation.Reject r : e.rejects()) add(2, r.kind() + "  " + r.reason() + ": " + r.detail());
        }
        blank();
        add(0, "Final MRR " + money(c.mrr()) + ", status " + c.status());
    }

    private void item(Explanation.Item i) {
        add(2, (i.taken() ? "+ " : "- ") + "item " + i.externalId() + "  invoice " + i.invoiceExternalId() + "  " + i.type()
                + (i.proration() == null || i.proration().equals("none") ? "" : " (" + i.proration() + ")"));
        add(6, day(i) + "  amount " + MinorUnits.format(i.amount(), i.currency()) + ", tax "
                + MinorUnits.format(i.tax(), i.currency()) + (i.formula() == null ? "" : ", invoice " + (i.invoicePaid() ? "paid" : "unpaid")));
        if (i.formula() != null) add(6, "item MRR " + i.formula() + " (" + i.currency() + " minor units)");
        if (i.rates() != null) add(6, "rates: " + i.rates());
        add(6, (i.taken() ? "taken: " : "left out: ") + i.why());
    }

    private static String day(Explanation.Item i) {
        return i.serviceStart() + " → " + i.serviceEnd();
    }

    private void step(int indent, LedgerTrace.Step s) {
        add(indent, s.at() + "  " + s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + s.text());
    }

    private void movement(Explanation.Movement mv) {
        add(4, "→ " + mv.type() + " " + signed(mv.mrrMovement()) + " (subscription " + mv.subscriptionExternalId()
                + (mv.date().equals(lastGroupAt) ? "" : ", dated " + mv.date()) + "), customer MRR " + money(mv.mrr())
                + ": " + mv.description());
        if (mv.reason() != null) add(8, "why: " + mv.reason());
    }

    private String money(long amount) {
        return MinorUnits.format(amount, account);
    }

    private String signed(long amount) {
        return (amount > 0 ? "+" : "") + money(amount);
    }

    private void blank() {
        lines.add("");
    }

    /** Adds {@code text} at {@code indent}, wrapped at word boundaries to {@link #WIDTH} with a hanging indent. */
    private void add(int indent, String text) {
        String pad = " ".repeat(indent);
        String hang = " ".repeat(indent + 2);
        StringBuilder line = new StringBuilder(pad);
        boolean first = true;
        for (String word : text.split(" ")) {
            boolean empty = line.length() == (first ? pad.length() : hang.length());
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(hang);
                first = false;
                empty = true;
            }
            if (!empty) line.append(' ');
            if (word.length() > WIDTH - line.length()) {
                // A single word longer than the line (a long id): cut it rather than overflow.
                String rest = word;
                while (line.length() + rest.length() > WIDTH) {
                    int room = WIDTH - line.length();
                    lines.add(line + rest.substring(0, room));
                    rest = rest.substring(room);
                    line = new StringBuilder(hang);
                    first = false;
                }
                line.append(rest);
            } else {
                line.append(word);
            }
        }
        lines.add(line.toString());
    }
}
