package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line that need no Spark run. */
class CommandLineTest {

    record Result(int code, String out, String err) {}

    static Result exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpListingEveryOptionWithItsDefault() {
        Result run = exec("run", "--help");
        assertEquals(0, run.code());
        for (String opt : new String[] {"--input", "--output", "--as-of", "--input-format", "--output-format",
                "--datasets", "--max-reject-ratio", "--conf", "--set"}) {
            assertTrue(run.out().contains(opt), opt + " missing from run --help:\n" + run.out());
        }
        assertTrue(run.out().contains("Default: json"), run.out());
        Result gen = exec("generate", "--help");
        assertEquals(0, gen.code());
        assertTrue(gen.out().contains("--seed") && gen.out().contains("Default: 42")
                && gen.out().contains("Default: 2023-01-01") && gen.out().contains("Default: 36"), gen.out());
        assertEquals(0, exec("validate", "--help").code());
        assertEquals(0, exec("demo", "--help").code());
        assertEquals(0, exec("--version").code());
    }

    @Test
    void unknownOptionExitsTwoAndNamesIt() {
        Result r = exec("run", "--inputt", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--inputt"), r.err());
    }

    @Test
    void noCommandExitsTwo() {
        assertEquals(2, exec().code());
    }

    @Test
    void badConfigKeyExitsTwoAndNamesIt(@TempDir Path dir) {
        Result r = exec("run", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2024-12-31", "--set", "mrr.churn_recogniton=at_cancellation");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mrr.churn_recogniton"), r.err());
    }

    @Test
    void badConfigValueExitsTwoAndNamesKeyValueAndAllowed(@TempDir Path dir) {
        Result r = exec("run", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2024-12-31", "--output-format", "orc");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("output.format") && r.err().contains("'orc'") && r.err().contains("delta, parquet"),
                r.err());
    }

    @Test
    void missingAsOfExitsTwo(@TempDir Path dir) {
        Result r = exec("run", "--input", dir.toString(), "--output", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("run.as_of"), r.err());
    }

    @Test
    void generateRejectsANonPositiveCount(@TempDir Path dir) {
        assertEquals(2, exec("generate", "--output", dir.toString(), "--customers", "0").code());
    }

    /**
     * A webhook needs a state location (its delivery ledger and watermark): with no files destination
     * and no run.state_location the configuration is incomplete, and like any bad configuration it
     * stops the run with exit 2 naming the key before Spark starts (docs/RUNNING.md), not with exit 1
     * after the whole calculation.
     */
    @Test
    void aWebhookWithoutAStateLocationExitsTwoNamingTheKey(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("hook.conf");
        Files.writeString(conf, String.join("\n",
                "destinations.hooks {",
                "  type = webhook",
                "  url = \"http://127.0.0.1:9/mrr\"",
                "  allow_http = true",
                "}"));
        Result r = exec("run", "--input", dir.resolve("no-landing").toString(), "--as-of", "2024-12-31",
                "--conf", conf.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("run.state_location"), r.err());
    }

    /**
     * An empty location is a wrong value like any other: exit 2 naming the key (docs/RUNNING.md), not
     * exit 1 with Hadoop's "Can not create a Path from an empty string".
     */
    @Test
    void anEmptyInputOutputOrStateLocationExitsTwoNamingTheKey(@TempDir Path dir) {
        String landing = dir.toString();
        String out = dir.resolve("out").toString();
        Result input = exec("run", "--input", "", "--output", out, "--as-of", "2024-12-31");
        assertEquals(2, input.code(), input.err());
        assertTrue(input.err().contains("input.uri"), input.err());
        Result output = exec("run", "--input", landing, "--output", "", "--as-of", "2024-12-31");
        assertEquals(2, output.code(), output.err());
        assertTrue(output.err().contains("output.uri"), output.err());
        Result state = exec("run", "--input", landing, "--output", out, "--as-of", "2024-12-31", "--set", "run.state_location=");
        assertEquals(2, state.code(), state.err());
        assertTrue(state.err().contains("run.state_location"), state.err());
        Result validate = exec("validate", "--input", " ");
        assertEquals(2, validate.code(), validate.err());
        assertTrue(validate.err().contains("input.uri"), validate.err());
    }
}
