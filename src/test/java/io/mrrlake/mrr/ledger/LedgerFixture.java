package io.mrrlake.mrr.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.config.MrrSettings;

/** Small builders for ledger unit tests: items, cancellations and a run. */
final class LedgerFixture {
    static final String DS = "ds_test";
    static final String CUSTOMER = "cus_test";

    private LedgerFixture() {}

    static Instant t(String iso) {
        return Instant.parse(iso.length() == 10 ? iso + "T00:00:00Z" : iso);
    }

    static ItemBuilder item(String subscription, String plan, long net, String start, String end) {
        return new ItemBuilder(subscription, plan, net, t(start), t(end));
    }

    static SubscriptionEvent cancel(String subscription, String effective) {
        return new SubscriptionEvent(DS, subscription, SubscriptionEvent.Kind.CANCELLED, t(effective), t(effective), false);
    }

    static SubscriptionEvent event(String subscription, SubscriptionEvent.Kind kind, String eventDate,
                                   String effective, boolean retracted) {
        return new SubscriptionEvent(DS, subscription, kind, t(eventDate), t(effective), retracted);
    }

    static LedgerResult run(MrrSettings settings, String asOf, List<ItemBuilder> items, SubscriptionEvent... events) {
        List<LedgerItem> built = new ArrayList<>();
        for (ItemBuilder b : items) built.add(b.build());
        return CustomerLedger.run(CUSTOMER, built, List.of(events), settings, t(asOf));
    }

    static MrrSettings defaults() {
        return MrrSettings.defaults();
    }

    static MrrSettings with(java.util.function.UnaryOperator<SettingsBuilder> f) {
        return f.apply(new SettingsBuilder()).build();
    }

    static final class SettingsBuilder {
        MrrSettings s = MrrSettings.defaults();
        SettingsBuilder grouping(int m) { s = new MrrSettings(s.accountCurrency(), s.timeZone(), s.churnRecognition(), m, s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), s.autoChurnDays(), s.freePlan(), s.maxRateAgeDays()); return this; }
        SettingsBuilder churn(MrrSettings.ChurnRecognition c) { s = new MrrSettings(s.accountCurrency(), s.timeZone(), c, s.activityGroupingMinutes(), s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), s.autoChurnDays(), s.freePlan(), s.maxRateAgeDays()); return this; }
        SettingsBuilder newSubscriber(MrrSettings.NewSubscriberInvoice n) { s = new MrrSettings(s.accountCurrency(), s.timeZone(), s.churnRecognition(), s.activityGroupingMinutes(), n, s.excludeInvoiceStatuses(), s.autoChurnDays(), s.freePlan(), s.maxRateAgeDays()); return this; }
        SettingsBuilder autoChurn(Integer d) { s = new MrrSettings(s.accountCurrency(), s.timeZone(), s.churnRecognition(), s.activityGroupingMinutes(), s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), d, s.freePlan(), s.maxRateAgeDays()); return this; }
        SettingsBuilder freePlan(MrrSettings.FreePlan f) { s = new MrrSettings(s.accountCurrency(), s.timeZone(), s.churnRecognition(), s.activityGroupingMinutes(), s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), s.autoChurnDays(), f, s.maxRateAgeDays()); return this; }
        SettingsBuilder account(String c) { s = new MrrSettings(c, s.timeZone(), s.churnRecognition(), s.activityGroupingMinutes(), s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), s.autoChurnDays(), s.freePlan(), s.maxRateAgeDays()); return this; }
        SettingsBuilder zone(String z) { s = new MrrSettings(s.accountCurrency(), java.time.ZoneId.of(z), s.churnRecognition(), s.activityGroupingMinutes(), s.newSubscriberInvoice(), s.excludeInvoiceStatuses(), s.autoChurnDays(), s.freePlan(), s.maxRateAgeDays()); return this; }
        MrrSettings build() { return s; }
    }

    static final class ItemBuilder {
        private final String subscription;
        private String plan;
        private String unit = "month";
        private int count = 1;
        private final long net;
        private final Instant start;
        private final Instant end;
        private String set;
        private boolean trial;
        private ProrationType proration = ProrationType.NONE;
        private long quantity = 1;
        private boolean paid = true;
        private Instant due;
        private String currency = "USD";
        private BigDecimal rateAccount = BigDecimal.ONE;
        private BigDecimal rateInvoice = BigDecimal.ONE;
        private Integer eventOrder;
        private String externalId;

        ItemBuilder(String subscription, String plan, long net, Instant start, Instant end) {
            this.subscription = subscription;
            this.plan = plan;
            this.net = net;
            this.start = start;
            this.end = end;
        }

        ItemBuilder interval(String unit, int count) { this.unit = unit; this.count = count; return this; }
        ItemBuilder set(String set) { this.set = set; return this; }
        ItemBuilder trial() { this.trial = true; return this; }
        ItemBuilder proration(ProrationType p) { this.proration = p; return this; }
        ItemBuilder quantity(long q) { this.quantity = q; return this; }
        ItemBuilder unpaid() { this.paid = false; return this; }
        ItemBuilder due(String d) { this.due = t(d); return this; }
        ItemBuilder order(int o) { this.eventOrder = o; return this; }
        ItemBuilder id(String id) { this.externalId = id; return this; }
        ItemBuilder currency(String c, String rateAccount, String rateInvoice) {
            this.currency = c;
            this.rateAccount = new BigDecimal(rateAccount);
            this.rateInvoice = new BigDecimal(rateInvoice);
            return this;
        }

        LedgerItem build() {
            String ext = externalId != null ? externalId : subscription + "@" + start;
            return new LedgerItem("li_" + ext, DS, subscription, set, "pl_" + plan, plan, plan, unit, count, trial,
                    start, end, eventOrder, start, ext, "inv_" + ext, currency, net, proration, quantity, paid, due,
                    rateAccount, rateInvoice);
        }
    }
}
