package io.mrrlake.generate;

import java.util.Map;
import java.util.TreeMap;

/** Counts of one part (or of the whole run, after {@link #add}); not thread-safe, one per task. */
final class Tally {
    final Map<String, Long> records = new TreeMap<>();
    final Map<String, Map<String, Long>> bad = new TreeMap<>();
    final Map<String, Long> identical = new TreeMap<>();
    long files;
    long bytes;

    void record(String kind) {
        records.merge(kind, 1L, Long::sum);
    }

    void bad(String kind, String reason) {
        bad.computeIfAbsent(kind, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
    }

    void identical(String kind) {
        identical.merge(kind, 1L, Long::sum);
    }

    synchronized void add(Tally other) {
        other.records.forEach((k, n) -> records.merge(k, n, Long::sum));
        other.bad.forEach((k, m) -> m.forEach((r, n) -> bad.computeIfAbsent(k, x -> new TreeMap<>()).merge(r, n, Long::sum)));
        other.identical.forEach((k, n) -> identical.merge(k, n, Long::sum));
        files += other.files;
        bytes += other.bytes;
    }
}
