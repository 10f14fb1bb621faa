package io.mrrlake.cli;

import java.io.PrintWriter;

import io.mrrlake.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The job's entry point for scripts/mrrlake, spark-submit and Databricks' spark_jar_task. Owns the
 * exit codes of docs/OPERATIONS.md: 0 done, 1 the run failed, 2 bad command line or configuration.
 */
@Command(name = "mrrlake", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "MRR movements and calculated customers from ChartMogul-model billing data, on Spark.",
        subcommands = {RunCommand.class, GenerateCommand.class, ValidateCommand.class, ExplainCommand.class, DemoCommand.class, IoFloorCommand.class},
        synopsisSubcommandLabel = "(run | generate | validate | explain | demo)")
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, generate, validate, explain or demo");
    }

    public static void main(String[] args) {
        int code = execute(args);
        if (Runtime.isManaged()) {
            // Databricks forbids System.exit; a thrown exception marks the task failed.
            if (code != ExitCodes.OK) {
                throw new ManagedRuntimeExit(code, "see the log above");
            }
            return;
        }
        System.exit(code);
    }

    /** Runs a command and returns its exit code; never exits the JVM (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** As {@link #execute(String...)}, with the command's messages going to the given writers. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("mrrlake: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.BAD_USAGE;
        });
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ConfigException ce) {
            err.println("mrrlake: configuration error: " + ce.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        if (ex instanceof RunFailedException rf) {
            LOG.error("run failed: {}", rf.getMessage(), rf.getCause());
            err.println("mrrlake: run failed: " + rf.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        LOG.error("run failed", ex);
        err.println("mrrlake: run failed: " + ex);
        return ExitCodes.RUN_FAILED;
    }
}
