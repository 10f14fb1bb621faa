package io.mrrlake.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A kind once judged: its valid records and its rejects (rows of {@code rejects/<kind>}). */
record Checked(Dataset<Row> valid, Dataset<Row> rejects) {}
