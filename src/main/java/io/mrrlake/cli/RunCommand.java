package io.mrrlake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read a landing zone, calculate MRR, write every dataset to every destination.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "URI", description = "Landing zone root (input.uri).")
    String input;

    @Option(names = "--output", paramLabel = "URI",
            description = "Shorthand for one files destination at this root (output.uri).")
    String output;

    @Option(names = "--as-of", paramLabel = "DATE|INSTANT",
            description = "Nothing after this is read; a date means the end of that day in mrr.time_zone (run.as_of).")
    String asOf;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "json, parquet, avro, csv or delta. Default: json (input.format).")
    String inputFormat;

    @Option(names = "--output-format", paramLabel = "FORMAT",
            description = "delta or parquet, for --output. Default: delta (output.format).")
    String outputFormat;

    @Option(names = "--datasets", paramLabel = "LIST",
            description = "Comma-separated datasets to write, e.g. calculated.mrr_movements,source.*. Default: all (run.datasets).")
    String datasets;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO",
            description = "Fail (exit 1) when rejected/read records exceed this share, 0..1. Default: no limit (run.max_reject_ratio).")
    String maxRejectRatio;

    @Mixin
    ConfOptions conf;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(conf.overrides);
        addIfSet(overrides, "input.uri", input);
        addIfSet(overrides, "output.uri", output);
        addIfSet(overrides, "run.as_of", asOf);
        addIfSet(overrides, "input.format", inputFormat);
        addIfSet(overrides, "output.format", outputFormat);
        addIfSet(overrides, "run.datasets", datasets);
        addIfSet(overrides, "run.max_reject_ratio", maxRejectRatio);
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(conf.confFiles, overrides), true, true);
        RunSummary summary = JobRunner.prepare(settings).run();
        return summary.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    static void addIfSet(List<String> overrides, String key, String value) {
        if (value != null) {
            overrides.add(key + "=" + value);
        }
    }
}
