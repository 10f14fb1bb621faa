package io.mrrlake.generate;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one generation wrote. {@code recordsPerKind} counts every line written per kind, bad ones
 * included; {@code badPerKind} counts the deliberately bad lines per kind and reject reason (the
 * reason a correct reader must give them); {@code identicalCopies} counts exact repeats of a good
 * line per kind, which a reader must collapse without rejecting anything.
 */
public record GeneratorReport(
        Map<String, Long> recordsPerKind,
        Map<String, Map<String, Long>> badPerKind,
        Map<String, Long> identicalCopies,
        long files,
        long bytes,
        double seconds) {

    /** Bad lines per reject reason, summed over kinds. */
    public Map<String, Long> badPerReason() {
        Map<String, Long> out = new TreeMap<>();
        badPerKind.values().forEach(m -> m.forEach((r, n) -> out.merge(r, n, Long::sum)));
        return out;
    }

    public long totalRecords() {
        return recordsPerKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBad() {
        return badPerReason().values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few lines for a console. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("wrote %,d records in %,d files, %,d bytes, %.1f s%n", totalRecords(), files, bytes, seconds));
        recordsPerKind.forEach((k, n) -> sb.append(String.format("  %-20s %,12d%n", k, n)));
        sb.append(String.format("deliberately bad records: %,d%n", totalBad()));
        badPerReason().forEach((r, n) -> sb.append(String.format("  %-36s %,8d%n", r, n)));
        identicalCopies.forEach((k, n) -> sb.append(String.format("identical copies in %s (must collapse): %,d%n", k, n)));
        return sb.toString();
    }
}
