package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mrrlake.export.FileFormat;
import io.mrrlake.export.FilesReader;
import io.mrrlake.export.MotoS3;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.RowChecksums;
import io.mrrlake.testing.Signals;
import io.mrrlake.testing.SparkTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's JVM killed with SIGKILL at each step of a run, and its stores stalled in the middle of a
 * write, on one output with three destinations: the run's Delta output (local), Parquet files on an
 * S3 API (moto_server) and PostgreSQL tables (embedded). After every fault each dataset a reader
 * sees is whole: a Delta table's committed version, a Parquet folder with {@code _SUCCESS} (the
 * folder without it is the documented window while files move in, docs/DESTINATIONS.md), a table.
 * The run before and the runs after read the same landing zone for the same as-of, so a whole
 * dataset equals the undisturbed run's rows; a dataset half-written, doubled or lost does not. The
 * rerun takes over the killed run's lock (its process is gone) and leaves the undisturbed rows.
 *
 * <p>The kill moments are found from outside, as an operator would see them: the run's log line,
 * files appearing in a Delta table, keys listed from the S3 server, tables in pg_catalog.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KilledAndStalledRunTest {
    private static final String BUCKET = "lake";
    private static final String S3_PREFIX = "marts";
    private static final String PG_SCHEMA = "mrr";
    /**
     * What the runs write to each destination: the calculated datasets and one source dataset (all 28
     * would cost minutes per run and per check, and add no other kind of write).
     */
    private static final List<OutputDataset> COPIED = Stream.concat(
            Stream.of(OutputDataset.values()).filter(d -> d.family().equals("calculated")),
            Stream.of(OutputDataset.SOURCE_CUSTOMERS)).toList();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);
    /** A run whose stores stall must end within this (the test's S3A and JDBC timeouts are seconds). */
    private static final Duration STALLED_RUN_LIMIT = Duration.ofMinutes(6);
    private static final long POLL_MS = 50;
    private static final String MOVING = "moving: no _SUCCESS";

    @TempDir
    static Path dir;
    private static Path out;
    private static MotoS3 moto;
    private static EmbeddedPostgres pg;
    private static Outputs outputs;
    private static Runs runs;
    /** What the undisturbed run left in each destination, per dataset. */
    private static Map<String, String> undisturbed;

    /** One landing zone, the three destinations and the undisturbed run, shared by both tests. */
    @BeforeAll
    static void undisturbedRun() throws Exception {
        Path landing = TestLanding.generate(dir.resolve("landing"), 20, 5, 12, "2023-01-01");
        out = dir.resolve("out");
        moto = MotoS3.start(dir.resolve("moto.log").toFile());
        pg = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
        moto.createBucket(BUCKET);
        moto.configure(SparkTest.spark().sparkContext().hadoopConfiguration());
        sql(pg, "CREATE SCHEMA " + PG_SCHEMA);
        outputs = new Outputs(out, moto, pg);
        List<String> args = List.of("run", "--input", landing.toString(), "--output", out.toString(),
                "--as-of", TestLanding.SMALL_AS_OF, "--conf", writeConf(dir, moto, pg).toString(),
                "--datasets", String.join(",", COPIED.stream().map(OutputDataset::dottedName).toList()));
        runs = new Runs(dir, args);
        runs.finish("baseline", 0);
        undisturbed = outputs.read();
        assertEquals(3, undisturbed.keySet().stream().map(k -> k.substring(0, k.indexOf(':'))).distinct().count(),
                "every destination read: " + undisturbed.keySet());
        assertFalse(undisturbed.containsValue(MOVING), undisturbed.toString());
    }

    @AfterAll
    static void stopServers() throws Exception {
        System.out.println("job runs: " + (runs == null ? "none" : runs.timings));
        if (pg != null) pg.close();
        if (moto != null) moto.close();
    }

    @Test
    @Order(1)
    void aRunKilledAtEachStepLeavesWholeDatasetsAndTheRerunGivesTheUndisturbedRows() throws Exception {
        // (a) Reading the landing zone.
        runs.killWhen("reading", p -> Files.readString(ChildJvm.err(dir, p)).contains("stage read: started"));
        outputs.assertWhole(undisturbed, "killed while reading");
        assertTrue(Files.exists(out.resolve(RunLock.FILE_NAME)), "the killed run's lock is left behind");

        // (b, c) Between two datasets and inside a Delta commit: one table has its new commit, another
        // has data files of its next version and no commit yet.
        Map<Path, Set<String>> before = deltaFiles(out);
        List<String> seen = new ArrayList<>();
        runs.killWhen("inside a Delta commit after another dataset's commit", p -> {
            Map<Path, Set<String>> now = deltaFiles(out);
            List<Path> committed = new ArrayList<>();
            List<Path> uncommitted = new ArrayList<>();
            now.forEach((table, files) -> {
                Set<String> added = new HashSet<>(files);
                added.removeAll(before.getOrDefault(table, Set.of()));
                if (added.stream().anyMatch(f -> f.startsWith("_delta_log/") && f.endsWith(".json"))) committed.add(table);
                else if (added.stream().anyMatch(f -> f.endsWith(".parquet"))) uncommitted.add(table);
            });
            if (committed.isEmpty() || uncommitted.isEmpty()) return false;
            seen.add(committed.size() + " tables committed, uncommitted data files in " + uncommitted.stream()
                    .map(t -> out.relativize(t).toString()).toList());
            return true;
        });
        System.out.println("Delta kill: " + seen);
        outputs.assertWhole(undisturbed, "killed inside a Delta commit");

        // (d) Inside the Parquet write to S3: files of this run in the S3 destination's staging place.
        runs.killWhen("inside the Parquet write to S3", p -> !files(moto.keys(BUCKET, S3_PREFIX + "/_staging/")).isEmpty());
        outputs.assertWhole(undisturbed, "killed inside the Parquet write to S3");

        // (e) Inside the JDBC swap: this run's staging table exists.
        try (Connection watch = pg.getPostgresDatabase().getConnection()) {
            Set<String> leftOver = stagingTables(watch);
            runs.killWhen("inside the JDBC write", p -> !leftOver.containsAll(stagingTables(watch)));
        }
        outputs.assertWhole(undisturbed, "killed inside the JDBC write");

        runs.finish("rerun after the kills", 0);
        assertEquals(undisturbed, outputs.read(), "the rerun leaves the undisturbed run's rows");
    }

    /**
     * S3 frozen in the middle of the Parquet write, then PostgreSQL frozen in the middle of the JDBC
     * write: the run fails on its own, naming both, and the next run succeeds.
     */
    @Test
    @Order(2)
    void storesThatStallMidWriteFailTheRunNamingThemAndTheNextRunSucceeds() throws Exception {
        long frozenAt;
        Path postmasterPid;
        Process stalled = runs.start("stalled");
        try (Connection watch = pg.getPostgresDatabase().getConnection()) {
            postmasterPid = postmasterPidFile(watch);
            Set<String> leftOver = stagingTables(watch);
            awaitOrFail(stalled, "S3 staging files", () -> !files(moto.keys(BUCKET, S3_PREFIX + "/_staging/")).isEmpty());
            moto.freeze();
            frozenAt = System.nanoTime();
            awaitOrFail(stalled, "a JDBC staging table", () -> !leftOver.containsAll(stagingTables(watch)));
        }
        long[] postgres = postgresProcesses(postmasterPid);
        try {
            Signals.send("STOP", postgres);
            assertTrue(stalled.waitFor(STALLED_RUN_LIMIT.toSeconds(), TimeUnit.SECONDS),
                    "a run whose stores stall ends within " + STALLED_RUN_LIMIT);
        } finally {
            stalled.destroyForcibly();
            Signals.send("CONT", postgres);
            moto.thaw();
        }
        long stalledSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt);
        String err = Files.readString(ChildJvm.err(dir, "stalled"));
        assertEquals(ExitCodes.RUN_FAILED, stalled.exitValue(), err);
        assertTrue(err.contains("destination failed: marts") && err.contains("warehouse ("), "both destinations named: " + err);
        System.out.printf("stalled stores: the run failed %d s after S3 froze%n", stalledSeconds);
        outputs.assertWhole(undisturbed, "S3 and PostgreSQL stalled");

        runs.finish("rerun after the stalls", 0);
        assertEquals(undisturbed, outputs.read(), "the next run leaves the undisturbed run's rows");
    }

    private static Path writeConf(Path dir, MotoS3 moto, EmbeddedPostgres pg) throws Exception {
        StringBuilder spark = new StringBuilder();
        moto.s3aSettings().forEach((k, v) -> spark.append("  \"spark.hadoop.").append(k).append("\" = \"").append(v).append("\"\n"));
        // Seconds instead of the job's defaults (docs/RELIABILITY.md), so the stalled run ends quickly.
        spark.append("  \"spark.hadoop.fs.s3a.connection.timeout\" = \"5000\"\n")
                .append("  \"spark.hadoop.fs.s3a.attempts.maximum\" = \"1\"\n")
                .append("  \"spark.hadoop.fs.s3a.retry.limit\" = \"1\"\n");
        Path conf = dir.resolve("faults.conf");
        Files.writeString(conf, String.join("\n",
                "destinations {",
                "  marts { type = files, uri = \"s3a://" + BUCKET + "/" + S3_PREFIX + "\", format = parquet }",
                "  warehouse { type = jdbc, url = \"jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?socketTimeout=15\",",
                "    user = postgres, password = ${?TEST_PG_PASSWORD}, schema = " + PG_SCHEMA + " }",
                "}",
                "spark {", spark.toString(), "}", ""));
        return conf;
    }

    /** The job's runs as child JVMs, each named, with their wall times. */
    private static final class Runs {
        private final Path dir;
        private final List<String> args;
        final Map<String, String> timings = new java.util.LinkedHashMap<>();

        Runs(Path dir, List<String> args) {
            this.dir = dir;
            this.args = args;
        }

        Process start(String name) throws Exception {
            // Trust authentication ignores the password; the destination requires one.
            return ChildJvm.start(dir, name, args, Map.of("TEST_PG_PASSWORD", "unused"));
        }

        void finish(String name, int expectedExit) throws Exception {
            long t0 = System.nanoTime();
            Process p = start(name);
            try {
                assertTrue(p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), name + " ends");
            } finally {
                p.destroyForcibly();
            }
            timings.put(name, seconds(t0));
            assertEquals(expectedExit, p.exitValue(), name + ": " + Files.readString(ChildJvm.err(dir, name)));
        }

        /** Starts a run and kills it with SIGKILL as soon as {@code moment} holds; fails if the run ends first. */
        void killWhen(String what, Moment moment) throws Exception {
            String name = "killed " + what.replaceAll("[^a-zA-Z]+", "-");
            long t0 = System.nanoTime();
            Process p = start(name);
            try {
                awaitOrFail(p, what, () -> moment.holds(name));
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
            timings.put(name, seconds(t0));
            assertEquals(137, p.exitValue(), "killed by SIGKILL " + what);
        }

        private static String seconds(long t0) {
            return String.format("%.0f s", (System.nanoTime() - t0) / 1e9);
        }
    }

    @FunctionalInterface
    private interface Moment {
        boolean holds(String runName) throws Exception;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitOrFail(Process p, String what, Condition c) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (c.holds()) return;
            if (!p.isAlive()) fail("the run ended (exit " + p.exitValue() + ") before " + what);
            Thread.sleep(POLL_MS);
        }
        fail("no " + what + " within " + RUN_LIMIT);
    }

    /** What a reader of each destination sees, per dataset: its rows' checksum. */
    private static final class Outputs {
        private final Path out;
        private final MotoS3 moto;
        private final EmbeddedPostgres pg;

        Outputs(Path out, MotoS3 moto, EmbeddedPostgres pg) {
            this.out = out;
            this.moto = moto;
            this.pg = pg;
        }

        Map<String, String> read() throws Exception {
            SparkSession spark = SparkTest.spark();
            Map<String, String> seen = new TreeMap<>();
            for (Path table : deltaFiles(out).keySet()) {
                seen.put("delta:" + out.relativize(table), RowChecksums.of(FilesReader.read(spark, table.toString(), FileFormat.DELTA)));
            }
            for (OutputDataset d : COPIED) {
                String path = S3_PREFIX + "/" + d.path();
                boolean success = !moto.keys(BUCKET, path + "/_SUCCESS").isEmpty();
                seen.put("s3:" + d.path(), success
                        ? RowChecksums.of(spark.read().parquet("s3a://" + BUCKET + "/" + path)) : MOVING);
            }
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + PG_SCHEMA + "'")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (table.contains("__stg_")) continue;
                    seen.put("jdbc:" + table, RowChecksums.of(spark.read().format("jdbc")
                            .option("url", pg.getJdbcUrl("postgres", "postgres"))
                            .option("dbtable", PG_SCHEMA + "." + table).load()));
                }
            }
            return seen;
        }

        /** Every dataset there and equal to the undisturbed rows, except a Parquet folder without _SUCCESS. */
        void assertWhole(Map<String, String> undisturbed, String fault) throws Exception {
            Map<String, String> now = read();
            assertEquals(undisturbed.keySet(), now.keySet(), fault + ": every dataset is there");
            List<String> moving = new ArrayList<>();
            undisturbed.forEach((k, v) -> {
                if (now.get(k).equals(MOVING)) moving.add(k);
                else assertEquals(v, now.get(k), fault + ": " + k);
            });
            System.out.printf("%s: %d datasets whole, without _SUCCESS (moving files in): %s%n",
                    fault, undisturbed.size() - moving.size(), moving);
        }
    }

    /** Every Delta table under the output and the files in it (relative paths), leaving out the run's own folders. */
    private static Map<Path, Set<String>> deltaFiles(Path out) throws Exception {
        Map<Path, Set<String>> tables = new TreeMap<>();
        List<Path> logs = null;
        while (logs == null) {
            try (Stream<Path> all = Files.walk(out)) {
                logs = all.filter(p -> p.getFileName().toString().equals("_delta_log") && Files.isDirectory(p)).toList();
            } catch (java.io.UncheckedIOException vanished) {
                // A folder removed while listed (a run cleaning up): list again.
            }
        }
        for (Path log : logs) {
            Path table = log.getParent();
            Set<String> files = new HashSet<>();
            try (Stream<Path> in = Files.walk(table)) {
                in.filter(Files::isRegularFile).forEach(f -> files.add(table.relativize(f).toString()));
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
                // A file renamed or deleted while listed: the next poll sees the table again.
            }
            tables.put(table, files);
        }
        return tables;
    }

    private static List<String> files(List<String> keys) {
        return keys.stream().filter(k -> !k.endsWith("/")).toList();
    }

    private static Set<String> stagingTables(Connection c) throws Exception {
        Set<String> names = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_stg\\_%'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    /** The postmaster's pid file, in the server's data directory. */
    private static Path postmasterPidFile(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1), "postmaster.pid");
        }
    }

    /** The postmaster and every process it runs now (each backend, the background workers). */
    private static long[] postgresProcesses(Path pidFile) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle p = ProcessHandle.of(postmaster).orElseThrow();
        return Stream.concat(Stream.of(p), p.descendants()).mapToLong(ProcessHandle::pid).toArray();
    }

    private static void sql(EmbeddedPostgres pg, String statement) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
