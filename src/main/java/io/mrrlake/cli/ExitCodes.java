package io.mrrlake.cli;

/** The exit codes of docs/OPERATIONS.md. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_USAGE = 2;

    private ExitCodes() {}
}
