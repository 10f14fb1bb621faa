package io.mrrlake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final String[] MONTHLY_COLUMNS = {"MONTH", "CURRENCY", "MRR_START", "NEW_BIZ", "EXPANSION",
            "CONTRACTION", "CHURN", "REACTIVATION", "FX_IMPACT", "MRR_END", "ARR_END", "CUSTOMERS_START",
            "CUSTOMERS_END", "NEW_CUSTOMERS", "CHURNED_CUSTOMERS", "REACTIVATED_CUSTOMERS", "ARPA"};

    @TempDir
    Path tmp;

    /** 14 months of a growing business, rows shaped like collected calculated/mrr_monthly rows. */
    static List<Row> sampleMonthly() {
        List<StructField> fields = new ArrayList<>();
        for (String c : MONTHLY_COLUMNS) {
            fields.add(DataTypes.createStructField(c, c.equals("MONTH") || c.equals("CURRENCY")
                    ? DataTypes.StringType : DataTypes.LongType, true));
        }
        StructType schema = DataTypes.createStructType(fields);
        List<Row> rows = new ArrayList<>();
        long mrr = 0;
        long customers = 0;
        for (int i = 0; i < 14; i++) {
            String month = String.format("%d-%02d", 2024 + (i / 12), i % 12 + 1);
            long newBiz = 150_000 + 10_000L * i;
            long expansion = 20_000L * i;
            long contraction = -5_000L * i;
            long churn = i < 2 ? 0 : -30_000L - 2_000L * i;
            long reactivation = i % 4 == 3 ? 9_900 : 0;
            long fx = i % 2 == 0 ? 1_234 : -987;
            long start = mrr;
            mrr = start + newBiz + expansion + contraction + churn + reactivation + fx;
            long customersStart = customers;
            customers += 15 - (i < 2 ? 0 : 3);
            rows.add(new GenericRowWithSchema(new Object[] {month, "USD", start, newBiz, expansion, contraction,
                    churn, reactivation, fx, mrr, 12 * mrr, customersStart, customers, 15L, i < 2 ? 0L : 3L,
                    reactivation > 0 ? 1L : 0L, mrr / customers}, schema));
        }
        return rows;
    }

    static RunSummary sampleSummary() {
        RunSummary s = new RunSummary();
        s.asOf = "2025-02-28T23:59:59.999999Z";
        s.command = "run";
        s.startedAt = Instant.parse("2025-03-01T02:00:00Z");
        s.recordsRead.put("customers", 320L);
        s.recordsRead.put("invoices", 4_100L);
        s.rejects.put("invoices", new TreeMap<>(Map.of("missing_field:currency", 12L, "unknown_customer", 3L)));
        s.rejects.put("plans", new TreeMap<>(Map.of("bad_enum:<script>alert(1)</script>", 1L)));
        s.rowsWritten.put("calculated.customers", 300L);
        s.rowsWritten.put("calculated.mrr_movements", 1_250L);
        s.rowsWritten.put("source.invoices", 4_085L);
        Map<String, Long> newBiz = new LinkedHashMap<>();
        newBiz.put("rows", 300L);
        newBiz.put("amount", 2_500_000L);
        s.movements.put("new_biz", newBiz);
        s.stageSeconds.put("read", 4.2);
        s.stageSeconds.put("calculate", 11.7);
        s.stageSeconds.put("write", 6.3);
        Map<String, Object> dest = new LinkedHashMap<>();
        dest.put("name", "output");
        dest.put("ok", true);
        s.destinations.add(dest);
        s.succeeded();
        return s;
    }

    @Test
    void rendersEverySectionWithFiguresFromTheInput() {
        String html = HtmlReport.render(sampleSummary(), sampleMonthly());

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String id : List.of("mrr", "movements", "rejects", "rows", "stages", "destinations")) {
            assertTrue(html.contains("<h2 id=\"" + id + "\">"), "section " + id);
        }
        assertEquals(4, count(html, "<svg "), "MRR line, movements bars, rejects bars, stage bars");
        // The first month's new business (150,000 cents) in the roll-forward table, in major units.
        assertTrue(html.contains("<td>1,500.00</td>"), "amounts shown in major units");
        assertTrue(html.contains("<th>amount (USD)</th>") && html.contains("<td>25,000.00</td>"),
                "movement totals in dollars");
        assertTrue(html.contains("2025-02"), "last month labelled");
        assertTrue(html.contains("<td>4,085</td>"), "rows written per dataset");
        assertTrue(html.contains("unknown_customer"));
        assertTrue(html.contains("Seconds per stage"));
        assertTrue(html.contains("succeeded"));
    }

    @Test
    void amountsHaveTheirCurrencysOwnDecimals() {
        assertEquals("4,350", Html.money(4350, "JPY"));
        assertEquals("30.700", Html.money(30700, "KWD"));
        assertEquals("-1,234.56", Html.money(-123456, "USD"));
        assertEquals("12.34", Html.money(1234, "XAU"), "no minor unit: shown as cents");
        MonthlyMrr yen = new MonthlyMrr("2024-01", "JPY", 0, 4350, 0, 0, 0, 0, 0, 4350, 1);
        MonthlyMrr dinar = new MonthlyMrr("2024-01", "KWD", 0, 30700, 0, 0, 0, 0, 0, 30700, 1);
        String html = HtmlReport.renderMonths(sampleSummary(), List.of(yen, dinar));
        assertTrue(html.contains("<td>4,350</td>"), "yen without decimals");
        assertTrue(html.contains("<td>30.700</td>"), "dinar with three");
        assertTrue(html.contains("<th>amount (minor units)</th>"), "two account currencies: no one format");
        String yenOnly = HtmlReport.renderMonths(sampleSummary(), List.of(yen));
        assertTrue(yenOnly.contains("<th>amount (JPY)</th>") && yenOnly.contains("<td>2,500,000</td>"),
                "the run's new_biz amount in yen");
    }

    @Test
    void escapesDataAndFetchesNothing() {
        String html = HtmlReport.render(sampleSummary(), sampleMonthly());

        assertFalse(html.contains("<script"), "no script, not even from a reject reason");
        assertTrue(html.contains("bad_enum:&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(Pattern.compile("\\s(src|href)=").matcher(html).find(), "no external resource");
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"), "no URL");
    }

    @Test
    void aFailedRunWithoutMonthsStillRenders() {
        RunSummary s = new RunSummary();
        s.asOf = "2025-01-31T23:59:59.999999Z";
        s.failed("input unreadable: file:/nowhere");
        String html = HtmlReport.render(s, List.of());

        assertTrue(html.contains("No calculated/mrr_monthly rows"));
        assertTrue(html.contains("input unreadable: file:/nowhere"));
        assertTrue(html.contains("class=\"outcome bad\""));
        assertTrue(html.contains("No record was rejected."));
    }

    @Test
    void movementBarsStackPositivesUpAndNegativesDown() {
        String svg = SvgCharts.stackedBars("t", List.of("2025-01"),
                List.of(new SvgCharts.Series("up", "#000001", new double[] {30}),
                        new SvgCharts.Series("down", "#000002", new double[] {-10})), Html::compact);
        double zero = zeroLine(svg);
        Matcher up = rect(svg, "#000001");
        Matcher down = rect(svg, "#000002");
        double upBottom = Double.parseDouble(up.group(1)) + Double.parseDouble(up.group(2));
        assertEquals(zero, upBottom, 0.11, "the positive bar ends at zero");
        assertEquals(zero, Double.parseDouble(down.group(1)), 0.11, "the negative bar starts at zero");
        assertEquals(3.0, Double.parseDouble(up.group(2)) / Double.parseDouble(down.group(2)), 0.05,
                "heights proportional to the values");
    }

    @Test
    void chromiumDrawsTheReport() throws Exception {
        String chromium = findChromium();
        Path page = tmp.resolve("report.html");
        Files.writeString(page, HtmlReport.render(sampleSummary(), sampleMonthly()), StandardCharsets.UTF_8);
        Path png = tmp.resolve("report.png");

        String dom = runChromium(chromium, "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("<svg"), "the SVG is in the rendered DOM");
        assertTrue(dom.contains("<polyline"), "the MRR line is in the rendered DOM");

        runChromium(chromium, "--screenshot=" + png, page.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "chromium wrote a PNG");
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long churnRed = 0;
        long newBizGreen = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) nonWhite++;
                if (rgb == 0xe53935) churnRed++;
                if (rgb == 0x2e7d32) newBizGreen++;
            }
        }
        double share = nonWhite / (double) (img.getWidth() * img.getHeight());
        assertTrue(colours.size() > 50, "a drawn page has many colours, got " + colours.size());
        assertTrue(share > 0.03, "more than 3% of the page is not white, got " + share);
        assertTrue(churnRed > 200, "churn bars are drawn in red, pixels: " + churnRed);
        assertTrue(newBizGreen > 200, "new business bars are drawn in green, pixels: " + newBizGreen);
    }

    private String runChromium(String chromium, String action, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1200,2200", "--hide-scrollbars", action, url)
                .redirectOutput(out.toFile())
                .redirectError(tmp.resolve("chromium-" + System.nanoTime() + ".err").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s");
        }
        assertEquals(0, p.exitValue(), "chromium exit code");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** scripts/test installs Debian's chromium; without it this test fails rather than passing silently. */
    private static String findChromium() {
        String env = System.getenv("CHROMIUM");
        List<String> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) candidates.add(env);
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        for (String c : candidates) {
            if (new File(c).canExecute()) return c;
        }
        fail("no chromium found (tried " + candidates + "): install it with `apt-get install -y chromium`, "
                + "as scripts/test does, or set CHROMIUM");
        return null;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static double zeroLine(String svg) {
        Matcher m = Pattern.compile("<line x1=\"\\d+\" x2=\"\\d+\" y1=\"([\\d.]+)\" y2=\"[\\d.]+\" stroke=\"#333\"").matcher(svg);
        assertTrue(m.find(), "zero line drawn");
        return Double.parseDouble(m.group(1));
    }

    private static Matcher rect(String svg, String colour) {
        Matcher m = Pattern.compile("<rect x=\"[\\d.]+\" y=\"([\\d.]+)\" width=\"[\\d.]+\" height=\"([\\d.]+)\" fill=\""
                + colour + "\"").matcher(svg);
        assertTrue(m.find(), "bar " + colour + " drawn");
        return m;
    }
}
