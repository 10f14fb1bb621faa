package io.mrrlake.cli;

/**
 * Thrown instead of System.exit under a managed runtime (Databricks forbids exiting the JVM), so
 * the platform marks the task failed with the job's message.
 */
public class ManagedRuntimeExit extends RuntimeException {
    private final int exitCode;

    public ManagedRuntimeExit(int exitCode, String message) {
        super("mrrlake exited with code " + exitCode + (message == null ? "" : ": " + message));
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
