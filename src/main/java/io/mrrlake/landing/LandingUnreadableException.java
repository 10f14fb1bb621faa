package io.mrrlake.landing;

/**
 * The input cannot be read at all: the root or a required kind is missing, or files cannot be read.
 * The run fails on it (exit 1); a bad record never raises it, it becomes a reject.
 */
public class LandingUnreadableException extends RuntimeException {
    public LandingUnreadableException(String message) {
        super(message);
    }

    public LandingUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
