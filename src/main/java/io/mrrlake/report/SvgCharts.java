package io.mrrlake.report;

import static io.mrrlake.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts drawn from plain numbers, so the report is one self-contained file that opens
 * anywhere (no script, no font or style sheet fetched). Every mark carries a {@code <title>} so a
 * reader can hover for the exact figure.
 */
final class SvgCharts {
    static final String[] PALETTE = {"#2e7d32", "#66bb6a", "#1e88e5", "#fb8c00", "#e53935", "#8e24aa",
            "#00897b", "#6d4c41", "#546e7a", "#c0ca33"};

    private static final int WIDTH = 960;
    private static final int LEFT = 76;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    private SvgCharts() {}

    /** One series of values over the same x labels. */
    record Series(String name, String colour, double[] values) {}

    /** A line chart with a shaded area under each series (MRR over months). */
    static String lines(String title, List<String> xLabels, List<Series> series, DoubleFunction<String> yFormat) {
        int height = 300;
        double max = 0;
        double min = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        Axis y = Axis.of(min, max);
        StringBuilder b = open(title, height);
        grid(b, y, height, yFormat);
        xAxis(b, xLabels, height);
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.values().length; i++) {
                pts.append(fmt(x(i, xLabels.size()))).append(',').append(fmt(y.pos(s.values()[i], TOP, height - BOTTOM))).append(' ');
            }
            double base = y.pos(0, TOP, height - BOTTOM);
            if (s.values().length > 0) {
                String area = fmt(x(0, xLabels.size())) + "," + fmt(base) + " " + pts
                        + fmt(x(s.values().length - 1, xLabels.size())) + "," + fmt(base);
                b.append("<polygon class=\"area\" points=\"").append(area).append("\" fill=\"").append(s.colour())
                        .append("\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            }
            b.append("<polyline points=\"").append(pts.toString().trim()).append("\" fill=\"none\" stroke=\"")
                    .append(s.colour()).append("\" stroke-width=\"2.5\"/>\n");
            for (int i = 0; i < s.values().length; i++) {
                b.append("<circle cx=\"").append(fmt(x(i, xLabels.size()))).append("\" cy=\"")
                        .append(fmt(y.pos(s.values()[i], TOP, height - BOTTOM))).append("\" r=\"3\" fill=\"")
                        .append(s.colour()).append("\"><title>").append(esc(s.name())).append(' ')
                        .append(esc(xLabels.get(i))).append(": ").append(esc(yFormat.apply(s.values()[i])))
                        .append("</title></circle>\n");
            }
        }
        legend(b, series.stream().map(s -> Map.entry(s.name(), s.colour())).toList(), height);
        return b.append("</svg>\n").toString();
    }

    /**
     * Bars per x label, positive values stacked up from zero and negative ones down (movements per
     * month: new business above the line, churn below).
     */
    static String stackedBars(String title, List<String> xLabels, List<Series> series, DoubleFunction<String> yFormat) {
        int height = 320;
        int n = xLabels.size();
        double max = 0;
        double min = 0;
        for (int i = 0; i < n; i++) {
            double up = 0;
            double down = 0;
            for (Series s : series) {
                double v = s.values()[i];
                if (v > 0) up += v; else down += v;
            }
            max = Math.max(max, up);
            min = Math.min(min, down);
        }
        Axis y = Axis.of(min, max);
        StringBuilder b = open(title, height);
        grid(b, y, height, yFormat);
        xAxis(b, xLabels, height);
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(n, 1);
        double barWidth = Math.max(1.5, slot * 0.7);
        for (int i = 0; i < n; i++) {
            double up = 0;
            double down = 0;
            double left = x(i, n) - barWidth / 2;
            for (Series s : series) {
                double v = s.values()[i];
                if (v == 0) continue;
                double from = v > 0 ? up : down;
                double to = from + v;
                if (v > 0) up = to; else down = to;
                double y1 = y.pos(Math.max(from, to), TOP, height - BOTTOM);
                double y2 = y.pos(Math.min(from, to), TOP, height - BOTTOM);
                b.append("<rect x=\"").append(fmt(left)).append("\" y=\"").append(fmt(y1)).append("\" width=\"")
                        .append(fmt(barWidth)).append("\" height=\"").append(fmt(Math.max(0.5, y2 - y1)))
                        .append("\" fill=\"").append(s.colour()).append("\"><title>").append(esc(xLabels.get(i)))
                        .append(' ').append(esc(s.name())).append(": ").append(esc(yFormat.apply(v)))
                        .append("</title></rect>\n");
            }
        }
        double zero = y.pos(0, TOP, height - BOTTOM);
        b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(zero))
                .append("\" y2=\"").append(fmt(zero)).append("\" stroke=\"#333\" stroke-width=\"1\"/>\n");
        legend(b, series.stream().map(s -> Map.entry(s.name(), s.colour())).toList(), height);
        return b.append("</svg>\n").toString();
    }

    /** Horizontal bars with their labels and values (durations, rejects); empty input draws nothing. */
    static String horizontalBars(String title, List<Map.Entry<String, Double>> rows, String colour,
                                 DoubleFunction<String> format) {
        if (rows.isEmpty()) {
            return "";
        }
        int rowHeight = 24;
        int labelWidth = 300;
        int height = rows.size() * rowHeight + 12;
        double max = rows.stream().mapToDouble(Map.Entry::getValue).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\"><title>").append(esc(title)).append("</title>\n");
        int i = 0;
        for (Map.Entry<String, Double> r : rows) {
            double top = 6 + i * rowHeight;
            double w = max <= 0 ? 0 : (WIDTH - labelWidth - 120) * r.getValue() / max;
            b.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(fmt(top + 16))
                    .append("\" text-anchor=\"end\" font-size=\"13\">").append(esc(r.getKey())).append("</text>\n");
            b.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(fmt(top + 3)).append("\" width=\"")
                    .append(fmt(Math.max(1, w))).append("\" height=\"").append(rowHeight - 6).append("\" fill=\"")
                    .append(colour).append("\"><title>").append(esc(r.getKey())).append(": ")
                    .append(esc(format.apply(r.getValue()))).append("</title></rect>\n");
            b.append("<text x=\"").append(fmt(labelWidth + Math.max(1, w) + 6)).append("\" y=\"").append(fmt(top + 16))
                    .append("\" font-size=\"12\" fill=\"#333\">").append(esc(format.apply(r.getValue()))).append("</text>\n");
            i++;
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height + 28).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height + 28).append("\"><title>").append(esc(title)).append("</title>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height + 28)
                .append("\" fill=\"#ffffff\"/>\n");
        return b;
    }

    private static void grid(StringBuilder b, Axis y, int height, DoubleFunction<String> yFormat) {
        for (double t : y.ticks()) {
            double py = y.pos(t, TOP, height - BOTTOM);
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(py))
                    .append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>\n");
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(py + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">").append(esc(yFormat.apply(t)))
                    .append("</text>\n");
        }
    }

    /** At most about 12 month labels, so a long history stays readable. */
    private static void xAxis(StringBuilder b, List<String> labels, int height) {
        int n = labels.size();
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i += every) {
            b.append("<text x=\"").append(fmt(x(i, n))).append("\" y=\"").append(height - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">").append(esc(labels.get(i)))
                    .append("</text>\n");
        }
    }

    private static void legend(StringBuilder b, List<Map.Entry<String, String>> entries, int height) {
        double left = LEFT;
        for (Map.Entry<String, String> e : entries) {
            b.append("<rect x=\"").append(fmt(left)).append("\" y=\"").append(height).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(e.getValue()).append("\"/>\n");
            b.append("<text x=\"").append(fmt(left + 16)).append("\" y=\"").append(height + 11)
                    .append("\" font-size=\"12\">").append(esc(e.getKey())).append("</text>\n");
            left += 28 + 7.5 * e.getKey().length();
        }
    }

    private static double x(int i, int n) {
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(n, 1);
        return LEFT + slot * (i + 0.5);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A value axis from a rounded minimum to a rounded maximum in 1-2-5 steps, zero included. */
    record Axis(double min, double max, double step) {
        static Axis of(double lo, double hi) {
            if (hi <= lo) {
                hi = lo + 1;
            }
            double step = nice((hi - lo) / 5);
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
        }

        private static double nice(double raw) {
            double p = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / p;
            return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            for (double v = min; v <= max + step / 2; v += step) {
                t.add(Math.abs(v) < step / 1e6 ? 0 : v);
            }
            return t;
        }

        double pos(double v, double top, double bottom) {
            return bottom - (v - min) / (max - min) * (bottom - top);
        }
    }
}
