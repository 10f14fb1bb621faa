package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.mrrlake.testing.SparkTest;

/** Landing zones made by the real generate command, for the tests that run the whole job. */
final class TestLanding {
    /** The as-of that takes in all of a {@link #small} landing zone's year. */
    static final String SMALL_AS_OF = "2023-12-31";

    private TestLanding() {}

    /** A year (2023) of 30 customers: every kind of bad record, a run of a few seconds. */
    static Path small(Path dir, long seed) {
        return generate(dir.resolve("landing"), 30, seed, 12, "2023-01-01");
    }

    static Path generate(Path landing, long customers, long seed, int months, String start) {
        SparkTest.spark();
        CommandLineTest.Result r = CommandLineTest.exec("generate", "--output", landing.toString(),
                "--customers", String.valueOf(customers), "--seed", String.valueOf(seed),
                "--months", String.valueOf(months), "--start", start);
        assertEquals(0, r.code(), r.err());
        return landing;
    }
}
