package io.mrrlake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns docs/DATASETS.md lists per dataset, as "NAME:type" in the documented order, keyed by
 * dotted dataset name ("calculated.mrr_movements"; "rejects.*" for every rejects kind).
 */
final class DatasetsDoc {
    private static final Pattern HEADING = Pattern.compile("^### `([a-z]+)/([a-z_<>]+)`\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([^|]+?) \\|.*$");

    private DatasetsDoc() {}

    static Map<String, List<String>> columns() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Path.of("docs/DATASETS.md"))) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String name = h.group(2).equals("<kind>") ? "*" : h.group(2);
                current = new ArrayList<>();
                out.put(h.group(1) + "." + name, current);
                continue;
            }
            if (line.startsWith("## ")) current = null;
            Matcher r = ROW.matcher(line);
            if (current != null && r.matches()) {
                current.add(r.group(1) + ":" + r.group(2).replace("&lt;", "<").replace("&gt;", ">").trim());
            }
        }
        return out;
    }

    /** The documented columns of a dataset, by dotted name. */
    static List<String> of(Map<String, List<String>> doc, String dataset) {
        List<String> cols = doc.get(dataset.startsWith("rejects.") ? "rejects.*" : dataset);
        if (cols == null) throw new AssertionError(dataset + " is not in docs/DATASETS.md");
        return cols;
    }
}
