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

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read and check a landing zone; print records and rejects per kind and reason; write nothing.")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "URI", description = "Landing zone root (input.uri).")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "json, parquet, avro, csv or delta. Default: json (input.format).")
    String inputFormat;

    @Option(names = "--as-of", paramLabel = "DATE|INSTANT",
            description = "Check only what a run at this as-of would read. Default: everything (run.as_of).")
    String asOf;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO",
            description = "Exit 1 when rejected/read records exceed this share. Default: no limit.")
    String maxRejectRatio;

    @Mixin
    ConfOptions conf;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(conf.overrides);
        RunCommand.addIfSet(overrides, "input.uri", input);
        RunCommand.addIfSet(overrides, "input.format", inputFormat);
        RunCommand.addIfSet(overrides, "run.as_of", asOf);
        RunCommand.addIfSet(overrides, "run.max_reject_ratio", maxRejectRatio);
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(conf.confFiles, overrides), true, false);
        RunSummary summary = JobRunner.prepare(settings).validate();
        System.out.println(SummaryTable.render(summary));
        return summary.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
