package io.mrrlake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python with the project's pinned environment (scripts/pyenv.sh installs notebooks/requirements.txt
 * the first time), the way the notebooks and scripts do.
 */
public final class ProjectPython {
    private ProjectPython() {}

    /** Runs python with args (a script and its arguments, or -c CODE); fails the test unless it exits 0. */
    public static String run(Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "source scripts/pyenv.sh && exec \"$(mrrlake_pyenv)/bin/python\" \"$@\"", "python"));
        cmd.addAll(args);
        Path stdout = Files.createTempFile(dir, "python", ".out");
        Path stderr = Files.createTempFile(dir, "python", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "python finishes");
        assertEquals(0, p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
