package io.mrrlake.landing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The header line of a CSV file (gzip or plain), read on the driver: files with equal headers are
 * read together, so each file's columns are taken by its own header's names.
 */
final class CsvHeader {
    private CsvHeader() {}

    static String of(SparkSession spark, String file) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(file);
        try {
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            InputStream raw = path.getFileSystem(conf).open(path);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    codec == null ? raw : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
                String line = in.readLine();
                return line == null ? "" : line;
            }
        } catch (IOException e) {
            throw new LandingUnreadableException("cannot read the header of " + file + ": " + e.getMessage(), e);
        }
    }
}
