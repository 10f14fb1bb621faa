package io.mrrlake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small landing zone (400 customers in 3 parts), checked from every side. */
class GeneratorTest {
    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final int MONTHS = 36;
    static final Instant FIRST = START.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    static final Instant END = START.plusMonths(MONTHS).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    @TempDir
    static Path tmp;
    static Path root;
    static GeneratorReport report;
    static IndependentValidator validated;

    @BeforeAll
    static void generate() throws Exception {
        root = tmp.resolve("landing");
        report = Generator.generate(new GeneratorOptions(root.toString(), 400, 42, MONTHS, START), new Configuration(), 150, 2);
        validated = new IndependentValidator(root);
    }

    @Test
    void sameOptionsGiveTheSameBytesWhateverTheThreadsAndDifferentSeedsDoNot() throws Exception {
        Path again = tmp.resolve("again");
        Generator.generate(new GeneratorOptions("file://" + again, 400, 42, MONTHS, START), new Configuration(), 150, 1);
        Map<String, String> first = LandingFiles.hashes(root);
        assertEquals(3 + 5 * 3, first.size(), "3 static files + 5 kinds × 3 parts: " + first.keySet());
        assertEquals(first, LandingFiles.hashes(again));

        Path other = tmp.resolve("other");
        Generator.generate(new GeneratorOptions(other.toString(), 400, 43, MONTHS, START), new Configuration(), 150, 2);
        Map<String, String> seeded = LandingFiles.hashes(other);
        assertEquals(first.keySet(), seeded.keySet());
        for (String f : first.keySet()) {
            if (f.startsWith("data_sources") || f.startsWith("plans")) continue; // seed-independent by design
            assertNotEquals(first.get(f), seeded.get(f), f);
        }
    }

    @Test
    void rerunningIntoTheSameRootReplacesEverything() throws Exception {
        Path r = tmp.resolve("rerun");
        Generator.generate(new GeneratorOptions(r.toString(), 300, 7, 6, START), new Configuration(), 100, 2);
        GeneratorReport small = Generator.generate(new GeneratorOptions(r.toString(), 50, 7, 6, START), new Configuration(), 100, 2);
        assertEquals(8, LandingFiles.files(r).size(), "no part left from the bigger run");
        assertEquals(small.recordsPerKind().get("customers"), (long) LandingFiles.lines(r, "customers").size());
    }

    @Test
    void everyKindIsPresentAndEveryLineIsJsonExceptTheTruncatedOnes() {
        assertEquals(Generator.KINDS.size(), report.recordsPerKind().size());
        long files = 0;
        for (String kind : Generator.KINDS) {
            List<LandingFiles.Line> lines = LandingFiles.lines(root, kind);
            assertFalse(lines.isEmpty(), kind);
            assertEquals(report.recordsPerKind().get(kind), (long) lines.size(), kind);
            long broken = lines.stream().filter(l -> l.json() == null).count();
            assertEquals(report.badPerKind().getOrDefault(kind, Map.of()).getOrDefault("bad_json", 0L), broken, kind);
            for (Path f : LandingFiles.files(root.resolve(kind))) {
                assertTrue(f.getFileName().toString().matches("part-\\d{5}\\.jsonl\\.gz"), f.toString());
                files++;
            }
        }
        assertEquals(report.files(), files);
        assertTrue(report.bytes() > 0);
    }

    @Test
    void everyRejectReasonIsPresentAndTheReportSaysWhatTheFilesHold() {
        Set<String> reasons = report.badPerReason().keySet();
        for (String r : List.of("unknown_plan", "unknown_customer", "unknown_currency", "missing_rate", "bad_period",
                "duplicate_key", "bad_json", "bad_number:quantity", "bad_number:amount_in_cents")) {
            assertTrue(reasons.contains(r), r + " in " + reasons);
        }
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("missing_field:")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("bad_enum:")), reasons.toString());
        assertTrue(report.identicalCopies().getOrDefault("invoices", 0L) > 0);
        assertTrue(report.identicalCopies().getOrDefault("customers", 0L) > 0);

        IndependentValidator v = validated;
        assertEquals(report.badPerKind(), v.rejects);
        assertEquals(report.identicalCopies(), v.identical);

        double share = (double) report.totalBad() / report.totalRecords();
        assertTrue(share > 0.002 && share < 0.02, "bad share " + share);
    }

    @Test
    void nothingIsDatedOutsideThePeriodAndEveryDayHasItsRates() {
        IndependentValidator v = validated;
        for (JsonNode c : v.accepted.get("customers")) {
            inPeriod(c, "lead_created_at", "free_trial_started_at", "created_at", "updated_at");
        }
        for (JsonNode i : v.accepted.get("invoices")) {
            inPeriod(i, "date", "created_at", "updated_at");
            for (JsonNode li : i.get("line_items")) inPeriod(li, "service_period_start");
            for (JsonNode t : i.get("transactions")) inPeriod(t, "date");
        }
        for (JsonNode e : v.accepted.get("subscription_events")) inPeriod(e, "event_date", "effective_date");
        for (JsonNode m : LandingFiles.good(root, "customer_merges")) inPeriod(m, "merged_at");

        Map<String, Set<String>> days = new HashMap<>();
        for (JsonNode r : v.accepted.get("currency_rates")) {
            assertTrue(days.computeIfAbsent(r.get("currency").asText(), k -> new TreeSet<>()).add(r.get("date").asText()), r.toString());
            inPeriod(r, "date");
        }
        assertEquals(Set.of("USD", "EUR", "GBP", "JPY", "KWD"), days.keySet());
        long periodDays = START.until(START.plusMonths(MONTHS), java.time.temporal.ChronoUnit.DAYS);
        for (Set<String> d : days.values()) assertEquals(periodDays, d.size());
    }

    private static void inPeriod(JsonNode n, String... fields) {
        for (String f : fields) {
            if (!n.hasNonNull(f)) continue;
            Instant t = IndependentValidator.instant(n.get(f).asText());
            assertTrue(!t.isBefore(FIRST) && t.isBefore(END), f + " out of period: " + n);
        }
    }

    @Test
    void theDataHoldsEveryBillingStory() {
        IndependentValidator v = validated;
        Set<String> seen = new HashSet<>();
        Map<String, Long> cancelledAt = new HashMap<>();
        Set<String> cancelEventIds = new HashSet<>();
        for (JsonNode e : v.accepted.get("subscription_events")) {
            seen.add("event:" + e.get("event_type").asText());
            if (e.get("event_type").asText().equals("subscription_cancelled")) {
                cancelEventIds.add(e.get("external_id").asText());
                cancelledAt.merge(IndependentValidator.key(e, "customer_external_id"),
                        IndependentValidator.instant(e.get("effective_date").asText()).getEpochSecond(), Math::min);
            }
        }
        for (JsonNode e : v.accepted.get("subscription_events")) {
            if (e.hasNonNull("retracted_event_id")) {
                assertTrue(cancelEventIds.contains(e.get("retracted_event_id").asText()), e.toString());
                seen.add("retraction");
            }
        }
        Map<String, Set<String>> subsPerSet = new HashMap<>();
        Map<String, Set<String>> subsPerCustomer = new HashMap<>();
        for (JsonNode i : v.accepted.get("invoices")) {
            String status = i.hasNonNull("status") ? i.get("status").asText() : "derived";
            seen.add("status:" + status);
            seen.add("currency:" + i.get("currency").asText());
            boolean failed = false;
            for (JsonNode t : i.get("transactions")) {
                seen.add("txn:" + t.get("type").asText() + ":" + t.get("result").asText());
                if (t.get("result").asText().equals("failed")) failed = true;
                else if (failed) seen.add("failed then paid");
            }
            for (JsonNode li : i.get("line_items")) {
                String type = li.get("type").asText();
                seen.add("item:" + type);
                if (li.path("prorated").asBoolean()) seen.add("prorated:" + li.get("proration_type").asText());
                if (li.path("tax_amount_in_cents").asLong() > 0) seen.add("tax");
                if (li.path("discount_amount_in_cents").asLong() > 0) seen.add("discount");
                if (li.path("quantity").asLong() > 1) seen.add("seats");
                if (li.hasNonNull("plan_external_id")) seen.add("plan:" + li.get("plan_external_id").asText());
                if (type.equals("subscription")) {
                    String cust = IndependentValidator.key(i, "customer_external_id");
                    String sub = li.get("subscription_external_id").asText();
                    long start = IndependentValidator.instant(li.get("service_period_start").asText()).getEpochSecond();
                    Set<String> subs = subsPerCustomer.computeIfAbsent(cust, k -> new HashSet<>());
                    if (subs.add(sub) && subs.size() > 1 && cancelledAt.getOrDefault(cust, Long.MAX_VALUE) < start) seen.add("comeback or later sub");
                    if (li.hasNonNull("subscription_set_external_id")) {
                        subsPerSet.computeIfAbsent(cust + "|" + li.get("subscription_set_external_id").asText(), k -> new HashSet<>()).add(sub);
                    }
                }
            }
        }
        if (subsPerSet.values().stream().anyMatch(s -> s.size() > 1)) seen.add("set with two subscriptions");

        for (JsonNode c : v.accepted.get("customers")) {
            for (JsonNode a : c.at("/attributes/custom")) seen.add("attr:" + a.get("type").asText());
            if (c.at("/attributes/tags").size() > 0) seen.add("tags");
            if (c.has("crm_owner")) seen.add("unmapped field");
        }
        Map<String, Set<String>> dsPerExternalId = new HashMap<>();
        for (JsonNode c : v.accepted.get("customers")) {
            dsPerExternalId.computeIfAbsent(c.get("external_id").asText(), k -> new HashSet<>()).add(c.get("data_source_uuid").asText());
        }
        Set<String> mergedFrom = new HashSet<>();
        List<JsonNode> merges = LandingFiles.good(root, "customer_merges");
        for (int k = 0; k < merges.size(); k++) {
            JsonNode m = merges.get(k);
            String into = m.at("/into/data_source_uuid").asText() + "|" + m.at("/into/external_id").asText();
            mergedFrom.add(m.at("/from/data_source_uuid").asText() + "|" + m.at("/from/external_id").asText());
            for (int later = k + 1; later < merges.size(); later++) {
                JsonNode n = merges.get(later);
                String from = n.at("/from/data_source_uuid").asText() + "|" + n.at("/from/external_id").asText();
                // A -> B listed after B -> C would be in order; here the later record's into is our from
                String laterInto = n.at("/into/data_source_uuid").asText() + "|" + n.at("/into/external_id").asText();
                String ourFrom = m.at("/from/data_source_uuid").asText() + "|" + m.at("/from/external_id").asText();
                if (laterInto.equals(ourFrom)) seen.add("chain listed out of order");
                if (from.equals(into)) seen.add("chain");
            }
        }
        for (String f : mergedFrom) assertTrue(v.accepted.get("customers").stream()
                .anyMatch(c -> IndependentValidator.key(c, "external_id").equals(f)), "merge of a known customer " + f);
        if (dsPerExternalId.values().stream().anyMatch(s -> s.size() > 1)) seen.add("shared external id");

        Set<String> expected = new TreeSet<>(List.of(
                "event:subscription_cancelled", "event:subscription_event_retracted", "event:subscription_cancellation_scheduled",
                "event:subscription_start", "retraction",
                "status:paid", "status:open", "status:voided", "status:refunded", "status:written_off", "status:derived",
                "currency:USD", "currency:EUR", "currency:GBP", "currency:JPY", "currency:KWD",
                "txn:payment:successful", "txn:payment:failed", "txn:refund:successful", "failed then paid",
                "item:subscription", "item:one_time", "item:trial", "prorated:full", "prorated:differential",
                "tax", "discount", "seats", "plan:free", "plan:weekly_pass", "plan:pro_quarterly", "plan:pro_annual",
                "plan:team_seat_monthly", "comeback or later sub", "set with two subscriptions",
                "attr:String", "attr:Integer", "attr:Decimal", "attr:Timestamp", "attr:Boolean", "tags", "unmapped field",
                "chain listed out of order", "shared external id"));
        expected.removeAll(seen);
        assertEquals(Set.of(), expected, "missing stories");
    }

    @Test
    void proratedItemsFollowTheProrationRule() {
        IndependentValidator v = validated;
        int checked = 0;
        for (JsonNode i : v.accepted.get("invoices")) {
            for (JsonNode li : i.get("line_items")) {
                if (!li.path("prorated").asBoolean()) continue;
                Catalog.Plan plan = Catalog.plan(li.get("plan_external_id").asText());
                long end = IndependentValidator.instant(li.get("service_period_end").asText()).getEpochSecond();
                long start = IndependentValidator.instant(li.get("service_period_start").asText()).getEpochSecond();
                long full = end - Times.minus(end, plan.unit(), plan.count());
                long net = li.get("amount_in_cents").asLong() - li.path("tax_amount_in_cents").asLong();
                // docs/MRR.md "MRR of one item": item MRR = net × full / prorated / interval months ≈ list price × quantity / months
                double itemMrr = net * ((double) full / (end - start)) / plan.months();
                double listMrr = Catalog.price(plan, i.get("currency").asText()) * li.get("quantity").asLong() / plan.months();
                assertEquals(Math.abs(listMrr), Math.abs(itemMrr), Math.max(2.0, Math.abs(listMrr) * 0.01), li.toString());
                checked++;
            }
        }
        assertTrue(checked > 10, "prorated items checked: " + checked);
    }

    @Test
    void oneCustomerIsEnoughForEveryKindAndBadOptionsAreRefused() throws Exception {
        Path r = tmp.resolve("one");
        GeneratorReport one = Generator.generate(GeneratorOptions.of(r.toString(), 1), new Configuration());
        for (String kind : Generator.KINDS) assertEquals(1, LandingFiles.files(r.resolve(kind)).size(), kind);
        assertTrue(one.recordsPerKind().get("customers") >= 1);
        assertEquals(0L, one.recordsPerKind().get("customer_merges"));
        assertEquals(LocalDate.of(2023, 1, 1), new GeneratorOptions("x", 1, 1, 1, null).start());
        assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions("x", 0, 1, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions("x", 1, 1, 0, START));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(" ", 1, 1, 1, START));
    }

    @Test
    void plainPathsAreLocalAndUrisKeepTheirScheme() {
        assertEquals("file", Generator.rootPath("/tmp/x").toUri().getScheme());
        assertEquals("file", Generator.rootPath("relative dir/x").toUri().getScheme());
        assertEquals("s3a", Generator.rootPath("s3a://bucket/landing").toUri().getScheme());
        assertTrue(Files.isDirectory(root));
    }
}
