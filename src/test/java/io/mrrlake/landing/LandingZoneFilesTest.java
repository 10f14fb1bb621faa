package io.mrrlake.landing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mrrlake.testing.LogCapture;
import io.mrrlake.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a kind's folder are read, and that the others are named in the log, not passed over in silence. */
class LandingZoneFilesTest {
    @TempDir Path tmp;

    @Test
    void filesNotNamedAsDataAreNotReadAndTheLogNamesThem() throws Exception {
        Files.createDirectories(tmp.resolve("invoices"));
        Path customers = Files.createDirectories(tmp.resolve("customers"));
        for (String name : List.of("a.jsonl", "b.jsonl.gz", "c.json", "upper.JSONL", "x.ndjson", "firehose-1-2024-01-01-abc",
                "_SUCCESS", ".a.jsonl.crc")) {
            Files.writeString(customers.resolve(name), "{}\n");
        }
        // An empty data file holds no record and is passed over; an empty file of another name is still named.
        Files.writeString(customers.resolve("empty.jsonl"), "");
        Files.writeString(customers.resolve("empty.txt"), "");
        LandingZone zone = LandingZone.open(SparkTest.spark(), tmp.toString(), InputFormat.JSON);
        try (LogCapture logs = LogCapture.install()) {
            List<String> read = zone.files(LandingKind.CUSTOMERS).stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).toList();
            assertEquals(List.of("a.jsonl", "b.jsonl.gz", "c.json"), read);
            // distinct: the capture sits on the root logger and on each configured one
            List<String> warnings = logs.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("not read")).distinct().toList();
            assertEquals(1, warnings.size(), logs.lines().toString());
            String w = warnings.get(0);
            assertTrue(w.contains("customers: 4 file(s) not read") && w.contains("upper.JSONL") && w.contains("empty.txt") && w.contains("x.ndjson")
                    && w.contains("firehose-1-2024-01-01-abc") && !w.contains("_SUCCESS") && !w.contains(".crc"), w);
        }
    }
}
