package io.mrrlake.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonGenerator;

import io.mrrlake.generate.Catalog.DataSource;
import io.mrrlake.generate.Catalog.Plan;

/** The kinds that do not grow with customers: data sources, plans and daily currency rates. */
final class StaticKinds {
    static final String DATA_SOURCES = "data_sources";
    static final String PLANS = "plans";
    static final String RATES = "currency_rates";

    private StaticKinds() {}

    static void dataSources(JsonLinesWriter w, Tally tally) throws IOException {
        for (DataSource ds : Catalog.DATA_SOURCES) {
            JsonGenerator g = w.begin();
            g.writeStartObject();
            g.writeStringField("uuid", ds.uuid());
            g.writeStringField("name", ds.name());
            g.writeStringField("system", ds.system());
            g.writeStringField("created_at", ds.createdAt());
            g.writeEndObject();
            w.endLine();
            tally.record(DATA_SOURCES);
        }
    }

    /** Every plan in every data source, then a few bad plans and one identical copy. */
    static void plans(JsonLinesWriter w, Tally tally) throws IOException {
        for (DataSource ds : Catalog.DATA_SOURCES) {
            for (Plan p : Catalog.PLANS) {
                plan(w, ds.uuid(), p.externalId(), p.name(), p.count(), p.unit());
                w.endLine();
                tally.record(PLANS);
            }
        }
        DataSource ds = Catalog.DATA_SOURCES.get(0);
        plan(w, ds.uuid(), "biweekly_legacy", "Bi-weekly (legacy)", 1L, "fortnight");
        badLine(w, tally, PLANS, "bad_enum:interval_unit");
        plan(w, ds.uuid(), "duo_legacy", "Duo (legacy)", "two", "month");
        badLine(w, tally, PLANS, "bad_number:interval_count");
        plan(w, ds.uuid(), "unnamed_legacy", null, 1L, "month");
        badLine(w, tally, PLANS, "missing_field:name");
        Plan p = Catalog.PLANS.get(1);
        plan(w, ds.uuid(), p.externalId(), p.name(), p.count(), p.unit());
        w.endLine();
        tally.record(PLANS);
        tally.identical(PLANS);
    }

    private static void plan(JsonLinesWriter w, String ds, String id, String name, Object count, String unit) throws IOException {
        JsonGenerator g = w.begin();
        g.writeStartObject();
        g.writeStringField("data_source_uuid", ds);
        g.writeStringField("external_id", id);
        if (name != null) g.writeStringField("name", name);
        if (count instanceof String s) g.writeStringField("interval_count", s);
        else g.writeNumberField("interval_count", ((Number) count).longValue());
        g.writeStringField("interval_unit", unit);
        g.writeEndObject();
    }

    private static void plan(JsonLinesWriter w, String ds, String id, String name, int count, String unit) throws IOException {
        plan(w, ds, id, name, (Object) (long) count, unit);
    }

    /**
     * One rate per day of the period for USD (1) and each currency of {@link Catalog#RATED}; each a
     * mean-reverting random walk in log space with its own random stream. StrictMath keeps the digits
     * equal on every machine.
     */
    static void rates(JsonLinesWriter w, Tally tally, Period period, long seed) throws IOException {
        SplittableRandom base = Seeds.stream(seed, Seeds.RATES);
        int n = Catalog.RATED.size();
        SplittableRandom[] rng = new SplittableRandom[n];
        for (int c = 0; c < n; c++) rng[c] = base.split();
        double[] x = new double[n];
        for (LocalDate d = period.startDate(); d.isBefore(period.endDate()); d = d.plusDays(1)) {
            String day = Times.date(d);
            rate(w, day, "USD", BigDecimal.ONE);
            w.endLine();
            tally.record(RATES);
            for (int c = 0; c < n; c++) {
                Catalog.RateWalk walk = Catalog.RATED.get(c);
                BigDecimal r = BigDecimal.valueOf(walk.start() * StrictMath.exp(x[c]))
                        .setScale(walk.decimals(), RoundingMode.HALF_EVEN);
                rate(w, day, walk.currency(), r);
                w.endLine();
                tally.record(RATES);
                x[c] += -0.01 * x[c] + walk.volatility() * gaussian(rng[c]);
            }
        }
        String first = Times.date(period.startDate());
        rate(w, first, "SEK", "n/a");
        badLine(w, tally, RATES, "bad_number:rate");
        rate(w, first, null, new BigDecimal("1.2345"));
        badLine(w, tally, RATES, "missing_field:currency");
    }

    private static void rate(JsonLinesWriter w, String day, String currency, Object rate) throws IOException {
        JsonGenerator g = w.begin();
        g.writeStartObject();
        g.writeStringField("date", day);
        if (currency != null) g.writeStringField("currency", currency);
        if (rate instanceof BigDecimal b) {
            g.writeFieldName("rate");
            g.writeNumber(b.toPlainString());
        } else {
            g.writeStringField("rate", (String) rate);
        }
        g.writeEndObject();
    }

    private static void badLine(JsonLinesWriter w, Tally tally, String kind, String reason) throws IOException {
        w.endLine();
        tally.record(kind);
        tally.bad(kind, reason);
    }

    /** Box–Muller with StrictMath: the same numbers on every JVM. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
