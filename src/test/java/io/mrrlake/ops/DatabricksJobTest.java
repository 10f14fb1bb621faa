package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** jobs/databricks/mrrlake-daily.json is a Jobs API 2.1 job whose jar task the job accepts. */
class DatabricksJobTest {
    static JsonNode job;

    @BeforeAll
    static void read() throws Exception {
        job = new ObjectMapper().readTree(ProjectFiles.read("jobs/databricks/mrrlake-daily.json"));
    }

    @Test
    void jarTaskRunsTheJobsMainClassFromThisVersionsJar() throws Exception {
        JsonNode task = onlyTask();
        assertEquals(Main.class.getName(), task.get("spark_jar_task").get("main_class_name").asText());
        JsonNode libraries = task.get("libraries");
        assertEquals(1, libraries.size());
        String jar = libraries.get(0).get("jar").asText();
        assertTrue(jar.endsWith("/mrrlake-" + ProjectFiles.version() + ".jar"), "this version's jar: " + jar);
        assertTrue(jar.startsWith("/Volumes/") || jar.startsWith("dbfs:/"), "a jar on a volume or DBFS: " + jar);
        assertTrue(task.get("max_retries").asInt() >= 1, "retried");
    }

    @Test
    void parametersAreAcceptedByTheJobsParser() {
        List<String> params = new ArrayList<>();
        onlyTask().get("spark_jar_task").get("parameters").forEach(p -> params.add(p.asText()));
        // Both forms Databricks documents for the trigger time.
        for (String sample : List.of("2025-03-15T00:15:00.000Z", "2025-03-15T00:15:00")) {
            ParseResult run = ProjectFiles.parseRun(ProjectFiles.render(params, Map.of("job.trigger.time.iso_datetime", sample)));
            assertEquals(sample, run.matchedOptionValue("--as-of", null));
        }
    }

    @Test
    void clusterScheduleAndConcurrency() {
        JsonNode cluster = job.get("job_clusters").get(0);
        assertEquals(onlyTask().get("job_cluster_key").asText(), cluster.get("job_cluster_key").asText());
        JsonNode spec = cluster.get("new_cluster");
        assertTrue(spec.get("spark_version").asText().matches("1[4-5]\\.\\d+\\.x-scala2\\.12"),
                "a Spark 3.5 / Scala 2.12 runtime: " + spec.get("spark_version"));
        assertEquals("zulu17-ca-amd64", spec.get("spark_env_vars").get("JNAME").asText(), "the jar needs Java 17");
        assertTrue(spec.get("num_workers").asInt() >= 1);
        String cron = job.get("schedule").get("quartz_cron_expression").asText();
        assertEquals(6, cron.split(" ").length, "quartz: seconds minutes hours day month weekday: " + cron);
        assertFalse(job.get("schedule").get("timezone_id").asText().isBlank());
        assertEquals(1, job.get("max_concurrent_runs").asInt(), "runs one at a time");
    }

    /** Databricks starts the SparkContext before the job, so the job cannot widen the redaction itself. */
    @Test
    void clusterHidesTheSecretsTheJobWouldHide() {
        JsonNode conf = clusterSparkConf();
        assertEquals(io.mrrlake.config.SecretKeys.REDACTION_REGEX, conf.get(io.mrrlake.config.SecretKeys.SPARK_REDACTION_KEY).asText());
    }

    /** The same reason: the settings the job gives a SparkContext it starts itself come from the cluster here. */
    @Test
    void clusterHasTheContextSettingsTheJobWouldGiveItsOwnContext() {
        JsonNode conf = clusterSparkConf();
        io.mrrlake.spark.SparkSessions.CONTEXT_DEFAULTS.forEach((k, v) -> assertEquals(v, conf.path(k).asText(null), k));
    }

    private static JsonNode clusterSparkConf() {
        return job.get("job_clusters").get(0).get("new_cluster").get("spark_conf");
    }

    private static JsonNode onlyTask() {
        assertEquals(1, job.get("tasks").size());
        return job.get("tasks").get(0);
    }
}
