package io.mrrlake.report;

import static io.mrrlake.report.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Row;

/**
 * The run report, {@code _runs/<as-of>/report.html}: one self-contained HTML page (inline SVG and
 * CSS, no script, nothing fetched) with MRR per month, movements by type per month, rejects by
 * reason, rows per dataset and the duration of each stage.
 *
 * <p>Input is the run's {@link RunSummary} and the collected rows of {@code calculated/mrr_monthly},
 * which has one row per month and currency, so it is small enough to collect to the driver.
 */
public final class HtmlReport {
    private static final String[] MOVEMENT_COLOURS = {"#2e7d32", "#66bb6a", "#1e88e5", "#fb8c00", "#e53935", "#8e24aa"};

    private HtmlReport() {}

    /** The report for a run; {@code mrrMonthly} are collected rows of calculated/mrr_monthly (may be empty). */
    public static String render(RunSummary summary, List<Row> mrrMonthly) {
        return renderMonths(summary, mrrMonthly.stream().map(MonthlyMrr::fromRow).toList());
    }

    /** The same from already converted rows. */
    public static String renderMonths(RunSummary summary, List<MonthlyMrr> months) {
        List<MonthlyMrr> sorted = months.stream()
                .sorted(Comparator.comparing(MonthlyMrr::currency).thenComparing(MonthlyMrr::month)).toList();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>mrrlake run ").append(esc(summary.asOf)).append("</title>\n")
                .append("<style>").append(CSS).append("</style></head>\n<body>\n");
        header(b, summary);
        mrrSection(b, sorted);
        movementSection(b, sorted, summary);
        rejectsSection(b, summary);
        rowsSection(b, summary);
        stagesSection(b, summary);
        destinationsSection(b, summary);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, RunSummary s) {
        String outcome = s.outcome == null ? "unknown" : s.outcome;
        b.append("<h1>mrrlake run report</h1>\n<p class=\"meta\">as of <b>").append(esc(s.asOf)).append("</b>");
        if (s.command != null) b.append(" &middot; command <code>").append(esc(s.command)).append("</code>");
        if (s.startedAt != null) b.append(" &middot; started ").append(esc(s.startedAt));
        if (s.finishedAt != null) b.append(" &middot; finished ").append(esc(s.finishedAt));
        b.append(" &middot; outcome <span class=\"outcome ").append("succeeded".equals(outcome) ? "ok" : "bad").append("\">")
                .append(esc(outcome)).append("</span></p>\n");
        if (s.error != null) {
            b.append("<p class=\"error\">").append(esc(s.error)).append("</p>\n");
        }
        double total = s.stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        long written = s.rowsWritten.values().stream().mapToLong(Long::longValue).sum();
        b.append("<div class=\"cards\">");
        card(b, "records read", Html.count(s.totalRecordsRead()));
        card(b, "records rejected", Html.count(s.totalRejects()));
        card(b, "rows written", Html.count(written));
        card(b, "stage time", Html.seconds(total));
        b.append("</div>\n");
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><div class=\"value\">").append(esc(value)).append("</div><div class=\"label\">")
                .append(esc(label)).append("</div></div>");
    }

    private static void mrrSection(StringBuilder b, List<MonthlyMrr> months) {
        b.append("<h2 id=\"mrr\">MRR per month</h2>\n");
        if (months.isEmpty()) {
            b.append("<p class=\"empty\">No calculated/mrr_monthly rows in this run.</p>\n");
            return;
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(months.stream().map(MonthlyMrr::month).toList()));
        List<SvgCharts.Series> series = new ArrayList<>();
        Map<String, List<MonthlyMrr>> byCurrency = byCurrency(months);
        int c = 0;
        for (Map.Entry<String, List<MonthlyMrr>> e : byCurrency.entrySet()) {
            double[] values = new double[labels.size()];
            double scale = Math.pow(10, Html.fractionDigits(e.getKey()));
            for (MonthlyMrr m : e.getValue()) {
                values[labels.indexOf(m.month())] = m.mrrEnd() / scale;
            }
            series.add(new SvgCharts.Series("MRR at month end (" + e.getKey() + ")",
                    SvgCharts.PALETTE[(c++ + 2) % SvgCharts.PALETTE.length], values));
        }
        b.append(SvgCharts.lines("MRR at the end of each month", labels, series, Html::compact));
    }

    private static void movementSection(StringBuilder b, List<MonthlyMrr> months, RunSummary s) {
        b.append("<h2 id=\"movements\">Movements by type per month</h2>\n");
        for (Map.Entry<String, List<MonthlyMrr>> e : byCurrency(months).entrySet()) {
            String currency = e.getKey();
            List<MonthlyMrr> rows = e.getValue();
            double scale = Math.pow(10, Html.fractionDigits(currency));
            List<String> labels = rows.stream().map(MonthlyMrr::month).toList();
            List<SvgCharts.Series> series = new ArrayList<>();
            for (int t = 0; t < MonthlyMrr.MOVEMENT_NAMES.length; t++) {
                double[] values = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    values[i] = rows.get(i).movements()[t] / scale;
                }
                series.add(new SvgCharts.Series(MonthlyMrr.MOVEMENT_NAMES[t], MOVEMENT_COLOURS[t], values));
            }
            b.append(SvgCharts.stackedBars("MRR movements per month (" + currency + ")", labels, series, Html::compact));
            b.append("<details><summary>Monthly roll-forward table (").append(esc(currency)).append(", ")
                    .append(rows.size()).append(" months)</summary>\n<table class=\"num\"><thead><tr><th>month</th>")
                    .append("<th>MRR start</th>");
            for (String name : MonthlyMrr.MOVEMENT_NAMES) b.append("<th>").append(esc(name)).append("</th>");
            b.append("<th>MRR end</th><th>customers</th></tr></thead><tbody>\n");
            for (MonthlyMrr m : rows) {
                b.append("<tr><td>").append(esc(m.month())).append("</td><td>").append(Html.money(m.mrrStart(), currency)).append("</td>");
                for (long v : m.movements()) b.append("<td>").append(Html.money(v, currency)).append("</td>");
                b.append("<td>").append(Html.money(m.mrrEnd(), currency)).append("</td><td>")
                        .append(Html.count(m.customersEnd())).append("</td></tr>\n");
            }
            b.append("</tbody></table></details>\n");
        }
        if (!s.movements.isEmpty()) {
            // One account currency per run: its amounts with its own decimals; minor units if unknown.
            Set<String> currencies = byCurrency(months).keySet();
            String currency = currencies.size() == 1 ? currencies.iterator().next() : null;
            b.append("<h3>Movement rows written, by type</h3>\n<table class=\"num\"><thead><tr><th>type</th><th>rows</th>")
                    .append("<th>amount (").append(esc(currency == null ? "minor units" : currency))
                    .append(")</th></tr></thead><tbody>\n");
            s.movements.forEach((type, m) -> {
                long amount = m.getOrDefault("amount", 0L);
                b.append("<tr><td>").append(esc(type)).append("</td><td>")
                        .append(Html.count(m.getOrDefault("rows", 0L))).append("</td><td>")
                        .append(currency == null ? Html.count(amount) : Html.money(amount, currency)).append("</td></tr>\n");
            });
            b.append("</tbody></table>\n");
        }
    }

    private static void rejectsSection(StringBuilder b, RunSummary s) {
        b.append("<h2 id=\"rejects\">Rejects by reason</h2>\n");
        if (s.rejects.isEmpty()) {
            b.append("<p class=\"empty\">No record was rejected.</p>\n");
            return;
        }
        List<Map.Entry<String, Double>> bars = new ArrayList<>();
        b.append("<table class=\"last\"><thead><tr><th>kind</th><th>reason</th><th>records</th></tr></thead><tbody>\n");
        s.rejects.forEach((kind, reasons) -> reasons.forEach((reason, n) -> {
            b.append("<tr><td>").append(esc(kind)).append("</td><td><code>").append(esc(reason)).append("</code></td><td>")
                    .append(Html.count(n)).append("</td></tr>\n");
            bars.add(Map.entry(kind + " / " + reason, n.doubleValue()));
        }));
        b.append("</tbody></table>\n");
        bars.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        b.append(SvgCharts.horizontalBars("Rejected records by kind and reason", bars, "#e53935", v -> Html.count((long) v)));
    }

    private static void rowsSection(StringBuilder b, RunSummary s) {
        b.append("<h2 id=\"rows\">Rows per dataset</h2>\n<table class=\"num\"><thead><tr><th>dataset</th><th>rows read</th>")
                .append("<th>rows written</th></tr></thead><tbody>\n");
        TreeSet<String> names = new TreeSet<>(s.rowsWritten.keySet());
        s.recordsRead.keySet().forEach(k -> names.add(k));
        for (String name : names) {
            Long read = s.recordsRead.get(name);
            Long written = s.rowsWritten.get(name);
            b.append("<tr><td>").append(esc(name)).append("</td><td>").append(read == null ? "" : Html.count(read))
                    .append("</td><td>").append(written == null ? "" : Html.count(written)).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void stagesSection(StringBuilder b, RunSummary s) {
        b.append("<h2 id=\"stages\">Duration per stage</h2>\n");
        if (s.stageSeconds.isEmpty()) {
            b.append("<p class=\"empty\">No stage ran.</p>\n");
            return;
        }
        b.append(SvgCharts.horizontalBars("Seconds per stage", new ArrayList<>(s.stageSeconds.entrySet()), "#1e88e5",
                Html::seconds));
    }

    private static void destinationsSection(StringBuilder b, RunSummary s) {
        if (s.destinations.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"destinations\">Destinations</h2>\n<table><thead><tr><th>destination</th><th>details</th></tr></thead><tbody>\n");
        for (Map<String, Object> d : s.destinations) {
            Object name = d.getOrDefault("name", "");
            b.append("<tr><td>").append(esc(name)).append("</td><td>");
            d.forEach((k, v) -> {
                if (!"name".equals(k)) b.append(esc(k)).append(": ").append(esc(v)).append("<br>");
            });
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static Map<String, List<MonthlyMrr>> byCurrency(List<MonthlyMrr> sorted) {
        Map<String, List<MonthlyMrr>> out = new LinkedHashMap<>();
        for (MonthlyMrr m : sorted) {
            out.computeIfAbsent(m.currency() == null ? "?" : m.currency(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#212121;background:#fff}
            h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#555}.outcome{padding:2px 8px;border-radius:10px;color:#fff}.ok{background:#2e7d32}.bad{background:#c62828}
            .error{background:#ffebee;border-left:4px solid #c62828;padding:8px 12px}
            .cards{display:flex;gap:12px;margin:16px 0}.card{flex:1;background:#f5f7fa;border-radius:8px;padding:12px 16px}
            .card .value{font-size:22px;font-weight:600}.card .label{color:#666;font-size:13px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:left}
            table.num td+td,table.last td:last-child{text-align:right;font-variant-numeric:tabular-nums}
            .empty{color:#777;font-style:italic}svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
            """;
}
