package io.mrrlake.cli;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.generate.Generator;
import io.mrrlake.generate.GeneratorOptions;
import io.mrrlake.report.RunSummary;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Generate a sample landing zone, run the job on it, print what it wrote.")
public final class DemoCommand implements Callable<Integer> {
    static final LocalDate START = LocalDate.of(2023, 1, 1);

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo",
            description = "Folder for landing/ and out/.")
    File dir;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "2000", description = "Customers to generate.")
    long customers;

    @Override
    public Integer call() throws Exception {
        File landing = new File(dir, "landing").getAbsoluteFile();
        File out = new File(dir, "out").getAbsoluteFile();
        FileUtils.deleteDirectory(landing);
        FileUtils.deleteDirectory(out);
        int months = GeneratorOptions.DEFAULT_MONTHS;
        System.out.println("Generating " + customers + " customers into " + landing + " …");
        Generator.generate(new GeneratorOptions(landing.toURI().toString(), customers, GeneratorOptions.DEFAULT_SEED,
                months, START), new Configuration());
        LocalDate asOf = START.plusMonths(months).minusDays(1);
        System.out.println("Running the job as of " + asOf + " into " + out + " …");
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(List.of(), List.of(
                "input.uri=" + landing.toURI(),
                "output.uri=" + out.toURI(),
                "run.as_of=" + asOf)), true, true);
        RunSummary summary = JobRunner.prepare(settings).run();
        System.out.println(SummaryTable.render(summary));
        return summary.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
