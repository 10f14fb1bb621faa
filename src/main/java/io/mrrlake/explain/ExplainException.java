package io.mrrlake.explain;

/** The customer asked for cannot be explained (unknown, ambiguous, rejected): the message says why and what to try. */
public final class ExplainException extends RuntimeException {
    public ExplainException(String message) {
        super(message);
    }
}
