package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mrrlake.config.SecretKeys;
import io.mrrlake.testing.SparkTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * No secret in anything a run leaves. A real run in its own JVM (so that its SparkContext writes an
 * event log) with a JDBC destination whose password comes from the environment, a second JDBC
 * destination with the same password that fails (so the secret-bearing error path runs), an Azure
 * storage account key as a Spark setting and a value hidden by the user's own redaction pattern;
 * then every byte of stdout, stderr, the event log, summary.json and report.html is searched for the
 * secret values.
 */
class SecretsLeakTest {
    private static final String PG_PASSWORD = "pg-Pw-5d41402abc4b2a76b9719d911017c592";
    private static final String AZURE_KEY = "azKey+7f9d2c1e0b8a4f6e3d5c7b9a1e2f4d6c8b0a==";
    private static final String USER_HIDDEN = "zq-custom-value-8841";

    @Test
    void aRunLeavesNoSecretInLogsEventLogSummaryOrReport(@TempDir Path dir) throws Exception {
        Path landing = TestLanding.small(dir, 3);
        Path events = Files.createDirectories(dir.resolve("events"));
        Path out = dir.resolve("out");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE mrrlake LOGIN PASSWORD '" + PG_PASSWORD + "'");
                st.execute("CREATE SCHEMA mrr AUTHORIZATION mrrlake");
            }
            Path conf = dir.resolve("secrets.conf");
            Files.writeString(conf, String.join("\n",
                    "destinations {",
                    "  reporting { type = jdbc, url = \"jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres\",",
                    "    user = mrrlake, password = ${?TEST_PG_PASSWORD}, schema = mrr, datasets = [\"calculated.*\"] }",
                    "  unreachable { type = jdbc, url = \"jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2\",",
                    "    user = mrrlake, password = ${?TEST_PG_PASSWORD}, datasets = [\"calculated.mrr_monthly\"] }",
                    "}",
                    "spark {",
                    "  \"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net\" = ${?TEST_AZURE_KEY}",
                    "  \"spark.redaction.regex\" = \"(?i)mycorp_hidden\"",
                    "  \"spark.mycorp_hidden.value\" = \"" + USER_HIDDEN + "\"",
                    "  \"spark.eventLog.enabled\" = true",
                    "  \"spark.eventLog.dir\" = \"" + events.toUri() + "\"",
                    "}", ""));
            List<String> args = List.of("run", "--input", landing.toString(), "--output", out.toString(),
                    "--as-of", TestLanding.SMALL_AS_OF, "--conf", conf.toString(),
                    "--datasets", "calculated.mrr_movements,calculated.mrr_monthly");
            Process p = ChildJvm.start(dir, "run", args, Map.of("TEST_PG_PASSWORD", PG_PASSWORD, "TEST_AZURE_KEY", AZURE_KEY));
            try {
                assertTrue(p.waitFor(20, TimeUnit.MINUTES), "the run ends");
            } finally {
                p.destroyForcibly();
            }
            String err = Files.readString(ChildJvm.err(dir, "run"));
            assertEquals(1, p.exitValue(), "the unreachable destination fails the run: " + err);
            assertTrue(err.contains("destination failed: unreachable"), err);

            // The secrets were used: the reachable destination logged in with the password and wrote its tables.
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM mrr.calculated_mrr_movements")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0);
            }
        }

        Map<Path, String> left = new LinkedHashMap<>();
        for (Path root : List.of(dir.resolve("run.out"), dir.resolve("run.err"), events, out.resolve("_runs"))) {
            try (Stream<Path> files = Files.walk(root)) {
                // Byte for byte (checksum side files are binary); the secrets are ASCII.
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    left.put(f, new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        String eventLog = left.entrySet().stream().filter(e -> e.getKey().startsWith(events))
                .map(Map.Entry::getValue).reduce("", String::concat);
        assertTrue(eventLog.contains("SparkListenerEnvironmentUpdate") && eventLog.contains("fs.azure.account.key.acct"),
                "the event log was written and names the setting");
        assertTrue(eventLog.contains("SparkListenerSQLExecutionStart"), "the event log holds the write plans");
        assertTrue(left.keySet().stream().anyMatch(f -> f.endsWith("summary.json"))
                && left.keySet().stream().anyMatch(f -> f.endsWith("report.html")));

        List<String> hits = new ArrayList<>();
        for (Map.Entry<Path, String> e : left.entrySet()) {
            for (String secret : List.of(PG_PASSWORD, AZURE_KEY, USER_HIDDEN)) {
                if (e.getValue().contains(secret)) hits.add(secret + " in " + dir.relativize(e.getKey()));
            }
        }
        System.out.printf("searched %d files (%d bytes) for 3 secrets: %d hits%n", left.size(),
                left.values().stream().mapToLong(String::length).sum(), hits.size());
        assertEquals(List.of(), hits);
    }

    /** Writer options a plan shows (Snowflake's key, a BigQuery credential) are hidden by the job's pattern. */
    @Test
    void theSessionHidesWriterOptionsSparksDefaultPatternMisses() {
        Map<String, String> options = Map.of("pem_private_key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                "sfPassword", "pw", "credentials", "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0=", "sfURL", "acct.snowflakecomputing.com",
                "dbtable", "CALCULATED_MRR_MOVEMENTS");
        List<scala.Tuple2<String, String>> pairs = new ArrayList<>();
        options.forEach((k, v) -> pairs.add(new scala.Tuple2<>(k, v)));
        Map<String, String> shown = new LinkedHashMap<>();
        for (scala.Tuple2<String, String> t : JavaConverters.seqAsJavaList(
                SparkTest.spark().sessionState().conf().redactOptions(JavaConverters.asScalaBuffer(pairs).toSeq()))) {
            shown.put(t._1(), t._2());
        }
        for (String key : List.of("pem_private_key", "sfPassword", "credentials")) {
            assertFalse(shown.get(key).equals(options.get(key)), key + " shown: " + shown.get(key));
        }
        assertEquals("CALCULATED_MRR_MOVEMENTS", shown.get("dbtable"));
    }

    @Test
    void theUsersOwnRedactionPatternIsKept() {
        String combined = SecretKeys.redactionRegex("(?i)mycorp_hidden");
        assertTrue(java.util.regex.Pattern.compile(combined).matcher("spark.mycorp_hidden.value").find());
        assertTrue(java.util.regex.Pattern.compile(combined).matcher("spark.hadoop.fs.azure.account.key.a").find());
        assertEquals(combined, SecretKeys.redactionRegex(combined), "applied twice, the same");
    }

    @Test
    void secretsOnTheCommandLineAreRefusedNamingTheKey(@TempDir Path dir) {
        for (String key : List.of("destinations.reporting.password", "destinations.warehouse.private_key",
                "destinations.hooks.secret", "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
                "spark.hadoop.fs.s3a.secret.key")) {
            CommandLineTest.Result r = CommandLineTest.exec("run", "--input", dir.toString(), "--output",
                    dir.resolve("out").toString(), "--as-of", "2024-12-31", "--set", key + "=s3cr3t-on-the-command-line");
            assertEquals(2, r.code(), key + ": " + r.err());
            assertTrue(r.err().contains(key) && r.err().contains("holds a secret"), r.err());
            assertFalse(r.err().contains("s3cr3t-on-the-command-line"), r.err());
        }
        CommandLineTest.Result validate = CommandLineTest.exec("validate", "--input", dir.toString(),
                "--set", "destinations.reporting.password=x");
        assertEquals(2, validate.code(), validate.err());
    }
}
