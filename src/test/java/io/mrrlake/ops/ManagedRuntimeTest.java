package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main.main under a managed runtime (Databricks sets DATABRICKS_RUNTIME_VERSION): a failure is thrown,
 * never System.exit, and success returns normally; elsewhere the exit code is the process's. Each
 * case runs in its own JVM, since System.exit would end the test's.
 */
class ManagedRuntimeTest {
    @TempDir
    Path tmp;

    record Outcome(int exitCode, String stderr) {}

    @Test
    void aBadCommandLineExits2OutsideAManagedRuntime() throws Exception {
        Outcome o = main(false, "run", "--no-such-option");
        assertEquals(2, o.exitCode(), o.stderr());
        assertFalse(o.stderr().contains("ManagedRuntimeExit"), o.stderr());
    }

    @Test
    void underAManagedRuntimeAFailureIsThrownWithTheExitCode() throws Exception {
        Outcome o = main(true, "run", "--no-such-option");
        // The JVM's own code for an uncaught exception, not the job's System.exit(2).
        assertEquals(1, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("ManagedRuntimeExit"), o.stderr());
        assertTrue(o.stderr().contains("exited with code 2"), o.stderr());
    }

    @Test
    void underAManagedRuntimeSuccessReturnsNormally() throws Exception {
        Outcome o = main(true, "--version");
        assertEquals(0, o.exitCode(), o.stderr());
        assertFalse(o.stderr().contains("Exception"), o.stderr());
    }

    private Outcome main(boolean managed, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.mrrlake.cli.Main"));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(new File(System.getProperty("user.dir")));
        pb.environment().remove("DATABRICKS_RUNTIME_VERSION");
        if (managed) {
            pb.environment().put("DATABRICKS_RUNTIME_VERSION", "15.4");
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
        return new Outcome(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
