package io.mrrlake.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A class's main method (by default the real command) in its own JVM, with the test's classpath and
 * Java 17 flags and the local launcher's settings, stdout and stderr to {@code <name>.out} and
 * {@code <name>.err} in a folder: for what one test JVM cannot show (a kill, two runs at once, a
 * SparkContext with its own settings such as an event log or Hive support).
 */
final class ChildJvm {
    private static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";
    private static final String CHILD_FLAGS = "short.run.jvm.flags";

    private ChildJvm() {}

    /** The real command ({@link Main}) with {@code args}, and {@code env} added to a clean environment. */
    static Process start(Path dir, String name, List<String> args, Map<String, String> env) throws Exception {
        return start(dir, name, Main.class, args, env);
    }

    static Process start(Path dir, String name, Class<?> main, List<String> args) throws Exception {
        return start(dir, name, main, args, Map.of());
    }

    static Process start(Path dir, String name, Class<?> main, List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        // The test JVM's codegen cache size (pom.xml): a child that runs the job twice compiles once.
        String codegenCache = System.getProperty(CODEGEN_CACHE);
        if (codegenCache != null) cmd.add("-D" + CODEGEN_CACHE + "=" + codegenCache);
        // A child runs the job on a small input once or twice and ends (pom.xml's short.run.jvm.flags).
        String childFlags = System.getProperty(CHILD_FLAGS, "");
        if (!childFlags.isBlank()) cmd.addAll(List.of(childFlags.trim().split("\\s+")));
        cmd.add("-Dmrrlake.local=true");
        // The launcher's logging (Spark at WARN): at Spark's default INFO a run logs thousands of lines.
        cmd.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out(dir, name).toFile()).redirectError(err(dir, name).toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MRRLAKE_") || k.startsWith("SPARK_"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    static Path out(Path dir, String name) {
        return dir.resolve(name + ".out");
    }

    static Path err(Path dir, String name) {
        return dir.resolve(name + ".err");
    }
}
