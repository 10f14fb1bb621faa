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
            description = "Fail (exit 1) when rejected/read records exceed this share, 0..1. Default: no limit (run.max_reject_ratio).")
    String maxRejectRatio;

    /** Appends KEY=VALUE for each option given; options override --conf files and --set. */
    void addTo(List<String> overrides) {
        addIfSet(overrides, "input.uri", input);
        addIfSet(overrides, "input.format", inputFormat);
        addIfSet(overrides, "run.as_of", asOf);
        addIfSet(overrides, "run.max_reject_ratio", maxRejectRatio);
    }

    static void addIfSet(List<String> overrides, String key, String value) {
        if (value != null) {
            overrides.add(key + "=" + value);
        }
    }
}
