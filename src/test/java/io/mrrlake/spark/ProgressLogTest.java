package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

    @Test
    void reportsTasksWhileAStageRunsAndIsQuietOtherwise() throws InterruptedException {
        SparkContext sc = SparkTest.spark().sparkContext();
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressLog progress = new ProgressLog(Duration.ofMillis(200), lines::add, () -> null);
        sc.addSparkListener(progress);
        try {
            assertNull(progress.line(), "nothing running, nothing to say");
            // Eight slow tasks on two cores: four waves of about 400 ms, so the 200 ms timer fires mid-stage.
            new JavaSparkContext(sc).parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).foreach(i -> Thread.sleep(400));
            assertTrue(lines.stream().anyMatch(l -> l.matches("progress: 1 Spark stage running, [0-7] of 8 tasks done;.*")),
                    "a line while the stage ran: " + lines);
            Thread.sleep(500); // the listener bus delivers the stage's end asynchronously
            int after = lines.size();
            Thread.sleep(600);
            assertEquals(after, lines.size(), "quiet once nothing runs: " + lines);
        } finally {
            sc.removeSparkListener(progress);
            progress.close();
        }
    }

    @Test
    void eachLineSaysWhatTheMaterializedDataHolds() throws InterruptedException {
        SparkContext sc = SparkTest.spark().sparkContext();
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressLog progress = new ProgressLog(Duration.ofMillis(200), lines::add, () -> "held: 1 dataset, 3 MB in memory");
        sc.addSparkListener(progress);
        try {
            new JavaSparkContext(sc).parallelize(List.of(1, 2, 3, 4), 4).foreach(i -> Thread.sleep(400));
            assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.endsWith("input records so far; held: 1 dataset, 3 MB in memory")),
                    "storage after the tasks: " + lines);
        } finally {
            sc.removeSparkListener(progress);
            progress.close();
        }
    }
}
