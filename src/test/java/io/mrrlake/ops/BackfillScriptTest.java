package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/backfill's loop: dates, month ends, {as_of} substitution, stopping at the first failure.
 * A stand-in launcher records each call and fails on one chosen date; the real job is run by
 * scripts/cluster-smoke and the scenario tests.
 */
class BackfillScriptTest {
    @TempDir
    Path tmp;

    Path calls;
    Map<String, String> env;

    @BeforeEach
    void fakeLauncher() throws Exception {
        calls = tmp.resolve("calls.txt");
        Path launcher = tmp.resolve("launcher.sh");
        Files.writeString(launcher, """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> "$CALLS"
                [[ "$*" == *"--as-of ${FAIL_ON:-never}" ]] && exit "${FAIL_CODE:-1}"
                exit 0
                """, StandardCharsets.UTF_8);
        launcher.toFile().setExecutable(true);
        env = Map.of("MRRLAKE_BACKFILL_LAUNCHER", launcher.toString(), "CALLS", calls.toString());
    }

    @Test
    void everyDayInOrderAcrossALeapDayAndAMonthEnd() throws Exception {
        Scripts.Result r = Scripts.run(tmp, env, "scripts/backfill", "2024-02-27", "2024-03-02",
                "--input", "/landing", "--output", "/out");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(
                "run --input /landing --output /out --as-of 2024-02-27",
                "run --input /landing --output /out --as-of 2024-02-28",
                "run --input /landing --output /out --as-of 2024-02-29",
                "run --input /landing --output /out --as-of 2024-03-01",
                "run --input /landing --output /out --as-of 2024-03-02"), calls());
    }

    @Test
    void monthlyRunsAsOfEachMonthsLastDayWithPerRunOutputs() throws Exception {
        Scripts.Result r = Scripts.run(tmp, env, "scripts/backfill", "--monthly", "2023-11", "2024-02-10",
                "--input", "/landing", "--output", "/snapshots/{as_of}");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(
                "run --input /landing --output /snapshots/2023-11-30 --as-of 2023-11-30",
                "run --input /landing --output /snapshots/2023-12-31 --as-of 2023-12-31",
                "run --input /landing --output /snapshots/2024-01-31 --as-of 2024-01-31",
                "run --input /landing --output /snapshots/2024-02-29 --as-of 2024-02-29"), calls());
    }

    @Test
    void stopsAtTheFirstFailureWithItsExitCodeAndSaysHowToResume() throws Exception {
        Map<String, String> failing = new java.util.HashMap<>(env);
        failing.put("FAIL_ON", "2025-01-03");
        failing.put("FAIL_CODE", "2");
        Scripts.Result r = Scripts.run(tmp, failing, "scripts/backfill", "2025-01-01", "2025-01-05", "--input", "/l");
        assertEquals(2, r.exitCode(), "the failed run's exit code");
        assertEquals(3, calls().size(), "nothing after the failed day ran: " + calls());
        assertTrue(r.stderr().contains("the run as of 2025-01-03 failed with exit code 2"), r.stderr());
        assertTrue(r.stderr().contains("resume with: scripts/backfill 2025-01-03 2025-01-05 --input /l"), r.stderr());
    }

    @Test
    void rejectsBadRanges() throws Exception {
        assertEquals(2, Scripts.run(tmp, env, "scripts/backfill", "2025-02-30", "2025-03-01").exitCode());
        assertEquals(2, Scripts.run(tmp, env, "scripts/backfill", "2025-03-02", "2025-03-01").exitCode());
        assertEquals(2, Scripts.run(tmp, env, "scripts/backfill", "2025-03-01").exitCode());
        assertEquals(2, Scripts.run(tmp, env, "scripts/backfill", "2025-03-01", "2025-03-02", "--as-of", "x").exitCode());
        assertTrue(!Files.exists(calls), "no run started");
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(calls, StandardCharsets.UTF_8);
    }
}
