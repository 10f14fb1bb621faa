package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What one task has sent, written down before its next request: one JSON line per result (a row of
 * {@link PartitionDelivery#RESULT_SCHEMA} in its column order, timestamps as epoch microseconds), flushed to the file
 * system, in one file per task attempt under the batch's journal folder. A run killed while a batch
 * is being sent leaves these lines behind; the next run merges them into the ledger before it picks
 * candidates, so what the receiver acknowledged is not sent again. A retried task reads its earlier
 * attempts' lines and does not send again what they delivered. Where an open file cannot be flushed
 * (object stores: S3, GCS, Azure Blob), each result is its own small file instead.
 */
final class ResultJournal implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".jsonl";

    private final FileSystem fs;
    private final Path dir;
    private final String prefix;
    private FSDataOutputStream out;
    private int written;

    private ResultJournal(FileSystem fs, Path dir, String prefix, FSDataOutputStream out) {
        this.fs = fs;
        this.dir = dir;
        this.prefix = prefix;
        this.out = out;
    }

    /**
     * Opens the journal of one task attempt ({@code attemptId}: Spark's task attempt id, unique in the
     * application, so a retried stage's attempts get files of their own); the file is created now, so
     * a failure shows before any send.
     */
    static ResultJournal open(Configuration conf, String dir, int partition, long attemptId) {
        Path d = new Path(dir);
        String prefix = prefix(partition) + "t" + attemptId;
        try {
            FileSystem fs = journalFs(d, conf);
            Path file = new Path(d, prefix + SUFFIX);
            FSDataOutputStream out = fs.create(file, false);
            if (!out.hasCapability(StreamCapabilities.HFLUSH)) {
                out.close();
                fs.delete(file, false);
                out = null;
            }
            return new ResultJournal(fs, d, prefix, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the webhook result journal under " + dir, e);
        }
    }

    /** Writes a result down durably (it survives the process); returns once it has. */
    void record(Row result) {
        byte[] line = (toJson(result) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out != null) {
                out.write(line);
                out.hflush();
            } else {
                try (FSDataOutputStream one = fs.create(new Path(dir, prefix + "-" + String.format("%07d", written) + SUFFIX), false)) {
                    one.write(line);
                }
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the webhook result journal under " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /**
     * The delivered results that earlier attempts of this partition's task (a task retry, or a
     * retried stage) wrote down, by movement uuid. A line cut short by a dying process is not a result.
     */
    static Map<String, Row> deliveredEarlier(Configuration conf, String dir, int partition) {
        Map<String, Row> delivered = new HashMap<>();
        Path d = new Path(dir);
        try {
            FileSystem fs = journalFs(d, conf);
            FileStatus[] files;
            try {
                files = fs.globStatus(new Path(d, prefix(partition) + "*"));
            } catch (FileNotFoundException e) {
                return delivered;
            }
            if (files == null) {
                return delivered;
            }
            for (FileStatus f : files) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        Row row = fromJson(line);
                        if (row != null && STATUS_DELIVERED.equals(row.getAs(L_STATUS))) {
                            delivered.put(row.getAs(L_MOVEMENT_UUID), row);
                        }
                    }
                }
            }
            return delivered;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook result journal under " + dir, e);
        }
    }

    /**
     * Every result written under {@code dir}, one per movement (a delivered one over any other, then
     * the latest attempt), as rows of the result schema; null when nothing was written.
     */
    static Dataset<Row> read(SparkSession spark, String dir) {
        Path d = new Path(dir);
        try {
            FileSystem fs = d.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] files = fs.exists(d) ? fs.listStatus(d, p -> p.getName().endsWith(SUFFIX)) : new FileStatus[0];
            if (files.length == 0) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the webhook result journal " + dir, e);
        }
        StructType onDisk = new StructType();
        Column[] typed = new Column[PartitionDelivery.RESULT_SCHEMA.size()];
        int i = 0;
        for (StructField f : PartitionDelivery.RESULT_SCHEMA.fields()) {
            boolean ts = f.dataType().equals(DataTypes.TimestampType);
            onDisk = onDisk.add(f.name(), ts ? DataTypes.LongType : f.dataType(), true);
            typed[i++] = (ts ? timestamp_micros(col(f.name())) : col(f.name())).as(f.name());
        }
        Dataset<Row> lines = spark.read().schema(onDisk).option("mode", "PERMISSIVE").json(dir)
                .filter(col(L_MOVEMENT_UUID).isNotNull().and(col(L_STATUS).isNotNull())
                        .and(col(L_ENDPOINT).isNotNull()).and(col(L_BATCH_ID).isNotNull()))
                .select(typed);
        Column deliveredFirst = when(col(L_STATUS).equalTo(STATUS_DELIVERED), 0).otherwise(1);
        return lines
                .withColumn("_N", row_number().over(Window.partitionBy(col(L_MOVEMENT_UUID))
                        .orderBy(deliveredFirst, desc(L_LAST_ATTEMPT_AT))))
                .filter(col("_N").equalTo(1)).drop("_N");
    }

    private static String prefix(int partition) {
        return String.format("p%05d-", partition);
    }

    /** The local file system's checksummed stream cannot flush an open file; its raw one can. */
    private static FileSystem journalFs(Path dir, Configuration conf) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    static String toJson(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        StructField[] fields = PartitionDelivery.RESULT_SCHEMA.fields();
        for (int i = 0; i < fields.length; i++) {
            Object v = row.get(i);
            m.put(fields[i].name(), v instanceof Timestamp t ? micros(t) : v);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook result as JSON", e);
        }
    }

    /** The row of a journal line, or null for a line that is not a whole result. */
    static Row fromJson(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        StructField[] fields = PartitionDelivery.RESULT_SCHEMA.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            JsonNode v = n.get(fields[i].name());
            if (v == null || v.isNull()) {
                if (!fields[i].nullable()) return null;
                continue;
            }
            if (fields[i].dataType().equals(DataTypes.TimestampType)) values[i] = fromMicros(v.asLong());
            else if (fields[i].dataType().equals(DataTypes.IntegerType)) values[i] = v.asInt();
            else values[i] = v.asText();
        }
        return new GenericRowWithSchema(values, PartitionDelivery.RESULT_SCHEMA);
    }

    private static long micros(Timestamp t) {
        return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
    }

    private static Timestamp fromMicros(long micros) {
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1_000_000L) * 1000L);
        t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
        return t;
    }
}
