package io.mrrlake.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: where, how many customers, which seed, and the period [start, start + months).
 * Nothing in the output is dated at or after {@link #end()}.
 */
public record GeneratorOptions(String outputUri, long customers, long seed, int months, LocalDate start) {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_MONTHS = 36;
    public static final LocalDate DEFAULT_START = LocalDate.of(2023, 1, 1);

    public GeneratorOptions {
        Objects.requireNonNull(outputUri, "outputUri");
        if (outputUri.isBlank()) throw new IllegalArgumentException("outputUri must not be blank");
        if (customers < 1) throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        if (months < 1 || months > 240) throw new IllegalArgumentException("months must be 1..240, was " + months);
        if (start == null) start = DEFAULT_START;
    }

    /** The defaults of the generate command: seed 42, 36 months from 2023-01-01. */
    public static GeneratorOptions of(String outputUri, long customers) {
        return new GeneratorOptions(outputUri, customers, DEFAULT_SEED, DEFAULT_MONTHS, DEFAULT_START);
    }

    /** First instant after the period (exclusive). */
    public LocalDate end() {
        return start.plusMonths(months);
    }
}
