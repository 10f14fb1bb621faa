package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit command scripts/spark-submit.sh builds (--dry-run prints it). The command running
 * for real on a standalone cluster is scripts/cluster-smoke's part.
 */
class SparkSubmitScriptTest {
    @TempDir
    Path tmp;

    Path conf;
    Map<String, String> env;

    @BeforeEach
    void files() throws Exception {
        conf = tmp.resolve("prod.conf");
        Files.writeString(conf, "mrr.account_currency = EUR\n");
        env = Map.of("MRRLAKE_JAR", "/opt/mrrlake/mrrlake.jar", "SPARK_SUBMIT", "/opt/spark/bin/spark-submit");
    }

    @Test
    void clusterModeOnYarnShipsTheConfAndPassesItsBaseName() throws Exception {
        List<String> cmd = dryRun("--master", "yarn", "--deploy-mode", "cluster", "--with", "s3", "--executor-memory", "4g",
                "run", "--input", "s3a://b/landing", "--conf", conf.toString(), "--as-of", "2025-01-31");
        assertEquals("/opt/spark/bin/spark-submit", cmd.get(0));
        assertEquals("io.mrrlake.cli.Main", after(cmd, "--class"));
        assertEquals("yarn", after(cmd, "--master"));
        assertEquals("cluster", after(cmd, "--deploy-mode"));
        assertEquals("org.apache.hadoop:hadoop-aws:3.3.4", after(cmd, "--packages"), "S3A of Spark's Hadoop version");
        assertEquals(conf.toString(), after(cmd, "--files"));
        assertEquals("4g", after(cmd, "--executor-memory"), "other submit options pass through");
        int jar = cmd.indexOf("/opt/mrrlake/mrrlake.jar");
        assertEquals(List.of("run", "--input", "s3a://b/landing", "--conf", "prod.conf", "--as-of", "2025-01-31"),
                cmd.subList(jar + 1, cmd.size()), "job arguments after the jar, the conf by its shipped name");
        String flags = ProjectFiles.java17Flags();
        assertTrue(cmd.contains("spark.driver.extraJavaOptions=" + flags), "driver gets pom's Java 17 flags");
        assertTrue(cmd.contains("spark.executor.extraJavaOptions=" + flags), "executors get pom's Java 17 flags");
        assertFalse(cmd.contains("spark.standalone.submit.waitAppCompletion=true"));
    }

    @Test
    void clientModeAndStandaloneClusterKeepTheConfPath() throws Exception {
        List<String> client = dryRun("--master", "spark://h:7077", "run", "--conf", conf.toString(), "--as-of", "2025-01-31");
        assertEquals(conf.toString(), after(client, "run", "--conf"));
        assertEquals("client", after(client, "--deploy-mode"));

        List<String> standalone = dryRun("--master", "spark://h:7077", "--deploy-mode", "cluster",
                "run", "--conf=" + conf, "--as-of", "2025-01-31");
        assertEquals(conf.toString(), after(standalone, "run", "--conf"));
        assertTrue(standalone.contains("spark.standalone.submit.waitAppCompletion=true"),
                "standalone cluster mode waits for the driver, so its outcome is the exit code");
    }

    @Test
    void connectorsAndExtraJavaOptions() throws Exception {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("MRRLAKE_DRIVER_JAVA_OPTS", "-Dx=1");
        List<String> cmd = Scripts.run(tmp, e, "scripts/spark-submit.sh", "--dry-run", "--with", "gcs", "--with=azure",
                "--packages", "a:b:1", "validate", "--input", "gs://b/l").lines();
        assertEquals("com.google.cloud.bigdataoss:gcs-connector:hadoop3-2.2.22,org.apache.hadoop:hadoop-azure:3.3.4,a:b:1",
                after(cmd, "--packages"));
        assertTrue(cmd.contains("spark.driver.extraJavaOptions=" + ProjectFiles.java17Flags() + " -Dx=1"));
        assertFalse(cmd.contains("--master"), "no master given: spark-submit's default");
        assertEquals("mrrlake-validate", after(cmd, "--name"));
    }

    @Test
    void badInvocationsExitWith2() throws Exception {
        assertEquals(2, Scripts.run(tmp, env, "scripts/spark-submit.sh", "--dry-run", "--master", "yarn").exitCode(),
                "no command");
        assertEquals(2, Scripts.run(tmp, env, "scripts/spark-submit.sh", "--dry-run", "--deploy-mode", "remote", "run").exitCode());
        assertEquals(2, Scripts.run(tmp, env, "scripts/spark-submit.sh", "--dry-run", "--with", "ftp", "run").exitCode());
        assertEquals(2, Scripts.run(tmp, env, "scripts/spark-submit.sh", "--dry-run", "--class", "x.Y", "run").exitCode());
    }

    /**
     * The launchers and scripts/cluster-smoke read the short-run JVM flags from pom.xml themselves;
     * the test JVM gets them as Maven resolved them. Both must be the one value.
     */
    @Test
    void theScriptsShortRunFlagsAreThePomsAsMavenResolvesThem() throws Exception {
        String resolved = System.getProperty("short.run.jvm.flags");
        assertTrue(resolved != null && resolved.startsWith("-"), "Surefire passes short.run.jvm.flags: " + resolved);
        Path probe = tmp.resolve("probe.sh");
        Files.writeString(probe, "root=\"" + ProjectFiles.ROOT + "\"\nsource \"$root/scripts/lib.sh\"\nmrrlake_short_run_jvm_flags\n");
        Scripts.Result r = Scripts.run(tmp, Map.of(), probe.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(resolved), r.lines(), "scripts/lib.sh's mrrlake_short_run_jvm_flags, one line");
    }

    private List<String> dryRun(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--dry-run";
        System.arraycopy(args, 0, all, 1, args.length);
        Scripts.Result r = Scripts.run(tmp, env, "scripts/spark-submit.sh", all);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.lines();
    }

    /** The value after the first occurrence of option (after the given marker, when one is given). */
    private static String after(List<String> cmd, String option) {
        int i = cmd.indexOf(option);
        assertTrue(i >= 0 && i + 1 < cmd.size(), option + " in " + cmd);
        return cmd.get(i + 1);
    }

    private static String after(List<String> cmd, String marker, String option) {
        int m = cmd.lastIndexOf(marker);
        return after(cmd.subList(m, cmd.size()), option);
    }
}
