package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.config.MrrSettings;
import io.mrrlake.generate.Generator;
import io.mrrlake.generate.GeneratorOptions;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.Rejects;
import io.mrrlake.mrr.CalculatedResult;
import io.mrrlake.mrr.MrrEngine;
import io.mrrlake.spark.ScopedSqlConf;
import io.mrrlake.testing.RowChecksums;
import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same landing records split into another number of files, in another order, run with another
 * number of shuffle partitions, give the same rows in every source and calculated dataset and the
 * same rejects (compared as checksums over sorted rows; a reject's SOURCE_FILE names its file, so
 * it is left out of the comparison).
 */
class OrderIndependenceTest {
    static final Instant AS_OF = Instant.parse("2024-12-31T23:59:59Z");

    @Test
    void fileSplitOrderAndShufflePartitionsDoNotChangeAnyRow(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        Generator.generate(new GeneratorOptions(landing.toString(), 25, 5, 12, LocalDate.of(2024, 1, 1)), new Configuration());
        Path resplit = dir.resolve("resplit");
        int files = resplit(landing, resplit, 3);
        assertTrue(files > 3, "the copy is split into files of its own: " + files);

        SparkSession spark = SparkTest.spark();
        Map<String, String> first;
        Map<String, String> second;
        try (ScopedSqlConf two = ScopedSqlConf.set(spark, Map.of("spark.sql.shuffle.partitions", "2"))) {
            first = checksums(landing);
        }
        try (ScopedSqlConf five = ScopedSqlConf.set(spark, Map.of("spark.sql.shuffle.partitions", "5"))) {
            second = checksums(resplit);
        }
        assertTrue(first.size() > 16, "every dataset compared: " + first.keySet());
        assertEquals(first, second);
    }

    /** Checksum of the sorted rows of every source and calculated dataset and of every kind's rejects. */
    private static Map<String, String> checksums(Path landing) throws Exception {
        SourceResult source = SourceStage.run(SparkTest.spark(), landing.toUri().toString(), InputFormat.JSON, AS_OF,
                new CustomerSettings(CustomerSettings.AutoMerge.EXTERNAL_ID));
        CalculatedResult calculated = MrrEngine.calculate(SparkTest.spark(), source.datasets(), MrrSettings.defaults(), AS_OF);
        Map<String, String> out = new TreeMap<>();
        source.datasets().forEach((d, rows) -> out.put(d.name(), RowChecksums.of(rows)));
        calculated.datasets().forEach((d, rows) -> out.put(d.name(), RowChecksums.of(rows)));
        source.rejects().forEach((kind, rows) -> out.put("rejects " + kind, RowChecksums.of(rows.drop(Rejects.SOURCE_FILE))));
        out.put("rejects engine", RowChecksums.of(calculated.rejects().drop(Rejects.SOURCE_FILE)));
        out.put("records read", String.valueOf(new TreeMap<>(source.recordsRead())));
        source.release();
        return out;
    }

    /** Every kind's lines shuffled into {@code parts} plain files named so they list in another order. */
    private static int resplit(Path from, Path to, int parts) throws IOException {
        int written = 0;
        try (Stream<Path> kinds = Files.list(from)) {
            for (Path kind : kinds.filter(Files::isDirectory).sorted().toList()) {
                List<String> lines = new ArrayList<>();
                try (Stream<Path> all = Files.walk(kind)) {
                    for (Path f : all.filter(Files::isRegularFile).filter(p -> p.toString().contains(".json")).sorted().toList()) {
                        try (InputStream in = f.toString().endsWith(".gz")
                                ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                                if (!l.isBlank()) lines.add(l);
                            }
                        }
                    }
                }
                Collections.shuffle(lines, new Random(17));
                Path dir = Files.createDirectories(to.resolve(kind.getFileName().toString()));
                for (int p = 0; p < parts; p++) {
                    List<String> mine = new ArrayList<>();
                    for (int i = p; i < lines.size(); i += parts) mine.add(lines.get(i));
                    Files.write(dir.resolve("z" + (parts - p) + "-part.jsonl"), mine, StandardCharsets.UTF_8);
                    written++;
                }
            }
        }
        return written;
    }
}
