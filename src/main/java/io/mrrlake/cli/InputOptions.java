package io.mrrlake.cli;

import java.util.List;

import picocli.CommandLine.Option;

/** The options of the commands that read a landing zone (run, validate), as configuration overrides. */
public final class InputOptions {

    @Option(names = "--input", paramLabel = "URI", description = "Landing zone root (input.uri).")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "json, parquet, avro, csv or delta. Default: json (input.format).")
    String inputFormat;

    @Option(names = "--as-of", paramLabel = "DATE|INSTANT",
            description = "Nothing after this is read; a date means the end of that day in mrr.time_zone (run.as_of).")
    String asOf;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO",
            description = "Fail (exit 1, nothing written) when rejected/read records exceed this share, 0..1; 1 accepts any. "
                    + "Default: 0.1 (run.max_reject_ratio).")
    String maxRejectRatio;

    @Option(names = "--allow-empty-input",
            description = "Go on when the input has no valid customers or no valid invoices, replacing the outputs "
                    + "with empty datasets. Default: such a run fails (run.allow_empty_input).")
    boolean allowEmptyInput;

    /** Appends KEY=VALUE for each option given; options override --conf files and --set. */
    void addTo(List<String> overrides) {
        addIfSet(overrides, "input.uri", input);
        addIfSet(overrides, "input.format", inputFormat);
        addIfSet(overrides, "run.as_of", asOf);
        addIfSet(overrides, "run.max_reject_ratio", maxRejectRatio);
        if (allowEmptyInput) overrides.add("run.allow_empty_input=true");
    }

    static void addIfSet(List<String> overrides, String key, String value) {
        if (value != null) {
            overrides.add(key + "=" + value);
        }
    }
}
