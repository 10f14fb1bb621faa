package io.mrrlake.export;

import java.util.List;
import java.util.regex.Pattern;

import io.mrrlake.config.ConfigException;
import io.mrrlake.model.OutputDataset;

/**
 * Which datasets a destination takes: dotted names ({@code source.customers}), globs
 * ({@code calculated.*}, {@code rejects.*}, {@code *}). An empty list means every dataset.
 */
public final class DatasetFilter {
    private static final Pattern SHAPE = Pattern.compile("\\*|(source|calculated|rejects|\\*)\\.[a-z0-9_*]+");

    private final List<String> patterns;
    private final List<Pattern> regexes;

    private DatasetFilter(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.regexes = patterns.stream().map(DatasetFilter::globToRegex).toList();
    }

    public static DatasetFilter all() {
        return new DatasetFilter(List.of("*"));
    }

    /**
     * Checks every pattern: a name without a glob must be a dataset of docs/DATASETS.md (or a rejects kind),
     * so a typo does not silently filter everything out.
     */
    public static DatasetFilter of(String key, List<String> patterns) {
        if (patterns.isEmpty()) {
            return all();
        }
        for (String p : patterns) {
            if (!SHAPE.matcher(p).matches()) {
                throw new ConfigException(key, "'" + p + "' is not a dataset pattern; allowed: a name like "
                        + "source.customers, a glob like calculated.* or rejects.*, or *");
            }
            boolean exact = !p.contains("*");
            if (exact && !p.startsWith("rejects.") && OutputDataset.byDottedName(p).isEmpty()) {
                throw new ConfigException(key, "'" + p + "' is not a dataset; allowed: " + knownNames()
                        + ", rejects.<kind>, or a glob");
            }
        }
        return new DatasetFilter(patterns);
    }

    public boolean accepts(String dottedName) {
        return regexes.stream().anyMatch(r -> r.matcher(dottedName).matches());
    }

    public List<String> patterns() {
        return patterns;
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? "[^.]*" : Pattern.quote(String.valueOf(c)));
        }
        // A lone "*" means everything, across families.
        return Pattern.compile("*".equals(glob) ? ".*" : sb.toString());
    }

    private static String knownNames() {
        StringBuilder sb = new StringBuilder();
        for (OutputDataset d : OutputDataset.values()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(d.dottedName());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
