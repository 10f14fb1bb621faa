package io.mrrlake.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Parses a command line with the job's own parser without running it, so the arguments a scheduler
 * passes (an Airflow DAG, a Databricks job) can be checked where they are written.
 */
public final class ArgsCheck {
    private ArgsCheck() {}

    /**
     * The parse result of {@code args}; throws picocli's {@link CommandLine.ParameterException} (its
     * message names the bad option) when the job would reject them with exit code 2.
     */
    public static ParseResult parse(String... args) {
        return new CommandLine(new Main()).parseArgs(args);
    }

    /** The same for a list. */
    public static ParseResult parse(List<String> args) {
        return parse(args.toArray(String[]::new));
    }
}
