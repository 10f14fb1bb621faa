package io.mrrlake.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's main method in its own JVM, with the test's classpath and Java 17 flags and the local
 * launcher's settings, output to {@code <name>.out} and {@code <name>.err} in a folder. For tests that
 * must kill a run, or need a SparkSession the shared test session cannot be (Hive support).
 */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(Path dir, String name, Class<?> main, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dmrrlake.local=true");
        // The launcher's logging (Spark at WARN): at Spark's default INFO a run logs thousands of lines.
        cmd.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MRRLAKE_") || k.startsWith("SPARK_"));
        return pb.start();
    }
}
