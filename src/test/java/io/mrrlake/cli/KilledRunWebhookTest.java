package io.mrrlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.mrrlake.export.FileFormat;
import io.mrrlake.export.FilesReader;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.model.Columns;
import io.mrrlake.testing.SparkTest;
import io.mrrlake.webhook.TestReceiver;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's process killed with SIGKILL while it sends a webhook batch, then run again: every
 * movement arrives, and the only ones that can arrive twice are requests in flight at the kill (at
 * most one per sending task), because each answered delivery was written down before the next
 * request.
 */
class KilledRunWebhookTest {
    private static final String AS_OF = "2024-12-31";
    private static final int PARALLELISM = 2;
    private static final int KILL_AFTER = 25;

    @Test
    void killedProcessThenRerunSendsEachMovementOnceExceptTheRequestsInFlight(@TempDir Path dir) throws Exception {
        SparkTest.spark();
        Path landing = dir.resolve("landing");
        Path out = dir.resolve("out");
        CommandLineTest.Result generated = CommandLineTest.exec("generate", "--output", landing.toString(),
                "--customers", "40", "--seed", "11", "--months", "24");
        assertEquals(0, generated.code(), generated.err());

        try (TestReceiver receiver = TestReceiver.okAfter(15)) {
            Path conf = dir.resolve("hook.conf");
            Files.writeString(conf, "destinations.hooks { type = webhook, url = \"" + receiver.url("/hook") + "\","
                    + " allow_http = true, initial_lookback_hours = 30000, max_retries = 1,"
                    + " parallelism = " + PARALLELISM + " }\n");
            AtomicReference<Process> child = new AtomicReference<>();
            receiver.afterSuccess(() -> {
                if (receiver.successes() >= KILL_AFTER && child.get() != null) {
                    child.get().destroyForcibly();
                }
            });
            // Only the movements are read back; the webhook stage gets every movement whatever is written.
            List<String> args = List.of("run", "--input", landing.toString(), "--output", out.toString(),
                    "--as-of", AS_OF, "--conf", conf.toString(), "--datasets", "calculated.mrr_movements");
            Process p = ChildJvm.start(dir, "child", args, Map.of());
            child.set(p);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child run ends");
            assertEquals(137, p.exitValue(), "killed by SIGKILL; stderr: " + Files.readString(ChildJvm.err(dir, "child")));
            int beforeKill = receiver.requests().size();
            receiver.afterSuccess(() -> { });

            CommandLineTest.Result rerun = CommandLineTest.exec(args.toArray(String[]::new));
            assertEquals(0, rerun.code(), rerun.err());

            Set<String> movements = FilesReader.read(SparkTest.spark(),
                            out.resolve(OutputDataset.CALCULATED_MRR_MOVEMENTS.path()).toString(), FileFormat.DELTA)
                    .select(Columns.UUID).collectAsList().stream().map(r -> r.getString(0))
                    .collect(Collectors.toSet());
            assertTrue(beforeKill >= KILL_AFTER && beforeKill < movements.size(),
                    "the kill came part-way: " + beforeKill + " of " + movements.size());
            Map<String, Long> counts = receiver.requests().stream()
                    .collect(Collectors.groupingBy(TestReceiver.Request::deliveryId, Collectors.counting()));
            assertEquals(movements, counts.keySet(), "every movement arrived");
            List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            counts.forEach((id, n) -> assertTrue(n <= 2, id + " arrived " + n + " times"));
            System.out.printf("killed after %d of %d deliveries; arrived twice: %s%n", beforeKill, movements.size(), twice);
            assertTrue(twice.size() <= PARALLELISM, "only requests in flight at the kill arrive twice: " + twice);
        }
    }
}
