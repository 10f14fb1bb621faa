package io.mrrlake.cli;

/** The run failed (exit 1): unreadable input, a failed destination, too many rejects. */
public class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
