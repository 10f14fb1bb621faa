package io.mrrlake.mrr;

import static io.mrrlake.mrr.EngineTestSupport.calculate;
import static io.mrrlake.mrr.EngineTestSupport.customer;
import static io.mrrlake.mrr.EngineTestSupport.movements;
import static io.mrrlake.mrr.EngineTestSupport.mrr;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.EventType;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An audit of docs/MRR.md's rules (every section but Currency, which CurrencyScenariosTest covers) through the engine: tricky
 * scenarios per rule, each expected value computed by hand from the rule's text (the arithmetic is in
 * the comments). Four engine runs: defaults (UTC, as-of 2024-03-20T12:00Z), grouping off, the other
 * values of the settings, and mrr.time_zone = America/New_York.
 */
@Tag("slow")
class MrrRulesAuditTest {
    static final String AS_OF = "2024-03-20T12:00:00Z";
    static SourceFixture d;
    static SourceFixture g0;
    static SourceFixture o;
    static SourceFixture ny;
    static CalculatedResult dRun;
    static CalculatedResult g0Run;
    static CalculatedResult oRun;
    static CalculatedResult nyRun;

    static SourceFixture plans() {
        return new SourceFixture().plan("m1", "month", 1).plan("m2", "month", 2).plan("m3", "month", 3)
                .plan("y1", "year", 1).plan("y2", "year", 2).plan("d7", "day", 7).plan("d14", "day", 14)
                .plan("d30", "day", 30).plan("silver", "month", 1).plan("gold", "month", 1).plan("free", "month", 1);
    }

    @BeforeAll
    static void run() {
        d = plans()
                // ---- "MRR of one item" MRR of one line item ----
                // quantity never changes MRR by itself: 9000 for 3 seats, monthly → 9000
                .customer("qty").invoice("qty", "qty1", "2024-01-01", "paid").item("qty-q", "m1", 9000, "2024-01-01", "2024-02-01").quantity(3)
                // tax excluded: 11900 − 1900 = 10000
                .customer("tax").invoice("tax", "tax1", "2024-01-01", "paid").item("tax-t", "m1", 11900, "2024-01-01", "2024-02-01").tax(1900)
                // 2-year plan: 240000 / 24 = 10000
                .customer("y2").invoice("y2", "y21", "2024-01-01", "paid").item("y2-y", "y2", 240000, "2024-01-01", "2026-01-01")
                // 7-day plan: 700 / (7×12/365) = 255500/84 = 3041.67 → 3042
                .customer("d7").invoice("d7", "d71", "2024-03-01", "paid").item("d7-w", "d7", 700, "2024-03-01", "2024-03-08")
                // 30-day plan: 3000 × 365/360 = 3041.67 → 3042
                .customer("d30").invoice("d30", "d301", "2024-03-01", "paid").item("d30-w", "d30", 3000, "2024-03-01", "2024-03-31")
                // 14-day plan: 1000 × 365/168 = 2172.62 → 2173
                .customer("d14").invoice("d14", "d141", "2024-03-01", "paid").item("d14-w", "d14", 1000, "2024-03-01", "2024-03-15")
                // half a cent rounds away from zero: 10001 / 2 = 5000.5 → 5001
                .customer("half").invoice("half", "half1", "2024-01-01", "paid").item("half-h", "m2", 10001, "2024-01-01", "2024-03-01")
                // a negative half: 20000/2 = 10000, then a differential credit −3 over one whole 2-month
                // interval (2024-01-15 → 03-15: end minus 2 months is the start, factor 1): −3/2 = −1.5 → −2
                .customer("neghalf").invoice("neghalf", "nh1", "2024-01-01", "paid").item("neghalf-n", "m2", 20000, "2024-01-01", "2024-03-01")
                .invoice("neghalf", "nh2", "2024-01-15", "paid").item("neghalf-n", "m2", -3, "2024-01-15", "2024-03-15").prorated("differential")
                // prorated without type = full, not live: 1500 for 02-16 → 03-01 (14 days), full interval
                // 02-01 → 03-01 (29 days): 1500 × 29/14 = 3107.14 → 3107
                .customer("prfull").invoice("prfull", "pf1", "2024-02-16", "paid").item("prfull-p", "m1", 1500, "2024-02-16", "2024-03-01").prorated(null)
                // prorated yearly: 60000 for 2023-07-01 → 2024-01-01 (184 days), full 2023-01-01 → 2024-01-01
                // (365 days): 60000 × 365/184 / 12 = 21900000/2208 = 9918.48 → 9918
                .customer("pryear").invoice("pryear", "py1", "2023-07-01", "paid").item("pryear-p", "y1", 60000, "2023-07-01", "2024-01-01").prorated("full")
                // prorated 7-day: 700 for 4 of 7 days: 700 × 7/4 × 365/84 = 1788500/336 = 5322.92 → 5323
                .customer("prday").invoice("prday", "pd1", "2024-01-04", "paid").item("prday-p", "d7", 700, "2024-01-04", "2024-01-08").prorated("full")
                // a $0 first item: never live, a lead
                .customer("zero").invoice("zero", "z1", "2024-02-01", "paid").item("zero-z", "m1", 0, "2024-02-01", "2024-03-01")
                // a trial, then the paid item: new_biz at the paid item's start
                .customer("trial").invoice("trial", "tr1", "2024-01-01", "paid").item("trial-t", "m1", 0, "2024-01-01", "2024-01-15").trial()
                .invoice("trial", "tr2", "2024-01-15", "paid").item("trial-t", "m1", 5000, "2024-01-15", "2024-02-15")
                // one_time only: no MRR
                .customer("onetime").invoice("onetime", "ot1", "2024-01-01", "paid").oneTime(5000)
                // voided: ignored, also as an upgrade of a live subscription
                .customer("voided").invoice("voided", "v1", "2024-01-01", "voided").item("voided-v", "m1", 5000, "2024-01-01", "2024-02-01")
                .customer("voidup").invoice("voidup", "vu1", "2024-01-01", "paid").item("voidup-v", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("voidup", "vu2", "2024-01-15", "voided").item("voidup-v", "m1", 9000, "2024-01-15", "2024-02-15")
                // a negative first item: MRR ≤ 0, never live
                .customer("negfirst").invoice("negfirst", "nf1", "2024-01-01", "paid").item("negfirst-n", "m1", -1000, "2024-01-01", "2024-02-01")
                // quantity 2 → 3 at the same amount: no change
                .customer("qtysame").invoice("qtysame", "qs1", "2024-01-01", "paid").item("qtysame-q", "m1", 6000, "2024-01-01", "2024-02-01").quantity(2)
                .invoice("qtysame", "qs2", "2024-02-01", "paid").item("qtysame-q", "m1", 6000, "2024-02-01", "2024-03-01").quantity(3)
                // differential_mrr adds net as it is: +1234
                .customer("diffmrr").invoice("diffmrr", "dm1", "2024-01-01", "paid").item("diffmrr-d", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("diffmrr", "dm2", "2024-01-10", "paid").item("diffmrr-d", "m1", 1234, "2024-01-10", "2024-02-01").prorated("differential_mrr")
                // ---- "A subscription over time" a subscription over time ----
                // upgrade mid-period, not prorated: sets 8000 → +3000
                .customer("upmid").invoice("upmid", "um1", "2024-01-01", "paid").item("upmid-u", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("upmid", "um2", "2024-01-15", "paid").item("upmid-u", "m1", 8000, "2024-01-15", "2024-02-15")
                // prorated differential pair (16 of 31 days): credit −4790 × 31/16 = −9280.625 → −9281,
                // charge 14468 × 31/16 = 28031.75 → 28032; 9900 − 9281 + 28032 = 28651, +18751
                .customer("diffpair").invoice("diffpair", "dp1", "2024-01-01", "paid").item("diffpair-s", "silver", 9900, "2024-01-01", "2024-02-01")
                .invoice("diffpair", "dp2", "2024-01-16", "paid").item("diffpair-s", "silver", -4790, "2024-01-16", "2024-02-01").prorated("differential")
                .item("diffpair-s", "gold", 14468, "2024-01-16", "2024-02-01").prorated("differential")
                // the spec's open first invoice, then a paid prorated upgrade (both differential, factor 1): 29900
                .customer("specopen").invoice("specopen", "so1", "2024-01-01", "open").item("specopen-s", "silver", 9900, "2024-01-01", "2024-02-01")
                .invoice("specopen", "so2", "2024-01-16", "paid").item("specopen-s", "silver", -9899, "2024-01-16", "2024-02-16").prorated("differential")
                .item("specopen-s", "gold", 29900, "2024-01-16", "2024-02-16").prorated("differential")
                // first invoice never paid, second paid: new_biz at the second's start
                .customer("unpaidfirst").invoice("unpaidfirst", "uf1", "2024-01-01", "open").item("unpaidfirst-u", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("unpaidfirst", "uf2", "2024-02-01", "paid").item("unpaidfirst-u", "m1", 5000, "2024-02-01", "2024-03-01")
                // payments net of refunds: 5000 − 1000 < 5000, not paid
                .customer("netrefund").invoice("netrefund", "nr1", "2024-01-01", "open").item("netrefund-n", "m1", 5000, "2024-01-01", "2024-02-01")
                .payment("nr1", "2024-01-02", 5000).transaction("nr1", "2024-01-03", "refund", "successful", 1000)
                // a failed refund takes nothing back: paid
                .customer("failedrefund").invoice("failedrefund", "fr1", "2024-01-01", "open").item("failedrefund-f", "m1", 5000, "2024-01-01", "2024-02-01")
                .payment("fr1", "2024-01-02", 5000).transaction("fr1", "2024-01-03", "refund", "failed", 5000)
                // later items of a live subscription count when issued; "Customer status" latest invoice unpaid after its due date
                .customer("issuedlater").invoice("issuedlater", "il1", "2024-01-01", "paid").item("issuedlater-i", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("issuedlater", "il2", "2024-02-01", "open").item("issuedlater-i", "m1", 7000, "2024-02-01", "2024-03-01")
                .invoice("issuedlater", "il3", "2024-03-01", "open").due("2024-03-10").item("issuedlater-i", "m1", 7000, "2024-03-01", "2024-04-01")
                .customer("notdue").invoice("notdue", "nd1", "2024-03-01", "paid").item("notdue-i", "m1", 5000, "2024-03-01", "2024-04-01")
                .invoice("notdue", "nd2", "2024-03-15", "open").due("2024-03-25").item("notdue-i", "m1", 5000, "2024-03-15", "2024-04-15")
                // cancellation mid-period; restart later (paid), or not (open)
                .customer("cancelmid").invoice("cancelmid", "cm1", "2024-01-01", "paid").item("cancelmid-c", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("cancelmid", "cancelmid-c", "2024-01-20")
                .customer("restart").invoice("restart", "rs1", "2024-01-01", "paid").item("restart-r", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("restart", "restart-r", "2024-01-20")
                .invoice("restart", "rs2", "2024-03-01", "paid").item("restart-r", "m1", 6000, "2024-03-01", "2024-04-01")
                .customer("restartopen").invoice("restartopen", "ro1", "2024-01-01", "paid").item("restartopen-r", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("restartopen", "restartopen-r", "2024-01-20")
                .invoice("restartopen", "ro2", "2024-03-01", "open").item("restartopen-r", "m1", 6000, "2024-03-01", "2024-04-01")
                // cancel effective at the instant the next period starts, renewed at that instant: ends first,
                // the renewal restarts it (paid) in the same group: net 0, no row
                .customer("cancelrenew").invoice("cancelrenew", "cr1", "2024-01-01", "paid").item("cancelrenew-c", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("cancelrenew", "cancelrenew-c", "2024-02-01")
                .invoice("cancelrenew", "cr2", "2024-02-01", "paid").item("cancelrenew-c", "m1", 5000, "2024-02-01", "2024-03-01")
                // no renewal: live at its last MRR, past due
                .customer("norenewal").invoice("norenewal", "nr01", "2024-01-01", "paid").item("norenewal-n", "m1", 5000, "2024-01-01", "2024-02-01")
                // free plan keep_active: contraction to 0, then a paid price is expansion
                .customer("freekeep").invoice("freekeep", "fk1", "2024-01-01", "paid").item("freekeep-f", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("freekeep", "fk2", "2024-02-01", "paid").item("freekeep-f", "free", 0, "2024-02-01", "2024-03-01")
                .invoice("freekeep", "fk3", "2024-03-01", "paid").item("freekeep-f", "m1", 7000, "2024-03-01", "2024-04-01")
                // free sign-up, then paid: new_biz at the paid start
                .customer("freesignup").invoice("freesignup", "fs1", "2024-01-01", "paid").item("freesignup-f", "free", 0, "2024-01-01", "2024-02-01")
                .invoice("freesignup", "fs2", "2024-02-01", "paid").item("freesignup-f", "m1", 5000, "2024-02-01", "2024-03-01")
                // a yearly period overlapped by a monthly one: 12000/12 = 1000, then 3000 → +2000
                .customer("overlap").invoice("overlap", "ov1", "2024-01-01", "paid").item("overlap-o", "y1", 12000, "2024-01-01", "2025-01-01")
                .invoice("overlap", "ov2", "2024-02-01", "paid").item("overlap-o", "m1", 3000, "2024-02-01", "2024-03-01")
                // ---- "As-of" nothing after the as-of ----
                .customer("invlater").invoice("invlater", "il01", "2024-03-21", "paid").item("invlater-i", "m1", 5000, "2024-03-01", "2024-04-01")
                .customer("itemlater").invoice("itemlater", "it1", "2024-03-15", "paid").item("itemlater-i", "m1", 5000, "2024-03-25", "2024-04-25")
                .customer("paylater").invoice("paylater", "pl1", "2024-03-01", "open").item("paylater-p", "m1", 5000, "2024-03-01", "2024-04-01")
                .payment("pl1", "2024-03-21", 5000)
                .customer("cancelfuture").invoice("cancelfuture", "cf1", "2024-03-01", "paid").item("cancelfuture-c", "m1", 5000, "2024-03-01", "2024-04-01")
                .event("cancelfuture", "cancelfuture-c", EventType.SUBSCRIPTION_CANCELLED, "2024-03-10", "2024-03-25", false)
                .customer("cancelbackdated").invoice("cancelbackdated", "cb1", "2024-03-01", "paid").item("cancelbackdated-c", "m1", 5000, "2024-03-01", "2024-04-01")
                .event("cancelbackdated", "cancelbackdated-c", EventType.SUBSCRIPTION_CANCELLED, "2024-03-22", "2024-03-15", false)
                .customer("retracted").invoice("retracted", "rt1", "2024-03-01", "paid").item("retracted-c", "m1", 5000, "2024-03-01", "2024-04-01")
                .event("retracted", "retracted-c", EventType.SUBSCRIPTION_CANCELLED, "2024-03-05", "2024-03-05", true)
                .customer("atasof").invoice("atasof", "aa1", AS_OF, "paid").item("atasof-a", "m1", 5000, AS_OF, "2024-04-20T12:00:00Z")
                .customer("justafter").invoice("justafter", "ja1", "2024-03-20T12:00:00Z", "paid").item("justafter-a", "m1", 5000, "2024-03-20T12:00:01Z", "2024-04-20T12:00:01Z")
                // ---- "Movements" movements ----
                // grouping across a month boundary (23:30 and 00:10, 40 minutes apart): one group, two new_biz
                .customer("monthedge").invoice("monthedge", "me1", "2024-01-31T23:30:00Z", "paid").item("monthedge-s", "silver", 6000, "2024-01-31T23:30:00Z", "2024-02-29T23:30:00Z")
                .invoice("monthedge", "me2", "2024-02-01T00:10:00Z", "paid").item("monthedge-g", "gold", 15000, "2024-02-01T00:10:00Z", "2024-03-01T00:10:00Z")
                // the window runs from the group's first change: 10:00, 10:50 in; 11:20 out
                .customer("window").invoice("window", "w1", "2024-02-05T10:00:00Z", "paid").item("window-a", "m1", 1000, "2024-02-05T10:00:00Z", "2024-03-05T10:00:00Z")
                .invoice("window", "w2", "2024-02-05T10:50:00Z", "paid").item("window-b", "m1", 2000, "2024-02-05T10:50:00Z", "2024-03-05T10:50:00Z")
                .invoice("window", "w3", "2024-02-05T11:20:00Z", "paid").item("window-c", "m1", 4000, "2024-02-05T11:20:00Z", "2024-03-05T11:20:00Z")
                // exactly 60 minutes: within
                .customer("exact60").invoice("exact60", "e1", "2024-02-05T10:00:00Z", "paid").item("exact60-a", "m1", 1000, "2024-02-05T10:00:00Z", "2024-03-05T10:00:00Z")
                .invoice("exact60", "e2", "2024-02-05T11:00:00Z", "paid").item("exact60-b", "m1", 2000, "2024-02-05T11:00:00Z", "2024-03-05T11:00:00Z")
                // one subscription twice in a group: one row, net +8000, at its first change
                .customer("subtwice").invoice("subtwice", "st1", "2024-02-05T10:00:00Z", "paid").item("subtwice-a", "silver", 5000, "2024-02-05T10:00:00Z", "2024-03-05T10:00:00Z")
                .invoice("subtwice", "st2", "2024-02-05T10:30:00Z", "paid").item("subtwice-a", "gold", 8000, "2024-02-05T10:30:00Z", "2024-03-05T10:30:00Z")
                // up and back down in one group: net 0, no row
                .customer("netzero").invoice("netzero", "nz1", "2024-01-01", "paid").item("netzero-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .item("netzero-b", "m1", 3000, "2024-01-01", "2024-02-01")
                .invoice("netzero", "nz2", "2024-02-10T10:00:00Z", "paid").item("netzero-a", "m1", 6000, "2024-02-10T10:00:00Z", "2024-03-10T10:00:00Z")
                .invoice("netzero", "nz3", "2024-02-10T10:20:00Z", "paid").item("netzero-a", "m1", 5000, "2024-02-10T10:20:00Z", "2024-03-10T10:20:00Z")
                // cancellation and a new subscription at one instant, grouped: before 5000, after 8000 → type 4
                .customer("switch").invoice("switch", "sw1", "2024-01-01", "paid").item("switch-a", "silver", 5000, "2024-01-01", "2024-02-01")
                .cancel("switch", "switch-a", "2024-02-01")
                .invoice("switch", "sw2", "2024-02-01", "paid").item("switch-b", "gold", 8000, "2024-02-01", "2024-03-01")
                // linked subscriptions (same set) in one group: one row for the new one
                .customer("linked").invoice("linked", "ln1", "2024-01-01", "paid").item("linked-a", "silver", 6000, "2024-01-01", "2024-02-01").set("S1")
                .cancel("linked", "linked-a", "2024-02-01")
                .invoice("linked", "ln2", "2024-02-01T00:10:00Z", "paid").item("linked-b", "gold", 15000, "2024-02-01T00:10:00Z", "2024-03-01T00:10:00Z").set("S1")
                // linked across a month boundary (23:50 and 00:10): the same one row by the spec
                .customer("linkededge").invoice("linkededge", "le1", "2024-01-01", "paid").item("linkededge-a", "silver", 6000, "2024-01-01", "2024-02-01").set("S2")
                .cancel("linkededge", "linkededge-a", "2024-01-31T23:50:00Z")
                .invoice("linkededge", "le2", "2024-02-01T00:10:00Z", "paid").item("linkededge-b", "gold", 15000, "2024-02-01T00:10:00Z", "2024-03-01T00:10:00Z").set("S2")
                // all subscriptions cancelled at one instant: churn rows, ranks 1 and 2, quantity before
                .customer("allcancel").invoice("allcancel", "ac1", "2024-01-01", "paid").item("allcancel-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .item("allcancel-b", "m1", 3000, "2024-01-01", "2024-02-01").quantity(4)
                .cancel("allcancel", "allcancel-a", "2024-02-10").cancel("allcancel", "allcancel-b", "2024-02-10")
                // MRR 0 with a free subscription live: contraction, not churn; later paid: expansion
                .customer("freelive").invoice("freelive", "fl1", "2024-01-01", "paid").item("freelive-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .item("freelive-b", "m1", 2000, "2024-01-01", "2024-02-01")
                .invoice("freelive", "fl2", "2024-02-01", "paid").item("freelive-b", "free", 0, "2024-02-01", "2024-03-01")
                .cancel("freelive", "freelive-a", "2024-02-10")
                .invoice("freelive", "fl3", "2024-03-01", "paid").item("freelive-b", "m1", 3000, "2024-03-01", "2024-04-01")
                // a new customer's group where one subscription starts and ends: only the other gives a row
                .customer("newmixed").invoice("newmixed", "nm1", "2024-02-05T10:00:00Z", "paid").item("newmixed-a", "m1", 5000, "2024-02-05T10:00:00Z", "2024-03-05T10:00:00Z")
                .invoice("newmixed", "nm2", "2024-02-05T10:20:00Z", "paid").item("newmixed-b", "m1", 3000, "2024-02-05T10:20:00Z", "2024-03-05T10:20:00Z")
                .cancel("newmixed", "newmixed-a", "2024-02-05T10:40:00Z")
                // reactivation group of two subscriptions
                .customer("react2").invoice("react2", "r21", "2024-01-01", "paid").item("react2-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("react2", "react2-a", "2024-01-20")
                .invoice("react2", "r22", "2024-03-01T10:00:00Z", "paid").item("react2-x", "m1", 4000, "2024-03-01T10:00:00Z", "2024-04-01T10:00:00Z")
                .invoice("react2", "r23", "2024-03-01T10:30:00Z", "paid").item("react2-y", "m1", 2000, "2024-03-01T10:30:00Z", "2024-04-01T10:30:00Z")
                // seats 4 → 6: +2000, "increased quantity from 4 to 6"
                .customer("seats").invoice("seats", "se1", "2024-01-01", "paid").item("seats-s", "m1", 4000, "2024-01-01", "2024-02-01").quantity(4)
                .invoice("seats", "se2", "2024-02-01", "paid").item("seats-s", "m1", 6000, "2024-02-01", "2024-03-01").quantity(6)
                // ---- more of MRR of one item, A subscription over time, Calculated customers ----
                // two items that set the MRR at one start add up: 3000 + 2000 = 5000, quantity 1 + 1
                .customer("twofull").invoice("twofull", "tf1", "2024-01-01", "paid").item("twofull-a", "m1", 3000, "2024-01-01", "2024-02-01")
                .item("twofull-a", "m1", 2000, "2024-01-01", "2024-02-01")
                // an open invoice whose total is 0 (a one-time credit): payments of 0 cover it, paid
                .customer("zerototal").invoice("zerototal", "zt1", "2024-01-01", "open").item("zerototal-a", "m1", 10000, "2024-01-01", "2024-02-01")
                .oneTime(-10000)
                // a trial item on a live subscription changes nothing
                .customer("triallive").invoice("triallive", "tl1", "2024-01-01", "paid").item("triallive-a", "m1", 5000, "2024-01-01", "2024-04-01")
                .invoice("triallive", "tl2", "2024-01-15", "paid").item("triallive-a", "m1", 0, "2024-01-15", "2024-02-15").trial()
                // an adding item (+3000, whole interval) on a subscription that is not live is its first item: paid rule
                .customer("difffirstopen").invoice("difffirstopen", "dfo1", "2024-01-15", "open")
                .item("difffirstopen-a", "m1", 3000, "2024-01-15", "2024-02-15").prorated("differential")
                .customer("difffirstpaid").invoice("difffirstpaid", "dfp1", "2024-01-15", "paid")
                .item("difffirstpaid-a", "m1", 3000, "2024-01-15", "2024-02-15").prorated("differential")
                // "Customer status": one live subscription past due, another active: Past Due
                .customer("pastdue2").invoice("pastdue2", "pd21", "2024-01-01", "paid").item("pastdue2-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("pastdue2", "pd22", "2024-03-01", "paid").item("pastdue2-b", "m1", 2000, "2024-03-01", "2024-04-01")
                // "Calculated customers": mb merged into ma: one calculated customer (ma's), mb's subscription is ma's
                .customer("ma").customer("mb").merge("mb", "ma")
                .invoice("ma", "ma1", "2024-01-01", "paid").item("ma-a", "m1", 5000, "2024-01-01", "2024-04-01")
                .invoice("mb", "mb1", "2024-02-01", "paid").item("mb-b", "m1", 3000, "2024-02-01", "2024-05-01")
                .cancel("ma", "ma-a", "2024-02-10")
                // a prorated full upgrade on a live subscription sets the MRR: 4516 × 31/16 = 8749.75 → 8750, +3750
                .customer("fullup").invoice("fullup", "fu1", "2024-01-01", "paid").item("fullup-a", "silver", 5000, "2024-01-01", "2024-02-01")
                .invoice("fullup", "fu2", "2024-01-16", "paid").item("fullup-a", "gold", 4516, "2024-01-16", "2024-02-01").prorated("full")
                // two invoices' items for one subscription at one start are one change: 5000 + 2000 = 7000, +2000
                .customer("twoinv").invoice("twoinv", "ti1", "2024-01-01", "paid").item("twoinv-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("twoinv", "ti2", "2024-02-01", "paid").item("twoinv-a", "m1", 5000, "2024-02-01", "2024-03-01")
                .invoice("twoinv", "ti3", "2024-02-01T00:00:00Z", "paid").item("twoinv-a", "m1", 2000, "2024-02-01", "2024-03-01")
                // a first batch from a paid and an open invoice: only the paid item counts
                .customer("halfpaid").invoice("halfpaid", "hp1", "2024-01-01", "paid").item("halfpaid-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("halfpaid", "hp2", "2024-01-01", "open").item("halfpaid-a", "m1", 2000, "2024-01-01", "2024-02-01")
                // keep_active: paid → $0 (contraction), the free subscription cancelled (no row, MRR stays 0, not a
                // type-3 group since before = 0, so not churned); a new paid subscription is expansion
                .customer("freecancel").invoice("freecancel", "fca1", "2024-01-01", "paid").item("freecancel-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("freecancel", "fca2", "2024-02-01", "paid").item("freecancel-a", "free", 0, "2024-02-01", "2024-03-01")
                .cancel("freecancel", "freecancel-a", "2024-02-15")
                .invoice("freecancel", "fca3", "2024-03-01", "paid").item("freecancel-b", "m1", 4000, "2024-03-01", "2024-04-01")
                // ---- "Customer status" ----
                .customer("lead").leadStatus("lead", "Working Lead")
                .customer("cancelledlead").leadStatus("cancelledlead", "Working Lead")
                .invoice("cancelledlead", "cl1", "2024-01-01", "paid").item("cancelledlead-c", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("cancelledlead", "cancelledlead-c", "2024-01-10")
                // NET_PAYMENTS: 5000 − 1000, failed and after-as-of transactions left out
                .customer("netpay").invoice("netpay", "np1", "2024-01-01", "open").item("netpay-n", "m1", 5000, "2024-01-01", "2024-02-01")
                .payment("np1", "2024-01-01", 5000).transaction("np1", "2024-02-01", "refund", "successful", 1000)
                .transaction("np1", "2024-02-02", "payment", "failed", 3000).payment("np1", "2024-03-21", 2000);
        dRun = calculate(d, MrrSettings.defaults(), AS_OF);

        g0 = plans()
                .customer("switch").invoice("switch", "sw1", "2024-01-01", "paid").item("switch-a", "silver", 5000, "2024-01-01", "2024-02-01")
                .cancel("switch", "switch-a", "2024-02-01")
                .invoice("switch", "sw2", "2024-02-01", "paid").item("switch-b", "gold", 8000, "2024-02-01", "2024-03-01")
                // two subscriptions at one instant, grouping off: new_biz then expansion, ranks 1 and 2
                .customer("twoatonce").invoice("twoatonce", "ta1", "2024-01-01", "paid").item("twoatonce-a", "m1", 5000, "2024-01-01", "2024-02-01")
                .item("twoatonce-b", "m1", 3000, "2024-01-01", "2024-02-01")
                // linked subscriptions with grouping off: no linking (each change its own group): churn, reactivation
                .customer("linked").invoice("linked", "ln1", "2024-01-01", "paid").item("linked-a", "silver", 6000, "2024-01-01", "2024-02-01").set("S1")
                .cancel("linked", "linked-a", "2024-02-01")
                .invoice("linked", "ln2", "2024-02-01", "paid").item("linked-b", "gold", 15000, "2024-02-01", "2024-03-01").set("S1");
        g0Run = calculate(g0, Settings.of(s -> s.activityGroupingMinutes = 0), AS_OF);

        o = plans()
                // issued: the open first invoice counts; the paid upgrade adds −9899 + 29900
                .customer("specopen").invoice("specopen", "so1", "2024-01-01", "open").item("specopen-s", "silver", 9900, "2024-01-01", "2024-02-16")
                .invoice("specopen", "so2", "2024-01-16", "paid").item("specopen-s", "silver", -9899, "2024-01-16", "2024-02-16").prorated("differential")
                .item("specopen-s", "gold", 29900, "2024-01-16", "2024-02-16").prorated("differential")
                .cancel("specopen", "specopen-s", "2024-02-16")
                // free_plan churn: 5000 → $0 is churn; a later paid price is reactivation
                .customer("freechurn").invoice("freechurn", "fc1", "2024-01-01", "paid").item("freechurn-f", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("freechurn", "fc2", "2024-02-01", "paid").item("freechurn-f", "free", 0, "2024-02-01", "2024-03-01")
                .invoice("freechurn", "fc3", "2024-03-01", "paid").item("freechurn-f", "m1", 7000, "2024-03-01", "2024-04-01")
                // credit and charge at one instant are one change, never a free-plan churn and restart
                .customer("creditcharge").invoice("creditcharge", "cc1", "2024-01-01", "paid").item("creditcharge-c", "m1", 5000, "2024-01-01", "2024-02-01")
                .invoice("creditcharge", "cc2", "2024-01-15", "paid").item("creditcharge-c", "m1", -5000, "2024-01-15", "2024-02-15").prorated("differential")
                .item("creditcharge-c", "gold", 8000, "2024-01-15", "2024-02-15").prorated("differential")
                .cancel("creditcharge", "creditcharge-c", "2024-02-15")
                // end_of_service_period: cancelled 01-20, the paid period ends 02-01
                .customer("eosp").invoice("eosp", "eo1", "2024-01-01", "paid").item("eosp-e", "m1", 5000, "2024-01-01", "2024-02-01")
                .cancel("eosp", "eosp-e", "2024-01-20")
                // end_of_service_period with the end after the as-of: still live
                .customer("eospyear").invoice("eospyear", "ey1", "2024-01-01", "paid").item("eospyear-e", "y1", 120000, "2024-01-01", "2025-01-01")
                .cancel("eospyear", "eospyear-e", "2024-02-01")
                // auto churn 30 days: ended 02-01, +30 days = 03-02 ≤ as-of: churn dated 02-01
                .customer("lapsed").invoice("lapsed", "la1", "2024-01-01", "paid").item("lapsed-l", "m1", 5000, "2024-01-01", "2024-02-01")
                // ended 03-01, +30 days = 03-31 > as-of: live, past due
                .customer("lapsing").invoice("lapsing", "lg1", "2024-02-01", "paid").item("lapsing-l", "m1", 5000, "2024-02-01", "2024-03-01")
                // ended 01-01 + 30 = 01-31 < the next item 02-10: churn 01-01, reactivation 02-10
                .customer("lapsedback").invoice("lapsedback", "lb1", "2023-12-01", "paid").item("lapsedback-l", "m1", 5000, "2023-12-01", "2024-01-01")
                .invoice("lapsedback", "lb2", "2024-02-10", "paid").item("lapsedback-l", "m1", 5000, "2024-02-10", "2024-03-10")
                .cancel("lapsedback", "lapsedback-l", "2024-03-10")
                // written_off excluded (paid by a payment, but its status is excluded)
                .customer("writtenoff").invoice("writtenoff", "wo1", "2024-03-01", "written_off").item("writtenoff-w", "m1", 8000, "2024-03-01", "2024-04-01")
                .payment("wo1", "2024-03-01", 8000);
        oRun = calculate(o, Settings.of(s -> {
            s.newSubscriberInvoice = MrrSettings.NewSubscriberInvoice.ISSUED;
            s.freePlan = MrrSettings.FreePlan.CHURN;
            s.churnRecognition = MrrSettings.ChurnRecognition.END_OF_SERVICE_PERIOD;
            s.autoChurnDays = 30;
            s.excludeInvoiceStatuses = Set.of("voided", "written_off");
        }), AS_OF);

        ny = plans()
                // 2024-02-01T00:30Z and 01:10Z are both 2024-01-31 in New York: one group across the UTC month
                .customer("utcedge").invoice("utcedge", "ue1", "2024-02-01T00:30:00Z", "paid").item("utcedge-s", "silver", 6000, "2024-02-01T00:30:00Z", "2024-03-01T00:30:00Z")
                .invoice("utcedge", "ue2", "2024-02-01T01:10:00Z", "paid").item("utcedge-g", "gold", 15000, "2024-02-01T01:10:00Z", "2024-03-01T01:10:00Z")
                // 2024-03-01T04:30Z is 02-29 23:30 EST, 05:10Z is 03-01 00:10 EST: 40 minutes, one group by the spec
                .customer("nyedge").invoice("nyedge", "ne1", "2024-03-01T04:30:00Z", "paid").item("nyedge-s", "silver", 6000, "2024-03-01T04:30:00Z", "2024-04-01T04:30:00Z")
                .invoice("nyedge", "ne2", "2024-03-01T05:10:00Z", "paid").item("nyedge-g", "gold", 15000, "2024-03-01T05:10:00Z", "2024-04-01T05:10:00Z");
        nyRun = calculate(ny, Settings.of(s -> s.timeZone = ZoneId.of("America/New_York")), AS_OF);
    }

    // ---- helpers ------------------------------------------------------------------------------


    /** "type DATE rank plan previous quantity | description" per row. */
    private static List<String> details(CalculatedResult r, SourceFixture f, String c) {
        return r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).where(col("CUSTOMER_UUID").equalTo(f.customerUuid(c)))
                .orderBy("DATE", "RANK").collectAsList().stream()
                .map(row -> row.getAs("MOVEMENT_TYPE") + " " + ((java.sql.Timestamp) row.getAs("DATE")).toInstant() + " "
                        + row.getAs("RANK") + " " + row.getAs("PLAN_EXTERNAL_ID") + " " + row.getAs("PREVIOUS_PLAN_EXTERNAL_ID")
                        + " " + row.getAs("ACTIVE_SUBSCRIPTION_QUANTITY") + " | " + row.getAs("DESCRIPTION"))
                .toList();
    }

    private static String status(CalculatedResult r, SourceFixture f, String c) {
        return customer(r, f.customerUuid(c)).getAs("STATUS");
    }


    private static List<String> months(CalculatedResult r, SourceFixture f, String c) {
        return r.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).where(col("CUSTOMER_UUID").equalTo(f.customerUuid(c)))
                .orderBy("DATE", "RANK").select("DATE_MONTH").collectAsList().stream().map(x -> x.getString(0)).toList();
    }

    // ---- "MRR of one item" ---------------------------------------------------------------------------------------

    @Test
    void s2QuantityAndTax() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9000 9000"), movements(dRun, d, "qty"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1 m1 null 3 | purchased the m1 plan"), details(dRun, d, "qty"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), movements(dRun, d, "tax"));
    }

    @Test
    void s2IntervalUnitsAndCounts() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), movements(dRun, d, "y2"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 3042 3042"), movements(dRun, d, "d7"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 3042 3042"), movements(dRun, d, "d30"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 2173 2173"), movements(dRun, d, "d14"));
    }

    @Test
    void s2RoundingHalfAwayFromZero() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5001 5001"), movements(dRun, d, "half"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000", "contraction 2024-01-15T00:00:00Z -2 9998"),
                movements(dRun, d, "neghalf"));
    }

    @Test
    void s2Prorations() {
        assertEquals(List.of("new_biz 2024-02-16T00:00:00Z 3107 3107"), movements(dRun, d, "prfull"));
        assertEquals(List.of("new_biz 2023-07-01T00:00:00Z 9918 9918"), movements(dRun, d, "pryear"));
        assertEquals(List.of("new_biz 2024-01-04T00:00:00Z 5323 5323"), movements(dRun, d, "prday"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-01-10T00:00:00Z 1234 6234"),
                movements(dRun, d, "diffmrr"));
    }

    @Test
    void s2ItemsThatMakeNoMrr() {
        assertEquals(List.of(), movements(dRun, d, "zero"));
        assertEquals("New Lead", status(dRun, d, "zero"));
        assertEquals(List.of("new_biz 2024-01-15T00:00:00Z 5000 5000"), movements(dRun, d, "trial"));
        // trial items make intervals with MRR 0 marked as trial
        assertEquals(List.of("2024-01-01T00:00:00Z 2024-01-15T00:00:00Z 0 true", "2024-01-15T00:00:00Z null 5000 false"),
                dRun.get(OutputDataset.CALCULATED_MRR_INTERVALS).where(col("CUSTOMER_UUID").equalTo(d.customerUuid("trial")))
                        .orderBy("START_DATE").collectAsList().stream()
                        .map(x -> ((java.sql.Timestamp) x.getAs("START_DATE")).toInstant() + " "
                                + (x.getAs("END_DATE") == null ? "null" : ((java.sql.Timestamp) x.getAs("END_DATE")).toInstant().toString())
                                + " " + x.getAs("MRR") + " " + x.getAs("IS_TRIAL")).toList());
        assertEquals(List.of(), movements(dRun, d, "onetime"));
        assertEquals("New Lead", status(dRun, d, "onetime"));
        assertEquals(List.of(), movements(dRun, d, "voided"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "voidup"));
        assertEquals(List.of(), movements(dRun, d, "negfirst"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 6000 6000"), movements(dRun, d, "qtysame"));
        Row sub = dRun.get(OutputDataset.CALCULATED_SUBSCRIPTIONS).where(col("CUSTOMER_UUID").equalTo(d.customerUuid("qtysame"))).first();
        assertEquals(3L, ((Number) sub.getAs("QUANTITY")).longValue());
    }

    // ---- "A subscription over time" ---------------------------------------------------------------------------------------

    @Test
    void s3ChangesOfALiveSubscription() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-01-15T00:00:00Z 3000 8000"), movements(dRun, d, "upmid"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9900 9900", "expansion 2024-01-16T00:00:00Z 18751 28651"), movements(dRun, d, "diffpair"));
        assertEquals("expansion 2024-01-16T00:00:00Z 1 gold silver 1 | upgraded from silver to gold", details(dRun, d, "diffpair").get(1));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1000 1000", "expansion 2024-02-01T00:00:00Z 2000 3000"), movements(dRun, d, "overlap"));
        assertEquals("Past Due", status(dRun, d, "overlap"));
    }

    @Test
    void s3PaidBeforeCounted() {
        assertEquals(List.of("new_biz 2024-01-16T00:00:00Z 29900 29900"), movements(dRun, d, "specopen"));
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 5000 5000"), movements(dRun, d, "unpaidfirst"));
        assertEquals("2024-02-01T00:00:00Z", ((java.sql.Timestamp) customer(dRun, d.customerUuid("unpaidfirst"))
                .getAs("SUBSCRIBER_SINCE")).toInstant().toString());
        assertEquals(List.of(), movements(dRun, d, "netrefund"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "failedrefund"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-02-01T00:00:00Z 2000 7000"), movements(dRun, d, "issuedlater"));
    }

    @Test
    void s3Cancellations() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-01-20T00:00:00Z -5000 0"), movements(dRun, d, "cancelmid"));
        assertEquals("Cancelled", status(dRun, d, "cancelmid"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-01-20T00:00:00Z -5000 0",
                "reactivation 2024-03-01T00:00:00Z 6000 6000"), movements(dRun, d, "restart"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-01-20T00:00:00Z -5000 0"), movements(dRun, d, "restartopen"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "cancelrenew"));
        assertEquals(5000L, mrr(dRun, d, "cancelrenew"));
    }

    @Test
    void s3NoRenewalAndFreePlan() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "norenewal"));
        assertEquals("Past Due", status(dRun, d, "norenewal"));
        assertEquals(5000L, mrr(dRun, d, "norenewal"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "contraction 2024-02-01T00:00:00Z -5000 0",
                "expansion 2024-03-01T00:00:00Z 7000 7000"), movements(dRun, d, "freekeep"));
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 5000 5000"), movements(dRun, d, "freesignup"));
    }

    // ---- "As-of" ---------------------------------------------------------------------------------------

    @Test
    void s1NothingAfterTheAsOf() {
        assertEquals(List.of(), movements(dRun, d, "invlater"));
        assertEquals(List.of(), movements(dRun, d, "itemlater"));
        assertEquals(List.of(), movements(dRun, d, "paylater"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000"), movements(dRun, d, "cancelfuture"));
        assertEquals("Active", status(dRun, d, "cancelfuture"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000"), movements(dRun, d, "cancelbackdated"));
        assertEquals(List.of("new_biz 2024-03-01T00:00:00Z 5000 5000"), movements(dRun, d, "retracted"));
        assertEquals(List.of("new_biz 2024-03-20T12:00:00Z 5000 5000"), movements(dRun, d, "atasof"));
        assertEquals(List.of(), movements(dRun, d, "justafter"));
    }

    // ---- "Movements" ---------------------------------------------------------------------------------------

    @Test
    void s6GroupingAcrossAMonthBoundary() {
        // "a group starts at a change and takes every later change of the same customer within that many
        // minutes of the group's first change": 23:30 and 00:10 are 40 minutes apart, one group, the
        // customer never had MRR, so both rows are new_biz (as worked example 7).
        assertEquals(List.of("new_biz 2024-01-31T23:30:00Z 6000 6000", "new_biz 2024-02-01T00:10:00Z 15000 21000"),
                movements(dRun, d, "monthedge"));
    }

    @Test
    void s6CrossMonthGroupInTheMonthlyRollForward() {
        // monthedge alone would give Jan NEW_BIZ +6000 and Feb NEW_BIZ +15000 (rows in their own months);
        // the identity MRR_END = MRR_START + movements + FX holds for every month (checked by MrrInvariants
        // in calculate()); the customer counts at January's end (MRR 6000 after its January row).
        List<String> m = dRun.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .where(col("CUSTOMER_UUID").equalTo(d.customerUuid("monthedge")))
                .orderBy("DATE", "RANK").select("DATE_MONTH").collectAsList().stream().map(x -> x.getString(0)).toList();
        assertEquals(List.of("2024-01", "2024-02"), m);
    }

    @Test
    void s6LinkedAcrossAMonthBoundary() {
        // A ends at 23:50, B (same set) starts at 00:10 of the next month: one group, linked, one row for B.
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 6000 6000", "expansion 2024-02-01T00:10:00Z 9000 15000"),
                movements(dRun, d, "linkededge"));
    }

    @Test
    void s6GroupWindow() {
        assertEquals(List.of("new_biz 2024-02-05T10:00:00Z 1000 1000", "new_biz 2024-02-05T10:50:00Z 2000 3000",
                "expansion 2024-02-05T11:20:00Z 4000 7000"), movements(dRun, d, "window"));
        assertEquals(List.of("new_biz 2024-02-05T10:00:00Z 1000 1000", "new_biz 2024-02-05T11:00:00Z 2000 3000"), movements(dRun, d, "exact60"));
        assertEquals(List.of("new_biz 2024-02-05T10:00:00Z 1 gold null 1 | purchased the gold plan"), details(dRun, d, "subtwice"));
        assertEquals(List.of("new_biz 2024-02-05T10:00:00Z 8000 8000"), movements(dRun, d, "subtwice"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "new_biz 2024-01-01T00:00:00Z 3000 8000"), movements(dRun, d, "netzero"));
        assertEquals(List.of("new_biz 2024-02-05T10:20:00Z 3000 3000"), movements(dRun, d, "newmixed"));
    }

    @Test
    void s6TypesAndFields() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "contraction 2024-02-01T00:00:00Z -5000 0",
                "expansion 2024-02-01T00:00:00Z 8000 8000"), movements(dRun, d, "switch"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1 silver null 1 | purchased the silver plan",
                "contraction 2024-02-01T00:00:00Z 1 silver silver 0 | cancelled the silver plan",
                "expansion 2024-02-01T00:00:00Z 2 gold null 1 | purchased the gold plan"), details(dRun, d, "switch"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 6000 6000", "expansion 2024-02-01T00:10:00Z 9000 15000"), movements(dRun, d, "linked"));
        assertEquals("expansion 2024-02-01T00:10:00Z 1 gold silver 1 | upgraded from silver to gold", details(dRun, d, "linked").get(1));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "new_biz 2024-01-01T00:00:00Z 3000 8000",
                "churn 2024-02-10T00:00:00Z -5000 3000", "churn 2024-02-10T00:00:00Z -3000 0"), movements(dRun, d, "allcancel"));
        assertEquals(List.of("churn 2024-02-10T00:00:00Z 1 m1 m1 1 | cancelled the m1 plan",
                "churn 2024-02-10T00:00:00Z 2 m1 m1 4 | cancelled the m1 plan"), details(dRun, d, "allcancel").subList(2, 4));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "new_biz 2024-01-01T00:00:00Z 2000 7000",
                "contraction 2024-02-01T00:00:00Z -2000 5000", "contraction 2024-02-10T00:00:00Z -5000 0",
                "expansion 2024-03-01T00:00:00Z 3000 3000"), movements(dRun, d, "freelive"));
        assertEquals("Active", status(dRun, d, "freelive"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-01-20T00:00:00Z -5000 0",
                "reactivation 2024-03-01T10:00:00Z 4000 4000", "reactivation 2024-03-01T10:30:00Z 2000 6000"), movements(dRun, d, "react2"));
        assertEquals("expansion 2024-02-01T00:00:00Z 1 m1 m1 6 | increased quantity from 4 to 6", details(dRun, d, "seats").get(1));
    }

    @Test
    void s6GroupingOff() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0",
                "reactivation 2024-02-01T00:00:00Z 8000 8000"), movements(g0Run, g0, "switch"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1 silver null 1 | purchased the silver plan",
                "churn 2024-02-01T00:00:00Z 1 silver silver 1 | cancelled the silver plan",
                "reactivation 2024-02-01T00:00:00Z 2 gold null 1 | reactivated an old account with gold plan"), details(g0Run, g0, "switch"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-01-01T00:00:00Z 3000 8000"), movements(g0Run, g0, "twoatonce"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 6000 6000", "churn 2024-02-01T00:00:00Z -6000 0",
                "reactivation 2024-02-01T00:00:00Z 15000 15000"), movements(g0Run, g0, "linked"));
    }

    // ---- settings -----------------------------------------------------------------------------------

    @Test
    void otherSettingValues() {
        // issued: 9900 from 01-01; 01-16 −9899 + 29900 = +20001 → 29901; then cancelled at the period end
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 9900 9900", "expansion 2024-01-16T00:00:00Z 20001 29901",
                "churn 2024-02-16T00:00:00Z -29901 0"), movements(oRun, o, "specopen"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0",
                "reactivation 2024-03-01T00:00:00Z 7000 7000"), movements(oRun, o, "freechurn"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-01-15T00:00:00Z 3000 8000",
                "churn 2024-02-15T00:00:00Z -8000 0"), movements(oRun, o, "creditcharge"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0"), movements(oRun, o, "eosp"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), movements(oRun, o, "eospyear"));
        assertEquals("Active", status(oRun, o, "eospyear"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "churn 2024-02-01T00:00:00Z -5000 0"), movements(oRun, o, "lapsed"));
        assertEquals("Cancelled", status(oRun, o, "lapsed"));
        assertEquals(List.of("new_biz 2024-02-01T00:00:00Z 5000 5000"), movements(oRun, o, "lapsing"));
        assertEquals("Past Due", status(oRun, o, "lapsing"));
        assertEquals(List.of("new_biz 2023-12-01T00:00:00Z 5000 5000", "churn 2024-01-01T00:00:00Z -5000 0",
                "reactivation 2024-02-10T00:00:00Z 5000 5000", "churn 2024-03-10T00:00:00Z -5000 0"), movements(oRun, o, "lapsedback"));
        assertEquals(List.of(), movements(oRun, o, "writtenoff"));
    }

    @Test
    void timeZoneMonths() {
        // Both changes on 2024-01-31 in New York: one group, two new_biz, month 2024-01.
        assertEquals(List.of("new_biz 2024-02-01T00:30:00Z 6000 6000", "new_biz 2024-02-01T01:10:00Z 15000 21000"), movements(nyRun, ny, "utcedge"));
        assertEquals(List.of("2024-01", "2024-01"), months(nyRun, ny, "utcedge"));
        Row jan = nyRun.get(OutputDataset.CALCULATED_MRR_MONTHLY).where("MONTH = '2024-01'").first();
        assertEquals(21000L, (long) jan.getAs("NEW_BIZ"));
        assertEquals(21000L, (long) jan.getAs("MRR_END"));
    }

    @Test
    void timeZoneMonthBoundaryGrouping() {
        // 23:30 EST on 02-29 and 00:10 EST on 03-01: 40 minutes apart, one group by the spec.
        assertEquals(List.of("new_biz 2024-03-01T04:30:00Z 6000 6000", "new_biz 2024-03-01T05:10:00Z 15000 21000"), movements(nyRun, ny, "nyedge"));
        assertEquals(List.of("2024-02", "2024-03"), months(nyRun, ny, "nyedge"));
    }

    @Test
    void moreItemAndTimelineRules() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 1 m1 null 2 | purchased the m1 plan"), details(dRun, d, "twofull"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "twofull"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 10000 10000"), movements(dRun, d, "zerototal"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "triallive"));
        assertEquals(List.of(), movements(dRun, d, "difffirstopen"));
        assertEquals(List.of("new_biz 2024-01-15T00:00:00Z 3000 3000"), movements(dRun, d, "difffirstpaid"));
        assertEquals("Past Due", status(dRun, d, "pastdue2"));
    }

    @Test
    void evenMoreTimelineRules() {
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-01-16T00:00:00Z 3750 8750"), movements(dRun, d, "fullup"));
        assertEquals("expansion 2024-01-16T00:00:00Z 1 gold silver 1 | upgraded from silver to gold", details(dRun, d, "fullup").get(1));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-02-01T00:00:00Z 2000 7000"), movements(dRun, d, "twoinv"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000"), movements(dRun, d, "halfpaid"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "contraction 2024-02-01T00:00:00Z -5000 0",
                "expansion 2024-03-01T00:00:00Z 4000 4000"), movements(dRun, d, "freecancel"));
    }

    @Test
    void s5MergedCustomers() {
        assertEquals(d.customerUuid("ma"), d.customerUuid("mb"));
        assertEquals(List.of("new_biz 2024-01-01T00:00:00Z 5000 5000", "expansion 2024-02-01T00:00:00Z 3000 8000",
                "contraction 2024-02-10T00:00:00Z -5000 3000"), movements(dRun, d, "ma"));
        Row c = customer(dRun, d.customerUuid("ma"));
        assertEquals("Customer ma", c.getAs("NAME"));
        assertEquals("Active", c.getAs("STATUS"));
        assertEquals(3000L, (long) c.getAs("MRR"));
        assertEquals(1L, dRun.get(OutputDataset.CALCULATED_CUSTOMERS).where(col("UUID").equalTo(d.customerUuid("ma"))).count());
    }

    // ---- "Customer status" ---------------------------------------------------------------------------------------

    @Test
    void s7Status() {
        assertEquals("Past Due", status(dRun, d, "issuedlater"));
        assertEquals("Active", status(dRun, d, "notdue"));
        assertEquals("Working Lead", status(dRun, d, "lead"));
        assertEquals("Cancelled", status(dRun, d, "cancelledlead"));
        assertEquals("New Lead", status(dRun, d, "netrefund"));
        assertEquals(4000L, (long) customer(dRun, d.customerUuid("netpay")).getAs("NET_PAYMENTS"));
        assertEquals("2024-01-15T00:00:00Z", ((java.sql.Timestamp) customer(dRun, d.customerUuid("trial"))
                .getAs("SUBSCRIBER_SINCE")).toInstant().toString());
    }
}
