package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.mrrlake.export.MotoS3;
import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * The result journal on an object store (a real S3 API, moto_server, through S3A), where an open
 * file cannot be flushed: each result is its own object, durable once written, and both readers
 * (a retried task, the next run's recovery) find them.
 */
class ResultJournalS3Test {
    private static final String BUCKET = "mrrlake-journal";

    @Test
    void eachResultIsItsOwnObjectAndIsReadBack() throws Exception {
        SparkSession spark = SparkTest.spark();
        try (MotoS3 moto = MotoS3.start(new java.io.File("target/moto-journal-test.log"))) {
            moto.createBucket(BUCKET);
            Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
            moto.configure(conf);
            moto.configure(spark.sparkContext().hadoopConfiguration());
            String dir = "s3a://" + BUCKET + "/state/_webhook_staging/hooks/run-b00000/journal";

            ResultJournal journal = ResultJournal.open(conf, dir, 7, 41L);
            journal.record(result("mov_1", STATUS_DELIVERED, 1_700_000_000_123_456L));
            journal.record(result("mov_2", STATUS_FAILED, 1_700_000_001_000_001L));
            journal.record(result("mov_3", STATUS_DELIVERED, 1_700_000_002_000_000L));
            // No close: the task died here. Every result is already an object.
            FileStatus[] objects = new Path(dir).getFileSystem(conf).listStatus(new Path(dir));
            List<String> names = Arrays.stream(objects).map(s -> s.getPath().getName()).sorted().toList();
            assertEquals(List.of("p00007-t41-0000000.jsonl", "p00007-t41-0000001.jsonl", "p00007-t41-0000002.jsonl"), names);

            Map<String, Row> earlier = ResultJournal.deliveredEarlier(conf, dir, 7);
            assertEquals(java.util.Set.of("mov_1", "mov_3"), earlier.keySet());
            assertEquals(micros(earlier.get("mov_1").getAs(L_DELIVERED_AT)), 1_700_000_000_123_456L,
                    "timestamps keep their microseconds");
            assertTrue(ResultJournal.deliveredEarlier(conf, dir, 8).isEmpty(), "another partition's results are not this one's");

            List<Row> read = ResultJournal.read(spark, dir).orderBy(L_MOVEMENT_UUID).collectAsList();
            assertEquals(3, read.size());
            assertEquals(STATUS_FAILED, read.get(1).getAs(L_STATUS));
            assertNull(ResultJournal.read(spark, "s3a://" + BUCKET + "/state/nothing-here"));
        }
    }

    private static Row result(String uuid, String status, long attemptMicros) {
        Timestamp at = new Timestamp(attemptMicros / 1000);
        at.setNanos((int) (attemptMicros % 1_000_000) * 1000);
        boolean ok = status.equals(STATUS_DELIVERED);
        return new GenericRowWithSchema(new Object[] {"hooks", uuid, "cus_1", at, status, 1, ok ? 200 : 500,
                ok ? null : "HTTP 500", at, at, ok ? at : null, at, "run-b00000"}, PartitionDelivery.RESULT_SCHEMA);
    }

    private static long micros(Timestamp t) {
        return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
    }
}
