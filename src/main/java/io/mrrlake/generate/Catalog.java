package io.mrrlake.generate;

import java.util.List;
import java.util.SplittableRandom;

import io.mrrlake.model.Ids;

/** The fixed world the customers live in: data sources, plans, prices, countries, names. */
final class Catalog {
    private Catalog() {}

    /** A billing system; {@code idPrefix} shapes its external ids the way that system does. */
    record DataSource(String name, String system, String uuid, String createdAt, String idPrefix, int weight) {
        static DataSource of(String name, String system, String createdAt, String idPrefix, int weight) {
            return new DataSource(name, system, Ids.of(Ids.DATA_SOURCE, "mrrlake-generator", name), createdAt, idPrefix, weight);
        }

        boolean importApi() {
            return system.equals("Import API");
        }
    }

    static final List<DataSource> DATA_SOURCES = List.of(
            DataSource.of("Stripe EU", "Stripe", "2020-03-02T09:00:00Z", "cus_", 45),
            DataSource.of("Recurly", "Recurly", "2019-07-15T12:30:00Z", "acct-", 25),
            DataSource.of("Chargebee", "Chargebee", "2021-11-20T08:15:00Z", "cb_", 15),
            DataSource.of("Legacy billing", "Import API", "2018-01-01T00:00:00Z", "CUST-", 15));

    enum Family { FREE, MONTHLY, QUARTERLY, ANNUAL, WEEKLY, SEATS, ADDON }

    /** A plan; {@code usdCents} is the list price of one unit for one interval. */
    record Plan(String externalId, String name, String unit, int count, long usdCents, Family family, int tier) {
        boolean free() { return usdCents == 0; }
        boolean seats() { return family == Family.SEATS; }
        /** Rough length in months, for per-month probabilities. */
        double months() {
            return switch (unit) { case "year" -> 12.0 * count; case "month" -> count; default -> count * 12.0 / 365; };
        }
    }

    static final List<Plan> PLANS = List.of(
            new Plan("free", "Free", "month", 1, 0, Family.FREE, 0),
            new Plan("starter_monthly", "Starter", "month", 1, 2900, Family.MONTHLY, 1),
            new Plan("pro_monthly", "Pro", "month", 1, 9900, Family.MONTHLY, 2),
            new Plan("business_monthly", "Business", "month", 1, 29900, Family.MONTHLY, 3),
            new Plan("starter_quarterly", "Starter Quarterly", "month", 3, 7900, Family.QUARTERLY, 1),
            new Plan("pro_quarterly", "Pro Quarterly", "month", 3, 26900, Family.QUARTERLY, 2),
            new Plan("starter_annual", "Starter Annual", "year", 1, 29000, Family.ANNUAL, 1),
            new Plan("pro_annual", "Pro Annual", "year", 1, 99000, Family.ANNUAL, 2),
            new Plan("business_annual", "Business Annual", "year", 1, 299000, Family.ANNUAL, 3),
            new Plan("weekly_pass", "Weekly Pass", "day", 7, 900, Family.WEEKLY, 1),
            new Plan("team_seat_monthly", "Team (per seat)", "month", 1, 1500, Family.SEATS, 1),
            new Plan("priority_support", "Priority Support add-on", "month", 1, 4900, Family.ADDON, 1));

    static Plan plan(String externalId) {
        for (Plan p : PLANS) if (p.externalId.equals(externalId)) return p;
        throw new IllegalArgumentException(externalId);
    }

    /** The plan one tier up or down in the same family, or null. */
    static Plan neighbour(Plan p, int step) {
        for (Plan q : PLANS) if (q.family == p.family && q.tier == p.tier + step) return q;
        return null;
    }

    /** The same tier billed monthly or annually (a switch within a subscription set), or null. */
    static Plan otherCycle(Plan p) {
        Family to = p.family == Family.MONTHLY ? Family.ANNUAL : p.family == Family.ANNUAL ? Family.MONTHLY : null;
        if (to == null) return null;
        for (Plan q : PLANS) if (q.family == to && q.tier == p.tier) return q;
        return null;
    }

    /**
     * A list price in the customer's currency, in its own minor unit and rounded the way price pages
     * are: whole euros and pounds, tens of yen (JPY has no minor unit), tenths of a dinar (KWD has
     * three decimals: 1 dinar = 1000 fils).
     */
    static long price(Plan p, String currency) {
        return switch (currency) {
            case "USD" -> p.usdCents;
            case "EUR" -> roundTo(p.usdCents * 0.92, 100);
            case "GBP" -> roundTo(p.usdCents * 0.80, 100);
            case "JPY" -> roundTo(p.usdCents * 1.50, 10); // 29.00 USD -> 4350 yen
            case "KWD" -> roundTo(p.usdCents * 3.07, 100); // 29.00 USD -> 8900 fils (KWD 8.900)
            case "CHF" -> roundTo(p.usdCents * 0.90, 100);
            default -> p.usdCents;
        };
    }

    /** The card processor's fixed fee per payment, in the currency's own minor unit. */
    static long cardFee(String currency) {
        return switch (currency) {
            case "JPY" -> 40;
            case "KWD" -> 100;
            default -> 30;
        };
    }

    private static long roundTo(double minor, long step) {
        return Math.round(minor / step) * step;
    }

    /**
     * A currency with daily rates: its rate per USD on the first day, the daily volatility of its
     * walk, and the decimals it is published with. KWD is pegged to a basket, so it barely moves.
     */
    record RateWalk(String currency, double start, double volatility, int decimals) {}

    static final List<RateWalk> RATED = List.of(
            new RateWalk("EUR", 0.935, 0.004, 6),
            new RateWalk("GBP", 0.826, 0.004, 6),
            new RateWalk("JPY", 131.0, 0.004, 4),
            new RateWalk("KWD", 0.3075, 0.0005, 6));

    /** A country: its currency, VAT in per mille, and a few places. */
    record Country(String code, int weight, String currency, int vatPermille, String[] states, String[] cities,
                   String phonePrefix) {}

    static final List<Country> COUNTRIES = List.of(
            new Country("US", 40, "USD", 0, new String[] {"CA", "NY", "TX", "WA", "MA", "IL"},
                    new String[] {"San Francisco", "New York", "Austin", "Seattle", "Boston", "Chicago"}, "+1"),
            new Country("GB", 12, "GBP", 200, new String[] {"England", "Scotland"},
                    new String[] {"London", "Manchester", "Edinburgh", "Bristol"}, "+44"),
            new Country("DE", 10, "EUR", 190, new String[] {"BE", "BY", "HH"},
                    new String[] {"Berlin", "Munich", "Hamburg"}, "+49"),
            new Country("FR", 6, "EUR", 200, new String[] {"IDF", "ARA"}, new String[] {"Paris", "Lyon"}, "+33"),
            new Country("NL", 5, "EUR", 210, new String[] {"NH", "ZH"}, new String[] {"Amsterdam", "Rotterdam"}, "+31"),
            new Country("ES", 4, "EUR", 210, new String[] {"MD", "CT"}, new String[] {"Madrid", "Barcelona"}, "+34"),
            new Country("JP", 8, "JPY", 100, new String[] {"Tokyo", "Osaka"}, new String[] {"Tokyo", "Osaka", "Kyoto"}, "+81"),
            new Country("CA", 5, "USD", 50, new String[] {"ON", "BC", "QC"}, new String[] {"Toronto", "Vancouver", "Montreal"}, "+1"),
            new Country("AU", 4, "USD", 100, new String[] {"NSW", "VIC"}, new String[] {"Sydney", "Melbourne"}, "+61"),
            new Country("BR", 3, "USD", 0, new String[] {"SP", "RJ"}, new String[] {"São Paulo", "Rio de Janeiro"}, "+55"),
            new Country("IN", 2, "USD", 180, new String[] {"KA", "MH"}, new String[] {"Bengaluru", "Mumbai"}, "+91"),
            // Last, and its weight taken from the one before, so every other customer keeps its country.
            new Country("KW", 1, "KWD", 0, new String[] {"Al Asimah", "Hawalli"}, new String[] {"Kuwait City", "Salmiya"}, "+965"));

    static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances",
        "Edsger", "Radia", "John", "Sophie", "Tim", "Katherine", "Guido", "Hedy", "Niklaus", "Joan", "Donald", "Anita",
        "Bjarne", "Lynn", "James", "Yukihiro", "Chloé", "Jürgen", "Søren", "María", "Priya", "Wei", "Olusegun", "Aiko",
        "Mateo", "Fatima", "Lars", "Ines", "Kenji", "Zoë", "Omar"};
    static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
        "Allen", "Dijkstra", "Perlman", "Backus", "Wilson", "Berners-Lee", "Johnson", "van Rossum", "Lamarr", "Wirth",
        "Clarke", "Knuth", "Borg", "Stroustrup", "Conway", "Gosling", "Matsumoto", "Dubois", "Schmidt", "Kierkegaard",
        "García", "Patel", "Zhang", "Adeyemi", "Tanaka", "Rossi", "Haddad", "Nilsson", "Moreau", "Sato", "O'Brien", "Nakamura"};
    static final String[] COMPANY_A = {"Acme", "Blue", "Bright", "Cloud", "Delta", "Echo", "Fast", "Green", "Hyper",
        "Iron", "Jade", "Kite", "Lumen", "Metro", "North", "Orbit", "Pixel", "Quantum", "Red", "Silver", "Terra", "Umbra",
        "Vector", "Wave", "Zen"};
    static final String[] COMPANY_B = {"Labs", "Works", "Analytics", "Systems", "Studio", "Logistics", "Health", "Foods",
        "Media", "Robotics", "Software", "Ventures", "Design", "Energy", "Finance"};
    static final String[] COMPANY_SUFFIX = {"Inc.", "Ltd", "GmbH", "SAS", "BV", "LLC", "KK", ""};
    static final String[] TAGS = {"enterprise", "smb", "self-serve", "partner", "vip", "beta-tester", "churn-risk",
        "upsell", "education", "non-profit"};
    static final String[] INDUSTRIES = {"SaaS", "E-commerce", "Healthcare", "Education", "Fintech", "Media", "Logistics"};
    static final String[] ATTRIBUTE_SOURCES = {"Integration", "HubSpot", "Salesforce", "Intercom"};
    static final String[] TITLES = {"CEO", "CTO", "Head of Finance", "Billing Manager", "Engineer", "Office Manager"};
    static final String[] LEAD_STATUSES = {"New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead"};
    static final String[] DISCOUNT_CODES = {"WELCOME20", "LAUNCH15", "PARTNER10"};
    static final int[] DISCOUNT_PERCENT = {20, 15, 10};

    static Country country(SplittableRandom rng) {
        int total = 0;
        for (Country c : COUNTRIES) total += c.weight;
        int r = rng.nextInt(total);
        for (Country c : COUNTRIES) if ((r -= c.weight) < 0) return c;
        throw new AssertionError();
    }

    static int dataSourceIndex(SplittableRandom rng) {
        int total = 0;
        for (DataSource d : DATA_SOURCES) total += d.weight;
        int r = rng.nextInt(total);
        for (int i = 0; i < DATA_SOURCES.size(); i++) if ((r -= DATA_SOURCES.get(i).weight) < 0) return i;
        throw new AssertionError();
    }

    static <T> T pick(SplittableRandom rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }
}
