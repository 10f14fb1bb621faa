package io.mrrlake.cli;

import static io.mrrlake.cli.InputOptions.addIfSet;

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

    @Mixin
    InputOptions in;

    @Option(names = "--output", paramLabel = "URI",
            description = "Shorthand for one files destination at this root (output.uri).")
    String output;

    @Option(names = "--output-format", paramLabel = "FORMAT",
            description = "delta or parquet, for --output. Default: delta (output.format).")
    String outputFormat;

    @Option(names = "--datasets", paramLabel = "LIST",
            description = "Comma-separated datasets to write, e.g. calculated.mrr_movements,source.*. Default: all (run.datasets).")
    String datasets;

    @Mixin
    ConfOptions conf;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(conf.overrides());
        in.addTo(overrides);
        addIfSet(overrides, "output.uri", output);
        addIfSet(overrides, "output.format", outputFormat);
        addIfSet(overrides, "run.datasets", datasets);
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(conf.confFiles, overrides), true, true);
        RunSummary summary = JobRunner.prepare(settings).run();
        return summary.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
