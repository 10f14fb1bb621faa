package io.mrrlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.mrrlake.generate.Generator;
import io.mrrlake.generate.GeneratorOptions;
import io.mrrlake.generate.GeneratorReport;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Write a realistic synthetic landing zone (JSON Lines, gzip). Same options, same bytes.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Landing zone root to write.")
    String output;

    @Option(names = "--customers", required = true, paramLabel = "N", description = "Number of customers.")
    long customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
            description = "Random seed.")
    long seed;

    @Option(names = "--months", paramLabel = "M", defaultValue = "" + GeneratorOptions.DEFAULT_MONTHS,
            description = "Months of history.")
    int months;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2023-01-01", description = "First day of the history.")
    LocalDate start;

    @Override
    public Integer call() throws Exception {
        if (customers < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--customers must be at least 1, got " + customers);
        }
        if (months < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--months must be at least 1, got " + months);
        }
        GeneratorReport report = Generator.generate(
                new GeneratorOptions(output, customers, seed, months, start), new Configuration());
        System.out.println(report.summary());
        return ExitCodes.OK;
    }
}
