package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.cli.ArgsCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * jobs/airflow/mrrlake_daily.py compiles, and the SparkSubmitOperator it builds would start the job
 * with arguments the job accepts. Airflow cannot be installed here, so the DAG file runs under
 * python3 with two tiny stand-in modules (airflow.DAG, SparkSubmitOperator) that record their
 * keyword arguments.
 */
class AirflowDagTest {
    private static final String DAG = "jobs/airflow/mrrlake_daily.py";
    private static final String SAMPLE_DAY = "2025-03-14";

    @TempDir
    static Path stubs;

    static JsonNode recorded;

    @BeforeAll
    static void runTheDagFile() throws Exception {
        writeStubs(stubs);
        Path out = stubs.resolve("recorded.json");
        ProcessBuilder pb = new ProcessBuilder("python3", stubs.resolve("record_dag.py").toString(),
                ProjectFiles.ROOT.resolve(DAG).toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(stubs.resolve("python.log").toFile());
        pb.environment().put("PYTHONPATH", stubs.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MRRLAKE_"));
        run(pb, stubs.resolve("python.log"));
        recorded = new ObjectMapper().readTree(out.toFile());
    }

    @Test
    void compiles() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "py_compile", ProjectFiles.ROOT.resolve(DAG).toString())
                .redirectErrorStream(true).redirectOutput(stubs.resolve("compile.log").toFile());
        pb.environment().put("PYTHONPYCACHEPREFIX", stubs.resolve("pycache").toString());
        run(pb, stubs.resolve("compile.log"));
    }

    @Test
    void scheduleRetriesAndCatchup() {
        assertEquals(1, recorded.get("dags").size(), "one DAG");
        JsonNode dag = recorded.get("dags").get(0);
        assertEquals("mrrlake_daily", dag.get("dag_id").asText());
        assertEquals("@daily", dag.get("schedule").asText());
        assertTrue(dag.get("catchup").asBoolean(), "catchup backfills missed days");
        assertEquals(1, dag.get("max_active_runs").asInt(), "days run one at a time, in order");
        assertTrue(dag.get("default_args").get("retries").asInt() >= 1, "failed runs are retried");
        assertTrue(dag.get("default_args").get("depends_on_past").asBoolean(), "a day waits for the day before");
    }

    @Test
    void operatorStartsTheJobWithJava17Flags() throws IOException {
        JsonNode op = operator();
        assertEquals("io.mrrlake.cli.Main", op.get("java_class").asText());
        assertTrue(op.get("application").asText().endsWith("mrrlake-" + ProjectFiles.version() + ".jar"),
                "the shaded jar of this version: " + op.get("application"));
        String flags = ProjectFiles.java17Flags();
        assertEquals(flags, op.get("conf").get("spark.driver.extraJavaOptions").asText(), "driver flags = pom's list");
        assertEquals(flags, op.get("conf").get("spark.executor.extraJavaOptions").asText(), "executor flags = pom's list");
    }

    @Test
    void applicationArgumentsAreAcceptedByTheJobsParser() {
        JsonNode op = operator();
        List<String> args = new ArrayList<>();
        op.get("application_args").forEach(a -> args.add(a.asText()));
        List<String> rendered = ProjectFiles.render(args, Map.of("data_interval_start | ds", SAMPLE_DAY, "ds", SAMPLE_DAY));

        ParseResult run = ProjectFiles.parseRun(rendered);
        assertEquals(SAMPLE_DAY, run.matchedOptionValue("--as-of", null), "as-of is the interval's day");
        List<File> confs = run.matchedOptionValue("--conf", List.of());
        assertEquals(1, confs.size());
        assertEquals(op.get("files").asText(), confs.get(0).getPath(), "the conf file passed is the one shipped");
        assertTrue(ProjectFiles.render(List.of(op.get("name").asText()), Map.of("ds", SAMPLE_DAY)).get(0).contains(SAMPLE_DAY));
    }

    @Test
    void theParserCheckRejectsWhatTheJobWouldReject() {
        assertThrows(CommandLine.ParameterException.class,
                () -> ArgsCheck.parse("run", "--input", "x", "--as-off", SAMPLE_DAY));
        assertThrows(CommandLine.ParameterException.class, () -> ArgsCheck.parse("runn", "--input", "x"));
    }

    private static JsonNode operator() {
        assertEquals(1, recorded.get("operators").size(), "one task");
        JsonNode op = recorded.get("operators").get(0);
        assertEquals("SparkSubmitOperator", op.get("class").asText());
        return op;
    }

    private static void run(ProcessBuilder pb, Path log) throws IOException, InterruptedException {
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        assertEquals(0, p.exitValue(), "python3 " + pb.command() + ":\n" + Files.readString(log));
    }

    /** Stand-ins for the two Airflow names the DAG file imports, recording what it passes them. */
    private static void writeStubs(Path dir) throws IOException {
        write(dir, "airflow/__init__.py", """
                RECORDED = {"dags": [], "operators": []}

                class DAG:
                    def __init__(self, *args, **kwargs):
                        if args:
                            kwargs["dag_id"] = args[0]
                        RECORDED["dags"].append(kwargs)

                    def __enter__(self):
                        return self

                    def __exit__(self, *exc):
                        return False
                """);
        for (String pkg : List.of("airflow/providers", "airflow/providers/apache", "airflow/providers/apache/spark",
                "airflow/providers/apache/spark/operators")) {
            write(dir, pkg + "/__init__.py", "");
        }
        write(dir, "airflow/providers/apache/spark/operators/spark_submit.py", """
                from airflow import RECORDED

                class SparkSubmitOperator:
                    def __init__(self, **kwargs):
                        RECORDED["operators"].append({"class": "SparkSubmitOperator", **kwargs})
                """);
        write(dir, "record_dag.py", """
                import json, runpy, sys
                from airflow import RECORDED
                runpy.run_path(sys.argv[1], run_name="dag")
                with open(sys.argv[2], "w") as f:
                    json.dump(RECORDED, f, default=str)
                """);
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
