package io.mrrlake.cli;

import java.util.Map;

import io.mrrlake.report.RunSummary;

/** The short human table the demo and validate print. */
final class SummaryTable {
    private SummaryTable() {}

    static String render(RunSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%nmrrlake %s as of %s: %s%n", s.command, s.asOf, s.outcome));
        if (s.error != null) {
            b.append("  error: ").append(s.error).append('\n');
        }
        if (!s.rowsWritten.isEmpty()) {
            b.append(String.format("%n  %-36s %12s%n", "dataset", "rows"));
            s.rowsWritten.forEach((k, v) -> b.append(String.format("  %-36s %,12d%n", k, v)));
        }
        if (!s.recordsRead.isEmpty()) {
            b.append(String.format("%n  %-36s %12s%n", "records read (kind)", "records"));
            s.recordsRead.forEach((k, v) -> b.append(String.format("  %-36s %,12d%n", k, v)));
        }
        b.append(String.format("%n  %-36s %12s%n", "rejects (kind / reason)", "records"));
        if (s.rejects.isEmpty()) {
            b.append("  none\n");
        }
        s.rejects.forEach((kind, reasons) -> reasons.forEach((reason, n) ->
                b.append(String.format("  %-36s %,12d%n", kind + " / " + reason, n))));
        if (!s.movements.isEmpty()) {
            b.append(String.format("%n  %-36s %12s %16s%n", "movements", "rows", "MRR (minor units)"));
            for (Map.Entry<String, Map<String, Long>> e : s.movements.entrySet()) {
                b.append(String.format("  %-36s %,12d %,16d%n", e.getKey(),
                        e.getValue().getOrDefault("rows", 0L), e.getValue().getOrDefault("amount", 0L)));
            }
        }
        for (Map<String, Object> d : s.destinations) {
            b.append(String.format("%n  output: %s (%s) %s%n", d.get("name"), d.get("location"), d.get("outcome")));
        }
        return b.toString();
    }
}
