package io.mrrlake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read and check a landing zone; print records and rejects per kind and reason; write nothing.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    InputOptions in;

    @Mixin
    ConfOptions conf;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(conf.overrides());
        in.addTo(overrides);
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(conf.confFiles, overrides), true, false);
        RunSummary summary = JobRunner.prepare(settings).validate();
        System.out.println(SummaryTable.render(summary));
        return summary.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
