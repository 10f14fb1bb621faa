package io.mrrlake.generate;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.mrrlake.generate.Catalog.Country;
import io.mrrlake.generate.Catalog.DataSource;
import io.mrrlake.generate.Catalog.Family;
import io.mrrlake.generate.Catalog.Plan;
import io.mrrlake.generate.CustomerOutput.IdSource;
import io.mrrlake.generate.Records.Contact;
import io.mrrlake.generate.Records.CustomAttribute;
import io.mrrlake.generate.Records.Customer;
import io.mrrlake.generate.Records.Identity;
import io.mrrlake.generate.Records.Merge;

/**
 * Makes one customer (index i) and everything it writes. A customer usually lives in one data source;
 * some also have a record in a second or third one, joined by {@code customer_merges} records (a
 * chain A→B→C listed out of order) or only by sharing the external id (for auto-merge).
 */
final class CustomerFactory {
    private static final long A = 2_654_435_761L; // coprime with 2, 3 and 5: a bijection below
    private static final long B36_10 = 3_656_158_440_062_976L; // 36^10
    private static final long B36_12 = 4_738_381_338_321_616_896L; // 36^12
    private static final long D10 = 10_000_000_000L;
    /** Added before the modulo so that small indices do not give ids full of zeros. */
    private static final long C = 1_234_567_890_123L;
    /** Most customers an id scheme keeps unique (three records each). */
    static final long MAX_CUSTOMERS = 1_000_000_000L;

    private final Period period;
    private final long seed;

    CustomerFactory(Period period, long seed) {
        this.period = period;
        this.seed = seed;
    }

    CustomerOutput make(long index) {
        SplittableRandom rng = Seeds.stream(seed, index);
        CustomerOutput out = new CustomerOutput();
        Country country = Catalog.country(rng);
        int dsIdx = Catalog.dataSourceIndex(rng);
        Identity main = identity(Catalog.DATA_SOURCES.get(dsIdx), index, 0);
        Person person = person(rng, index, country);
        long signup = signup(rng);

        IdSource mainIds = new IdSource(main);
        Billing billing = new Billing(rng, period, main, mainIds, country, out);
        Customer mc = customer(rng, main, person, country);
        mc.leadCreatedAt = Math.max(period.start(), signup - rng.nextInt(0, 21) * Times.DAY - rng.nextInt(3600));
        mc.createdAt = mc.leadCreatedAt;
        journey(rng, billing, mc, signup);
        mc.updatedAt = Math.max(mc.createdAt + 3600 + rng.nextInt(3600), Math.min(billing.lastActivity, period.end() - 1));
        out.customers.add(mc);
        contacts(rng, main, person, out);

        int shape = rng.nextInt(1000);
        if (shape < 15) {
            Identity b = identity(Catalog.DATA_SOURCES.get((dsIdx + 1) % 4), index, 1);
            Identity c = identity(Catalog.DATA_SOURCES.get((dsIdx + 2) % 4), index, 2);
            Customer cb = secondary(rng, b, person, country, signup, out);
            Customer cc = secondary(rng, c, person, country, signup, out);
            // The chain c → b → main, listed out of order (b → main first): c only reaches main through b.
            Merge cIntoB = new Merge(c, b, mergedAt(rng, cc.createdAt, cb.createdAt));
            out.merges.add(new Merge(b, main, mergedAt(rng, cb.createdAt, mc.createdAt)));
            out.merges.add(cIntoB);
        } else if (shape < 45) {
            Identity b = identity(Catalog.DATA_SOURCES.get((dsIdx + 1 + rng.nextInt(3)) % 4), index, 1);
            Customer cb = secondary(rng, b, person, country, signup, out);
            out.merges.add(new Merge(b, main, mergedAt(rng, cb.createdAt, mc.createdAt)));
        } else if (shape < 60) {
            DataSource other = Catalog.DATA_SOURCES.get((dsIdx + 1 + rng.nextInt(3)) % 4);
            Identity shared = new Identity(other, main.externalId(), main.key() + "-s");
            secondary(rng, shared, person, country, signup, out);
        }

        BadRecords.add(rng, index, period, main, mainIds, billing, out);
        out.invoices.sort(Comparator.comparingLong(i -> i.date));
        out.events.sort(Comparator.comparingLong(e -> e.effectiveDate));
        return out;
    }

    /** The main record's billing: maybe a lead only, maybe a trial, subscriptions, changes, churn, comebacks. */
    private void journey(SplittableRandom rng, Billing billing, Customer c, long signup) {
        int kind = rng.nextInt(100);
        Plan plan = choosePlan(rng);
        String setId = (plan.family() == Family.MONTHLY || plan.family() == Family.ANNUAL) && rng.nextInt(100) < 35
                ? billing.newSetId() : null;
        String sub = billing.newSubscriptionId();
        long t = signup;
        if (kind < 12) { // a lead; half of them try the product and never pay
            c.leadStatus = Catalog.pick(rng, Catalog.LEAD_STATUSES);
            if (rng.nextBoolean() && !plan.free()) {
                c.freeTrialStartedAt = t;
                billing.trial(sub, t, plan, setId);
            }
            return;
        }
        if (!plan.free() && rng.nextInt(100) < 30) {
            c.freeTrialStartedAt = t;
            t = billing.trial(sub, t, plan, setId);
            if (rng.nextInt(100) < 25 || t >= period.end()) {
                c.leadStatus = "Unqualified Lead";
                return;
            }
        }
        int qty = plan.seats() ? rng.nextInt(2, 26) : 1;
        boolean newCustomer = true;
        for (int round = 0; round < 8 && t < period.end(); round++) {
            Billing.End end = billing.subscription(sub, t, plan, qty, setId, newCustomer);
            if (end == Billing.End.NEVER_PAID || end.live()) break;
            if (end.switchTo() != null) { // same set, a new subscription from the switch on
                plan = end.switchTo();
                t = end.at();
                sub = billing.newSubscriptionId();
                newCustomer = false;
                continue;
            }
            if (rng.nextInt(100) >= 30) break; // churned for good
            t = end.at() + rng.nextInt(30, 240) * Times.DAY; // comes back later
            plan = choosePlan(rng);
            qty = plan.seats() ? rng.nextInt(2, 26) : 1;
            setId = rng.nextInt(100) < 30 ? billing.newSetId() : null;
            sub = billing.newSubscriptionId();
            newCustomer = true;
        }
        if (billing.firstPaid < period.end() && rng.nextInt(100) < 12) {
            long at = billing.firstPaid + rng.nextInt(10, 200) * Times.DAY;
            if (at < period.end()) billing.subscription(billing.newSubscriptionId(), at, Catalog.plan("priority_support"), 1, null, false);
        }
        if (billing.firstPaid < period.end() && rng.nextInt(100) < 5) {
            long at = billing.firstPaid + rng.nextInt(5, 300) * Times.DAY;
            if (at < period.end()) billing.oneTimeInvoice(at);
        }
    }

    /** A second record of the same customer in another data source, with a subscription of its own. */
    private Customer secondary(SplittableRandom rng, Identity id, Person person, Country country, long signup, CustomerOutput out) {
        Billing billing = new Billing(rng, period, id, new IdSource(id), country, out);
        long start = signup + rng.nextInt(20, 400) * Times.DAY;
        if (start >= period.end()) start = signup + (period.end() - signup) / 2;
        Customer c = customer(rng, id, person, country);
        c.email = "billing@" + person.domain;
        c.createdAt = start - rng.nextInt(0, 3) * Times.HOUR;
        if (start + Times.DAY < period.end()) {
            Plan plan = rng.nextBoolean() ? Catalog.plan("priority_support") : choosePlan(rng);
            if (!plan.free()) billing.subscription(billing.newSubscriptionId(), start, plan, plan.seats() ? 3 : 1, null, true);
        }
        c.updatedAt = Math.max(c.createdAt + 600, Math.min(billing.lastActivity, period.end() - 1));
        out.customers.add(c);
        return c;
    }

    private long mergedAt(SplittableRandom rng, long a, long b) {
        long at = Math.max(a, b) + rng.nextInt(1, 90) * Times.DAY + rng.nextInt(3600);
        return Math.min(at, period.end() - 1);
    }

    private Plan choosePlan(SplittableRandom rng) {
        int r = rng.nextInt(90);
        Family f = r < 6 ? Family.FREE : r < 51 ? Family.MONTHLY : r < 59 ? Family.QUARTERLY : r < 75 ? Family.ANNUAL
                : r < 78 ? Family.WEEKLY : Family.SEATS;
        int t = rng.nextInt(100);
        int tier = t < 55 ? 1 : t < 90 ? 2 : 3;
        Plan best = null;
        for (Plan p : Catalog.PLANS) {
            if (p.family() == f && p.tier() <= Math.max(tier, 0) && (best == null || p.tier() > best.tier())) best = p;
        }
        return best;
    }

    /** Signup instants grow over the period (more customers later), at a time of day 01:00–22:00. */
    private long signup(SplittableRandom rng) {
        double u = rng.nextDouble();
        double x = (-1 + Math.sqrt(1 + 8 * u)) / 2; // density grows linearly: 1 + 2x
        long day = Math.min(period.days() - 1, (long) (x * period.days()));
        return period.start() + day * Times.DAY + Times.HOUR + rng.nextInt(21 * 3600);
    }

    // ---- people ----

    private record Person(String first, String last, String company, String domain, String city, String state, String zip) {}

    private Person person(SplittableRandom rng, long index, Country country) {
        String first = Catalog.pick(rng, Catalog.FIRST);
        String last = Catalog.pick(rng, Catalog.LAST);
        String a = Catalog.pick(rng, Catalog.COMPANY_A);
        String b = Catalog.pick(rng, Catalog.COMPANY_B);
        String suffix = Catalog.pick(rng, Catalog.COMPANY_SUFFIX);
        String company = (a + " " + b + " " + suffix).trim();
        String domain = ascii(a + b).toLowerCase(Locale.ROOT) + Long.toString(index % 1000, 36) + ".example";
        int place = rng.nextInt(country.cities().length);
        return new Person(first, last, company, domain, country.cities()[place],
                country.states()[place % country.states().length], String.format("%05d", rng.nextInt(100000)));
    }

    private Customer customer(SplittableRandom rng, Identity id, Person p, Country country) {
        Customer c = new Customer();
        c.id = id;
        c.name = p.first + " " + p.last;
        c.email = ascii(p.first + "." + p.last).toLowerCase(Locale.ROOT).replace(" ", "").replace("'", "") + "@" + p.domain;
        c.company = p.company;
        c.country = country.code();
        c.state = p.state;
        c.city = p.city;
        c.zip = p.zip;
        c.websiteUrl = "https://www." + p.domain;
        int tags = rng.nextInt(4);
        for (int i = 0; i < tags; i++) {
            String tag = Catalog.pick(rng, Catalog.TAGS);
            if (!c.tags.contains(tag)) c.tags.add(tag);
        }
        String src = Catalog.pick(rng, Catalog.ATTRIBUTE_SOURCES);
        if (rng.nextInt(10) < 7) c.custom.add(new CustomAttribute("String", "industry", Catalog.pick(rng, Catalog.INDUSTRIES), src));
        if (rng.nextInt(10) < 6) c.custom.add(new CustomAttribute("Integer", "employees", (long) rng.nextInt(1, 5000), src));
        if (rng.nextInt(10) < 5) c.custom.add(new CustomAttribute("Decimal", "nps_score",
                BigDecimal.valueOf(rng.nextInt(0, 101), 1), "Intercom"));
        if (rng.nextInt(10) < 5) c.custom.add(new CustomAttribute("Timestamp", "onboarding_call",
                Times.instant(period.start() + rng.nextLong(period.end() - period.start())), src));
        if (rng.nextInt(10) < 6) c.custom.add(new CustomAttribute("Boolean", "newsletter", rng.nextBoolean(), src));
        if (rng.nextInt(100) < 5) c.crmOwner = Catalog.pick(rng, Catalog.FIRST).toLowerCase(Locale.ROOT) + "@vendor.example";
        return c;
    }

    private void contacts(SplittableRandom rng, Identity id, Person p, CustomerOutput out) {
        int r = rng.nextInt(100);
        int n = r < 30 ? 0 : r < 75 ? 1 : r < 95 ? 2 : 3;
        for (int i = 0; i < n; i++) {
            Contact c = new Contact();
            c.customer = id;
            c.externalId = "contact-" + id.key() + "-" + (i + 1);
            c.firstName = i == 0 ? p.first : Catalog.pick(rng, Catalog.FIRST);
            c.lastName = i == 0 ? p.last : Catalog.pick(rng, Catalog.LAST);
            c.position = i + 1;
            c.title = Catalog.pick(rng, Catalog.TITLES);
            String handle = ascii(c.firstName + c.lastName).toLowerCase(Locale.ROOT).replace(" ", "").replace("'", "");
            c.email = handle + "@" + p.domain;
            c.phone = "+1 555 " + String.format("%07d", rng.nextInt(10_000_000));
            if (rng.nextBoolean()) c.linkedIn = "https://www.linkedin.com/in/" + handle;
            if (rng.nextInt(4) == 0) c.twitter = "@" + handle;
            if (rng.nextInt(3) == 0) c.notes = "Prefers email; renewal talks in Q" + rng.nextInt(1, 5);
            c.custom.put("decision_maker", i == 0);
            if (rng.nextBoolean()) c.custom.put("department", i == 0 ? "Management" : "Finance");
            out.contacts.add(c);
        }
    }

    // ---- external ids, each billing system in its own style, unique per data source ----

    static Identity identity(DataSource ds, long index, int copy) {
        long k = index + copy * MAX_CUSTOMERS;
        String key = switch (ds.system()) {
            case "Stripe" -> pad(Long.toString(Math.floorMod(k * A + C, B36_10), 36).toUpperCase(Locale.ROOT), 10);
            case "Recurly" -> pad(Long.toString(Math.floorMod(k * A + C, D10)), 10);
            case "Chargebee" -> pad(Long.toString(Math.floorMod(k * A + C, B36_12), 36), 12);
            default -> String.format("%08d", index) + (copy == 0 ? "" : "-" + copy);
        };
        return new Identity(ds, ds.idPrefix() + key, key);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("ø", "o").replace("Ø", "O");
    }
}
