package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.config.LockSettings;
import io.mrrlake.export.MotoS3;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per output: the lock object, its heartbeat, its stale take-over and its release. */
class RunLockTest {
    private static final String AS_OF = TestLanding.SMALL_AS_OF;
    private static final LockSettings QUICK = LockSettings.of(Duration.ofSeconds(1), Duration.ofSeconds(3));

    @TempDir
    static Path dir;
    static Path landing;

    @BeforeAll
    static void generate() {
        landing = TestLanding.small(dir, 9);
    }

    private static List<String> runArgs(Path out) {
        return List.of("run", "--input", landing.toString(), "--output", out.toString(), "--as-of", AS_OF,
                "--datasets", "calculated.mrr_movements");
    }

    /**
     * A real run in its own JVM takes over a stale lock (a run that died long ago on another machine)
     * and holds it; a second run on the same output, started while the first is busy, fails at once
     * with exit 1 naming the first (its pid); the first finishes and releases the lock.
     */
    @Test
    void aRunTakesOverAStaleLockAndASecondRunFailsFastNamingTheHolder() throws Exception {
        Path out = dir.resolve("out-two");
        Path lockFile = out.resolve(RunLock.FILE_NAME);
        writeStaleLock(out);
        Process first = ChildJvm.start(dir, "first", runArgs(out), Map.of());
        try {
            long deadline = System.currentTimeMillis() + 600_000;
            boolean held;
            while (!(held = heldBy(lockFile, first.pid())) && first.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            // Not read again: a heartbeat rewriting the file could be caught half-written.
            assertTrue(held, "the first run takes over the stale lock; stderr: " + Files.readString(ChildJvm.err(dir, "first")));

            long t0 = System.nanoTime();
            CommandLineTest.Result second = CommandLineTest.exec(runArgs(out).toArray(String[]::new));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(first.isAlive(), "the first run was still running while the second was refused");
            assertEquals(1, second.code(), second.err());
            assertTrue(second.err().contains("another run holds the lock at") && second.err().contains("pid " + first.pid()),
                    second.err());
            assertTrue(seconds < 10, "the second run fails at once, not after reading: " + seconds + " s");
            System.out.printf("second run refused after %.2f s%n", seconds);

            assertTrue(first.waitFor(20, TimeUnit.MINUTES), "the first run ends");
            assertEquals(0, first.exitValue(), Files.readString(ChildJvm.err(dir, "first")));
            assertFalse(Files.exists(lockFile), "the first run released its lock");
            assertEquals("succeeded", new ObjectMapper().readTree(out.resolve("_runs/" + AS_OF + "/summary.json").toFile())
                    .get("outcome").asText(), "the refused run wrote no summary over the first run's");
        } finally {
            first.destroyForcibly();
        }
    }

    /** A failed run (unreadable input) takes over a stale lock too, and releases it: the next run is not refused. */
    @Test
    void aFailedRunTakesOverAStaleLockAndReleasesIt() throws Exception {
        Path out = dir.resolve("out-stale");
        writeStaleLock(out);
        CommandLineTest.Result failed = CommandLineTest.exec("run", "--input", dir.resolve("nothing-here").toString(),
                "--output", out.toString(), "--as-of", AS_OF);
        assertEquals(1, failed.code(), failed.err());
        assertTrue(failed.err().contains("input unreadable"), failed.err());
        assertFalse(Files.exists(out.resolve(RunLock.FILE_NAME)), "released after the failure");
    }

    /** The lock of a run that started two hours ago on another machine and has not beaten since. */
    private static void writeStaleLock(Path out) throws Exception {
        Files.createDirectories(out);
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        Files.write(out.resolve(RunLock.FILE_NAME),
                RunLock.json(new RunLock.Holder("dead-run", "someone@elsewhere pid 1", "elsewhere", 1, longAgo, longAgo)));
    }

    private static boolean heldBy(Path lockFile, long pid) {
        if (!Files.exists(lockFile)) return false;
        try {
            RunLock.Holder h = RunLock.read(new org.apache.hadoop.fs.Path(lockFile.toUri()), new Configuration());
            return h != null && h.pid() == pid;
        } catch (Exception e) {
            return false; // caught mid-write: look again
        }
    }

    /** The heartbeat keeps a live lock fresh past the stale timeout; close releases it. */
    @Test
    void theHeartbeatKeepsALiveLockFromBeingTakenOver() throws Exception {
        Configuration conf = new Configuration();
        String location = dir.resolve("out-heartbeat").toUri().toString();
        Path lockFile = dir.resolve("out-heartbeat").resolve(RunLock.FILE_NAME);
        try (RunLock held = RunLock.acquire(List.of(location), conf, QUICK)) {
            Instant started = held.holder().heartbeatAt();
            Thread.sleep(QUICK.staleAfter().plusSeconds(1).toMillis());
            RunLock.Holder now = RunLock.read(new org.apache.hadoop.fs.Path(lockFile.toUri()), conf);
            assertNotNull(now);
            assertTrue(now.heartbeatAt().isAfter(started.plusSeconds(2)), "heartbeat refreshed: " + now);
            RunFailedException e = assertThrows(RunFailedException.class, () -> RunLock.acquire(List.of(location), conf, QUICK));
            assertTrue(e.getMessage().contains(held.holder().runId()), e.getMessage());
            held.checkStillHeld();
        }
        assertFalse(Files.exists(lockFile));
        RunLock.acquire(List.of(location), conf, QUICK).close();
    }

    /**
     * A heartbeat in progress when the run ends must not write the lock back after its release (that
     * left a lock that refused every next run until it turned stale). A beat every millisecond makes
     * each close likely to meet one.
     */
    @Test
    void aBeatInProgressAtTheEndNeverLeavesTheLockBehind() throws Exception {
        Configuration conf = new Configuration();
        LockSettings busy = LockSettings.of(Duration.ofMillis(1), Duration.ofSeconds(3));
        for (int round = 0; round < 200; round++) {
            Path out = dir.resolve("out-release-" + round);
            RunLock held = RunLock.acquire(List.of(out.toUri().toString()), conf, busy);
            Thread.sleep(round % 3);
            held.close();
            Thread.sleep(5); // time for a beat that outlived close to write
            assertFalse(Files.exists(out.resolve(RunLock.FILE_NAME)), "round " + round + ": the lock is back after its release");
        }
    }

    /**
     * A lock caught half-written (a heartbeat rewrites it in place) is read again before the refusal,
     * so the refusal names the run that holds it.
     */
    @Test
    void aLockCaughtMidWriteIsReadAgainAndItsHolderNamed() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out-mid-write"));
        Path lockFile = out.resolve(RunLock.FILE_NAME);
        Instant now = Instant.now();
        byte[] whole = RunLock.json(new RunLock.Holder("live-run", "someone@elsewhere pid 7", "elsewhere", 7, now, now));
        Files.write(lockFile, java.util.Arrays.copyOf(whole, whole.length / 2));
        Thread heartbeat = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.write(lockFile, whole);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        heartbeat.start();
        try {
            RunFailedException e = assertThrows(RunFailedException.class,
                    () -> RunLock.acquire(List.of(out.toUri().toString()), new Configuration(), QUICK));
            assertTrue(e.getMessage().contains("live-run"), e.getMessage());
        } finally {
            heartbeat.join();
        }
    }

    /** A holder on this machine whose process is gone (kill -9) is not waited for: a rerun can start at once. */
    @Test
    void aLockOfADeadProcessOnThisMachineIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Configuration conf = new Configuration();
        Path out = Files.createDirectories(dir.resolve("out-killed"));
        Instant now = Instant.now();
        RunLock.Holder self;
        try (RunLock probe = RunLock.acquire(List.of(dir.resolve("probe").toUri().toString()), conf, QUICK)) {
            self = probe.holder();
        }
        Files.write(out.resolve(RunLock.FILE_NAME), RunLock.json(new RunLock.Holder("killed-run",
                "someone pid " + gone.pid(), self.host(), gone.pid(), now, now)));
        try (RunLock taken = RunLock.acquire(List.of(out.toUri().toString()), conf, QUICK)) {
            assertEquals(taken.holder().runId(), RunLock.read(new org.apache.hadoop.fs.Path(out.resolve(RunLock.FILE_NAME).toUri()),
                    conf).runId());
        }
        // The same lock of a live process (this JVM) is respected.
        Files.write(out.resolve(RunLock.FILE_NAME), RunLock.json(new RunLock.Holder("live-run",
                "this jvm", self.host(), ProcessHandle.current().pid(), now, now)));
        assertThrows(RunFailedException.class, () -> RunLock.acquire(List.of(out.toUri().toString()), conf, QUICK));
        Files.delete(out.resolve(RunLock.FILE_NAME));
    }

    /** All locations or none: a run that finds its second location locked gives back the first. */
    @Test
    void aRunLockedOutOfOneLocationReleasesTheOthers() throws Exception {
        Configuration conf = new Configuration();
        String a = dir.resolve("loc-a").toUri().toString();
        String b = dir.resolve("loc-b").toUri().toString();
        try (RunLock onB = RunLock.acquire(List.of(b), conf, QUICK)) {
            assertThrows(RunFailedException.class, () -> RunLock.acquire(List.of(a, b), conf, QUICK));
            assertFalse(Files.exists(dir.resolve("loc-a").resolve(RunLock.FILE_NAME)));
        }
    }

    /**
     * On a real S3 API through S3A: the second taker is refused naming the first, the lock is gone
     * after close. (S3A in Hadoop 3.3 checks, then writes: the exclusion holds between runs that do
     * not start within the same instant; docs/OPERATIONS.md.)
     */
    @Test
    void theLockWorksOnS3() throws Exception {
        try (MotoS3 moto = MotoS3.start(new java.io.File("target/moto-lock-test.log"))) {
            moto.createBucket("locks");
            Configuration conf = new Configuration();
            moto.configure(conf);
            String location = "s3a://locks/out";
            try (RunLock held = RunLock.acquire(List.of(location), conf, QUICK)) {
                RunFailedException e = assertThrows(RunFailedException.class,
                        () -> RunLock.acquire(List.of(location), conf, QUICK));
                assertTrue(e.getMessage().contains(held.holder().owner()), e.getMessage());
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location + "/" + RunLock.FILE_NAME);
            assertFalse(p.getFileSystem(conf).exists(p));
            RunLock.acquire(List.of(location), conf, QUICK).close();
        }
    }
}
