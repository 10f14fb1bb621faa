package io.mrrlake.export;

import static io.mrrlake.export.FilesDestinationTest.assertSameRows;
import static org.junit.jupiter.api.Assertions.*;

import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The files destination against a real S3 API (moto_server), through S3A and the S3A committers. */
class FilesDestinationS3Test {
    private static final String BUCKET = "mrrlake-test";
    private static MotoS3 moto;
    private static final SparkSession spark = SparkTest.spark();

    @BeforeAll
    static void startS3() throws Exception {
        // The server's log stays beside the Surefire reports for a failed run.
        java.io.File log = new java.io.File("target/moto-s3-test.log");
        moto = MotoS3.start(log);
        moto.createBucket(BUCKET);
        moto.configure(spark.sparkContext().hadoopConfiguration());
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (moto != null) moto.close();
    }

    @Test
    void sessionSettingsBindTheS3aCommittersOnlyForS3() {
        var s3 = CloudCommitSettings.sparkSettingsFor("s3a://b/x", "magic");
        assertEquals(CloudCommitSettings.PATH_OUTPUT_COMMIT_PROTOCOL, s3.get("spark.sql.sources.commitProtocolClass"));
        assertEquals(CloudCommitSettings.BINDING_PARQUET_COMMITTER, s3.get("spark.sql.parquet.output.committer.class"));
        assertEquals("magic", s3.get("spark.hadoop.fs.s3a.committer.name"));
        assertEquals("org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
                s3.get("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a"));
        assertTrue(CloudCommitSettings.sparkSettingsFor("gs://b/x", "magic").isEmpty());
        assertTrue(CloudCommitSettings.sparkSettingsFor("/tmp/x", "magic").isEmpty());
        // The classes named must exist on the class path (spark-hadoop-cloud, hadoop-aws).
        assertDoesNotThrow(() -> Class.forName(CloudCommitSettings.PATH_OUTPUT_COMMIT_PROTOCOL));
        assertDoesNotThrow(() -> Class.forName(CloudCommitSettings.BINDING_PARQUET_COMMITTER));
        assertDoesNotThrow(() -> Class.forName(CloudCommitSettings.S3A_COMMITTER_FACTORY));
    }

    @Test
    void parquetWithTheMagicCommitterWritesRewritesAndReadsBack() throws Exception {
        roundTrip(new FilesDestination("s3", DatasetFilter.all(), "s3a://" + BUCKET + "/magic", FileFormat.PARQUET,
                OverwriteMode.PARTITIONS, "magic"), FileFormat.PARQUET);
        // The magic committer leaves its _SUCCESS manifest naming the committer that wrote it.
        FileSystem fs = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/").getFileSystem(conf());
        String dataset = "s3a://" + BUCKET + "/magic/calculated/mrr_movements";
        try (var in = fs.open(new org.apache.hadoop.fs.Path(dataset, "_SUCCESS"))) {
            String success = new String(in.readAllBytes());
            assertTrue(success.contains("\"committer\" : \"magic\""), success);
        }
    }

    @Test
    void parquetWithTheDirectoryCommitterWritesRewritesAndReadsBack() throws Exception {
        roundTrip(new FilesDestination("s3", DatasetFilter.all(), "s3a://" + BUCKET + "/directory", FileFormat.PARQUET,
                OverwriteMode.FULL, "directory"), FileFormat.PARQUET);
    }

    @Test
    void deltaWritesRewritesAndReadsBack() throws Exception {
        roundTrip(FilesDestination.forOutput("s3a://" + BUCKET + "/delta/", "delta"), FileFormat.DELTA);
    }

    @Test
    void aFailedParquetWriteOnS3LeavesThePreviousFilesAndTheNextRunCleansUp() throws Exception {
        FilesDestination d = FilesDestination.forOutput("s3a://" + BUCKET + "/failing", "parquet");
        DatasetWrite good = TestRows.movementsWrite(spark, 60, 3);
        d.writeAndCount(good);
        assertThrows(Exception.class, () -> d.writeAndCount(TestRows.failingWrite(spark, OutputDataset.CALCULATED_MRR_MOVEMENTS)));
        assertSameRows(good.rows(), FilesReader.read(spark, d.locationOf(good), FileFormat.PARQUET));
        DatasetWrite next = TestRows.movementsWrite(spark, 40, 2);
        assertEquals(40, d.writeAndCount(next));
        assertSameRows(next.rows(), FilesReader.read(spark, d.locationOf(next), FileFormat.PARQUET));
        FileSystem fs = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/").getFileSystem(conf());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/failing/_staging/calculated/mrr_movements")),
                "the next write removed what the failed one staged");
    }

    private void roundTrip(FilesDestination d, FileFormat format) throws Exception {
        DatasetWrite w = TestRows.movementsWrite(spark, 150, 4);
        assertEquals(150, d.writeAndCount(w));
        assertEquals(150, d.writeAndCount(w), "same rows twice");
        assertSameRows(w.rows(), FilesReader.read(spark, d.locationOf(w), format));
        DatasetWrite plain = DatasetWrite.of(OutputDataset.CALCULATED_SUBSCRIPTIONS, TestRows.movements(spark, 20, 1));
        assertEquals(20, d.writeAndCount(plain));
        assertSameRows(plain.rows(), FilesReader.read(spark, d.locationOf(plain), format));
    }

    private static Configuration conf() {
        return spark.sessionState().newHadoopConf();
    }
}
