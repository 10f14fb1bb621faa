package io.mrrlake.generate;

import java.util.SplittableRandom;

import io.mrrlake.generate.Catalog.Country;
import io.mrrlake.generate.Catalog.Plan;
import io.mrrlake.generate.CustomerOutput.IdSource;
import io.mrrlake.generate.Records.Event;
import io.mrrlake.generate.Records.Identity;
import io.mrrlake.generate.Records.Invoice;
import io.mrrlake.generate.Records.LineItem;
import io.mrrlake.generate.Records.Txn;

/**
 * Bills one source customer: subscriptions period by period, with their invoices, payments and
 * events. All randomness comes from the customer's own stream, so a customer's records depend only
 * on the seed and its index.
 */
final class Billing {
    /** How a subscription ended: live at the end of the period, cancelled, or switched within its set. */
    record End(long at, Plan switchTo) {
        static final End LIVE = new End(Long.MAX_VALUE, null);
        static final End NEVER_PAID = new End(Long.MIN_VALUE, null);
        boolean live() { return at == Long.MAX_VALUE; }
    }

    private final SplittableRandom rng;
    private final Period period;
    private final Identity id;
    private final IdSource ids;
    private final Country country;
    final String currency;
    private final CustomerOutput out;
    /** Latest instant any record of this identity carries (for the customer's updated_at). */
    long lastActivity;
    /** First paid subscription start, if any. */
    long firstPaid = Long.MAX_VALUE;

    Billing(SplittableRandom rng, Period period, Identity id, IdSource ids, Country country, CustomerOutput out) {
        this.rng = rng;
        this.period = period;
        this.id = id;
        this.ids = ids;
        this.country = country;
        this.currency = country.currency();
        this.out = out;
    }

    /** Probability of something that happens with {@code perMonth} a month, over a plan period. */
    static double chance(double perMonth, double months) {
        return 1 - StrictMath.pow(1 - perMonth, months);
    }

    /** A free trial on {@code plan} from t; returns its end. */
    long trial(String sub, long t, Plan plan, String setId) {
        long end = t + 14 * Times.DAY;
        Invoice inv = invoice(t, "automatic");
        LineItem li = item(inv, "trial", plan, t, end);
        li.subscriptionId = sub;
        li.setId = setId;
        li.amount = 0;
        li.quantity = 1;
        li.description = "Free trial of " + plan.name();
        inv.status = "paid";
        finish(inv);
        return end;
    }

    /**
     * One subscription from {@code t0}: renews every plan period until cancelled, switched or the end
     * of the generated period.
     */
    End subscription(String sub, long t0, Plan plan0, int qty0, String setId, boolean newCustomer) {
        Plan plan = plan0;
        int qty = qty0;
        int discountIdx = !plan.free() && rng.nextInt(100) < 12 ? rng.nextInt(Catalog.DISCOUNT_CODES.length) : -1;
        long t = t0;
        int n = 0;
        if (id.ds().importApi()) startEvent(sub, setId, plan, qty, t0);
        while (t < period.end()) {
            double months = plan.months();
            if (n > 0) {
                Plan other = Catalog.otherCycle(plan);
                if (setId != null && other != null && rng.nextDouble() < chance(0.02, months)) {
                    cancelled(sub, setId, plan, t, t - rng.nextInt(1, 10) * Times.DAY);
                    return new End(t, other);
                }
                Plan down = Catalog.neighbour(plan, -1);
                if (plan.free() && rng.nextDouble() < chance(0.06, months)) {
                    plan = Catalog.plan("starter_monthly");
                } else if (down != null && !down.free() && rng.nextDouble() < chance(0.015, months)) {
                    plan = down;
                } else if (plan.seats() && rng.nextDouble() < chance(0.12, months)) {
                    qty = Math.max(1, qty + (rng.nextInt(3) == 0 ? -rng.nextInt(1, 3) : rng.nextInt(1, 5)));
                }
            }
            long end = Times.plus(t, plan.unit(), plan.count());
            boolean first = n == 0;
            Invoice inv = invoice(t, collectionMethod());
            LineItem li = subscriptionItem(inv, sub, setId, plan, qty, t, end, discountIdx >= 0 && n < 3 ? discountIdx : -1);
            if (rng.nextInt(100) < 4) oneTime(inv, t, rng.nextBoolean() ? "Onboarding package" : "Extra usage");
            if (rng.nextInt(100) < 1) voidedCopy(inv);
            boolean paid = pay(inv, first && newCustomer ? 0.05 : 0.012);
            finish(inv);
            if (!paid) {
                if (first) return End.NEVER_PAID;
                // Dunning failed: the subscription is cancelled three weeks after the invoice.
                long at = t + 21 * Times.DAY;
                if (at < period.end()) {
                    cancelled(sub, setId, plan, at, at);
                    return new End(at, null);
                }
                return End.LIVE;
            }
            if (first && li.amount > 0) firstPaid = Math.min(firstPaid, t);
            // Something in the middle of the period.
            long mid = t + (long) ((end - t) * (0.2 + 0.6 * rng.nextDouble()));
            mid = mid - Math.floorMod(mid, Times.DAY) + Math.floorMod(t, Times.DAY); // same time of day
            if (mid > t && mid < end && mid < period.end()) {
                Plan up = Catalog.neighbour(plan, +1);
                if (rng.nextDouble() < chance(plan.free() ? 0.01 : 0.025, months)) {
                    boolean immediate = rng.nextInt(10) < 3;
                    long effective = immediate ? mid : end;
                    if (effective < period.end()) {
                        if (!immediate && rng.nextBoolean()) scheduled(sub, setId, plan, mid, effective);
                        Event c = cancelled(sub, setId, plan, effective, immediate ? mid : effective);
                        long retractAt = effective + rng.nextInt(1, 6) * Times.DAY;
                        if (rng.nextInt(100) < 12 && retractAt < period.end()) {
                            retracted(sub, setId, c, retractAt);
                        } else {
                            return new End(effective, null);
                        }
                    }
                } else if (up != null && !plan.free() && rng.nextDouble() < chance(0.03, months)) {
                    prorate(sub, setId, plan, up, qty, qty, mid, end);
                    plan = up;
                } else if (plan.seats() && rng.nextDouble() < chance(0.08, months)) {
                    int more = rng.nextInt(1, 6);
                    prorate(sub, setId, plan, plan, qty, qty + more, mid, end);
                    qty += more;
                }
            }
            t = end;
            n++;
        }
        return End.LIVE;
    }

    /** A standalone one-time invoice (consulting, a hardware order). */
    void oneTimeInvoice(long t) {
        Invoice inv = invoice(t, "send_invoice");
        oneTime(inv, t, "Consulting hours");
        pay(inv, 0.0);
        finish(inv);
    }

    /**
     * A paid invoice with one subscription item on a subscription of its own, not yet part of the
     * output: the clean base of a deliberately bad invoice.
     */
    Invoice standalone(long t, Plan plan) {
        Invoice inv = invoice(t, "automatic");
        subscriptionItem(inv, newSubscriptionId(), null, plan, 1, t, Times.plus(t, plan.unit(), plan.count()), -1);
        Txn p = txn(inv, "payment", "successful", t + 120);
        p.amount = inv.total();
        inv.status = "paid";
        inv.updatedAt = Math.max(inv.updatedAt, p.date);
        return inv;
    }

    /** Adds an invoice made by {@link #standalone} to the output as a good one. */
    void keep(Invoice inv) {
        lastActivity = Math.max(lastActivity, inv.updatedAt);
        out.invoices.add(inv);
    }

    // ---- invoices ----

    Invoice invoice(long date, String collection) {
        Invoice inv = new Invoice();
        inv.customer = id;
        inv.externalId = ids.next(invoicePrefix());
        inv.currency = currency;
        inv.collectionMethod = collection;
        inv.date = date;
        inv.createdAt = date;
        inv.updatedAt = date + 60 + rng.nextInt(600);
        inv.dueDate = collection.equals("automatic") ? date : date + 30 * Times.DAY;
        return inv;
    }

    private LineItem item(Invoice inv, String type, Plan plan, Long start, Long end) {
        LineItem li = new LineItem();
        li.type = type;
        li.externalId = ids.next(itemPrefix());
        li.planId = plan == null ? null : plan.externalId();
        li.start = start;
        li.end = end;
        inv.items.add(li);
        return li;
    }

    /** A regular (not prorated) subscription item: list price × quantity, less discount, plus tax. */
    LineItem subscriptionItem(Invoice inv, String sub, String setId, Plan plan, int qty, long start, long end, int discountIdx) {
        LineItem li = item(inv, "subscription", plan, start, end);
        li.subscriptionId = sub;
        li.setId = setId;
        li.quantity = qty;
        long list = Catalog.price(plan, currency) * qty;
        long discount = 0;
        if (discountIdx >= 0) {
            discount = Math.round(list * Catalog.DISCOUNT_PERCENT[discountIdx] / 100.0);
            li.discountCode = Catalog.DISCOUNT_CODES[discountIdx];
            li.discount = discount;
            li.discountDescription = Catalog.DISCOUNT_PERCENT[discountIdx] + "% off for 3 periods";
        }
        charge(li, list - discount);
        li.description = plan.name() + (qty > 1 ? " × " + qty : "");
        return li;
    }

    /** Sets amount = net + tax, the way the billing systems report a taxed item. */
    private void charge(LineItem li, long net) {
        long tax = Math.round(net * country.vatPermille() / 1000.0);
        li.amount = net + tax;
        if (tax != 0) li.tax = tax;
        li.accountCode = li.type.equals("one_time") ? "4100-services" : "4000-subscriptions";
    }

    private void oneTime(Invoice inv, long t, String what) {
        LineItem li = item(inv, "one_time", null, null, null);
        li.quantity = 1;
        long base = Catalog.price(Catalog.plan("pro_monthly"), currency) * rng.nextInt(1, 6) / 2;
        charge(li, base);
        li.description = what;
    }

    /** A voided invoice for the same items, issued first and replaced by {@code real}. */
    private void voidedCopy(Invoice real) {
        Invoice v = invoice(real.date, real.collectionMethod);
        for (LineItem li : real.items) {
            LineItem c = item(v, li.type, null, li.start, li.end);
            c.planId = li.planId;
            c.subscriptionId = li.subscriptionId;
            c.setId = li.setId;
            c.quantity = li.quantity;
            c.amount = li.amount + (li.amount == 0 ? 0 : 100); // the mistake that got it voided
            c.tax = li.tax;
            c.description = li.description;
        }
        v.status = "voided";
        finish(v);
    }

    /**
     * A mid-period plan or seat change, billed the way billing systems prorate: {@code full} style
     * bills the new plan for the rest of the period (MRR set from it) and credits the unused old plan
     * as a one-time item; {@code differential} style adds a credit and a charge item whose MRRs sum
     * to the change.
     */
    private void prorate(String sub, String setId, Plan from, Plan to, int qtyFrom, int qtyTo, long at, long end) {
        long fullStart = Times.minus(end, to.unit(), to.count());
        double share = (double) (end - at) / (end - fullStart);
        long oldRest = Math.round(Catalog.price(from, currency) * qtyFrom * share);
        long newRest = Math.round(Catalog.price(to, currency) * qtyTo * share);
        Invoice inv = invoice(at, "automatic");
        boolean seatsOnly = from == to;
        if (seatsOnly || rng.nextBoolean()) {
            if (!seatsOnly) {
                LineItem credit = item(inv, "subscription", from, at, end);
                credit.subscriptionId = sub;
                credit.setId = setId;
                credit.quantity = qtyFrom;
                charge(credit, -oldRest);
                credit.prorated = true;
                credit.prorationType = "differential";
                credit.eventOrder = 1;
                credit.description = "Unused time on " + from.name();
            }
            LineItem add = item(inv, "subscription", to, at, end);
            add.subscriptionId = sub;
            add.setId = setId;
            add.quantity = seatsOnly ? qtyTo - qtyFrom : qtyTo;
            charge(add, seatsOnly ? newRest - oldRest : newRest);
            add.prorated = true;
            add.prorationType = "differential";
            add.eventOrder = 2;
            add.description = seatsOnly ? (qtyTo - qtyFrom) + " more seats, prorated" : "Remaining time on " + to.name();
        } else {
            LineItem add = item(inv, "subscription", to, at, end);
            add.subscriptionId = sub;
            add.setId = setId;
            add.quantity = qtyTo;
            charge(add, newRest);
            add.prorated = true;
            add.prorationType = "full";
            add.description = "Remaining time on " + to.name();
            LineItem credit = item(inv, "one_time", null, null, null);
            credit.quantity = 1;
            charge(credit, -oldRest);
            credit.description = "Unused time on " + from.name();
        }
        if (inv.total() > 0) pay(inv, 0.01);
        else inv.status = "paid";
        finish(inv);
    }

    // ---- payments ----

    /**
     * Pays the invoice (or not): usually at once, sometimes after a failed attempt, sometimes not at
     * all; a few paid invoices are refunded. Returns whether it ended up paid.
     */
    private boolean pay(Invoice inv, double unpaidChance) {
        long total = inv.total();
        if (total <= 0) {
            inv.status = "paid";
            return true;
        }
        long at = inv.date + (inv.collectionMethod.equals("automatic") ? 60 + rng.nextInt(300) : rng.nextInt(2, 25) * Times.DAY);
        if (rng.nextDouble() < unpaidChance) {
            failed(inv, inv.date + 120);
            if (inv.date + 3 * Times.DAY < period.end()) failed(inv, inv.date + 3 * Times.DAY);
            long writeOff = inv.date + 60 * Times.DAY;
            if (writeOff < period.end() && rng.nextBoolean()) {
                inv.status = "written_off";
                inv.updatedAt = writeOff;
            } else {
                inv.status = "open";
            }
            return false;
        }
        if (rng.nextInt(100) < 4) {
            failed(inv, inv.date + 120);
            at = inv.date + rng.nextInt(1, 4) * Times.DAY;
        }
        if (at >= period.end()) {
            inv.status = "open"; // the payment comes after the generated period
            return true;
        }
        Txn p = txn(inv, "payment", "successful", at);
        if (rng.nextBoolean()) p.amount = total; // else missing = the whole total
        if (!id.ds().importApi()) {
            p.fees = Math.round(total * 0.029) + Catalog.cardFee(currency);
            p.feesCurrency = currency;
        }
        inv.status = "paid";
        long refundAt = at + rng.nextInt(1, 20) * Times.DAY;
        if (rng.nextInt(1000) < 15 && refundAt < period.end()) {
            boolean full = rng.nextInt(10) < 6;
            Txn r = txn(inv, "refund", "successful", refundAt);
            r.amount = full ? total : Math.max(1, total / 4);
            if (full) inv.status = "refunded";
        }
        return true;
    }

    private void failed(Invoice inv, long at) {
        Txn f = txn(inv, "payment", "failed", at);
        f.amount = inv.total();
    }

    private Txn txn(Invoice inv, String type, String result, long at) {
        Txn t = new Txn();
        t.externalId = ids.next(type.equals("refund") ? refundPrefix() : paymentPrefix());
        t.type = type;
        t.result = result;
        t.date = at;
        inv.txns.add(t);
        return t;
    }

    /** Fixes updated_at, and leaves the status out where the contract lets a reader derive it. */
    private void finish(Invoice inv) {
        for (Txn t : inv.txns) inv.updatedAt = Math.max(inv.updatedAt, t.date);
        if (id.ds().importApi() && rng.nextInt(4) == 0 && (inv.status.equals("paid") || inv.status.equals("open"))
                && !(inv.status.equals("open") && inv.txns.isEmpty() && inv.total() <= 0)) {
            inv.status = null;
        }
        lastActivity = Math.max(lastActivity, inv.updatedAt);
        out.invoices.add(inv);
    }

    // ---- events ----

    Event event(String sub, String setId, Plan plan, String type, long eventDate, long effective) {
        Event e = new Event();
        e.customer = id;
        e.subscriptionId = sub;
        e.setId = setId;
        e.planId = plan == null ? null : plan.externalId();
        e.type = type;
        e.eventDate = Math.max(period.start(), Math.min(eventDate, effective));
        e.effectiveDate = effective;
        e.externalId = ids.next(eventPrefix());
        lastActivity = Math.max(lastActivity, Math.max(e.eventDate, effective));
        out.events.add(e);
        return e;
    }

    private void startEvent(String sub, String setId, Plan plan, int qty, long at) {
        Event e = event(sub, setId, plan, "subscription_start", at, at);
        e.quantity = qty;
        e.currency = currency;
        e.amount = Catalog.price(plan, currency) * qty;
    }

    Event cancelled(String sub, String setId, Plan plan, long effective, long eventDate) {
        return event(sub, setId, plan, "subscription_cancelled", eventDate, effective);
    }

    private void scheduled(String sub, String setId, Plan plan, long eventDate, long effective) {
        event(sub, setId, plan, "subscription_cancellation_scheduled", eventDate, effective);
    }

    private void retracted(String sub, String setId, Event cancelled, long at) {
        Event r = event(sub, setId, null, "subscription_event_retracted", at, at);
        r.retractedEventId = cancelled.externalId;
    }

    private String collectionMethod() {
        return id.ds().importApi() || rng.nextInt(10) == 0 ? "send_invoice" : "automatic";
    }

    // ---- external id styles per billing system ----

    String newSubscriptionId() { return ids.next(style("sub_", "sub-", "sb_", "SUB-")); }
    String newSetId() { return ids.next(style("set_", "set-", "ss_", "SET-")); }
    String invoicePrefix() { return style("in_", "inv-", "cbinv_", "INV-"); }
    private String itemPrefix() { return style("ii_", "li-", "cbli_", "LI-"); }
    private String paymentPrefix() { return style("ch_", "txn-", "cbtx_", "PAY-"); }
    private String refundPrefix() { return style("re_", "rfd-", "cbrf_", "REF-"); }
    private String eventPrefix() { return style("evt_", "evt-", "ev_", "EVT-"); }

    private String style(String stripe, String recurly, String chargebee, String importApi) {
        return switch (id.ds().system()) {
            case "Stripe" -> stripe;
            case "Recurly" -> recurly;
            case "Chargebee" -> chargebee;
            default -> importApi;
        };
    }
}
