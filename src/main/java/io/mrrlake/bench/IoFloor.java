package io.mrrlake.bench;

import java.util.ArrayList;
import java.util.List;

import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.JsonLandingReader;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingZone;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The I/O floor the job is measured against (docs/BENCHMARKS.md): every kind of a landing zone read
 * once with the job's own explicit schema and written as Parquet, with no validation, typing,
 * deduplication or logic. Whatever the job costs above this is the work of its rules, not of
 * reading and writing the same bytes.
 */
public final class IoFloor {
    private IoFloor() {}

    /** Copies every stored kind of {@code zone} to {@code outRoot}/{@code <kind>} as Parquet; returns the kinds copied. */
    public static List<LandingKind> copy(LandingZone zone, String outRoot) {
        List<LandingKind> copied = new ArrayList<>();
        for (LandingKind kind : LandingKind.values()) {
            boolean nestedHere = zone.format().nested() && kind.nestedInJson();
            List<String> files = nestedHere ? List.of() : zone.files(kind);
            if (files.isEmpty()) continue;
            Dataset<Row> records = read(zone.spark(), zone.format(), kind, files);
            records.write().mode(SaveMode.Overwrite).parquet(outRoot + "/" + kind.folder());
            copied.add(kind);
        }
        return copied;
    }

    private static Dataset<Row> read(SparkSession spark, InputFormat format, LandingKind kind, List<String> files) {
        String[] paths = files.toArray(String[]::new);
        DataFrameReader reader = spark.read();
        return switch (format) {
            case JSON -> reader.schema(JsonLandingReader.schema(kind)).json(paths);
            case CSV -> reader.schema(kind.flatSchema()).option("header", "true").csv(paths);
            case PARQUET -> reader.parquet(paths);
            case AVRO -> reader.format("avro").load(paths);
            case DELTA -> reader.format("delta").load(paths[0]);
        };
    }
}
