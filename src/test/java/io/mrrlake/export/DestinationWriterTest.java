package io.mrrlake.export;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import com.typesafe.config.ConfigFactory;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationWriterTest {
    private final SparkSession spark = SparkTest.spark();

    @TempDir
    Path tmp;

    @Test
    void aFailingDestinationDoesNotStopTheOthersAndEachOutcomeIsReportedInOrderWhileWritesRunAtOnce() throws Exception {
        String conf = "broken { type = jdbc, url = \"jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2\", user = u,"
                + " password = \"hunter2-secret\", datasets = [\"calculated.*\"] }\n"
                + "lake { type = files, uri = \"" + tmp.resolve("lake").toUri() + "\", format = parquet,"
                + " datasets = [\"calculated.mrr_movements\", \"rejects.*\"] }\n"
                + "delta { type = files, uri = \"" + tmp.resolve("delta").toUri() + "\", datasets = [\"calculated.*\"] }";
        List<Destination> destinations = DestinationFactory.fromConfig(ConfigFactory.parseString(conf));
        assertEquals(List.of("broken", "delta", "lake"), destinations.stream().map(Destination::name).toList());

        DatasetWrite movements = TestRows.movementsWrite(spark, 80, 3);
        DatasetWrite customers = DatasetWrite.of(OutputDataset.CALCULATED_CUSTOMERS, TestRows.movements(spark, 10, 1));
        DatasetWrite rejects = DatasetWrite.rejects("invoices", spark.range(4).selectExpr("'invoices' AS KIND", "'bad_json' AS REASON"));
        List<DestinationOutcome> outcomes = DestinationWriter.writeAll(destinations, List.of(movements, customers, rejects), 3);

        DestinationOutcome broken = outcomes.get(0);
        assertFalse(broken.ok());
        assertEquals("jdbc", broken.type());
        assertEquals(List.of("calculated.mrr_movements", "calculated.customers"), broken.failedDatasets());
        assertTrue(broken.error().startsWith("calculated.mrr_movements: "), broken.error());
        assertFalse(broken.error().contains("hunter2-secret"));

        DestinationOutcome lake = outcomes.get(2);
        assertTrue(lake.ok(), lake.error());
        assertEquals(List.of("calculated.mrr_movements", "rejects.invoices"), lake.datasetsWritten());
        assertEquals(84, lake.rows());

        DestinationOutcome delta = outcomes.get(1);
        assertTrue(delta.ok(), delta.error());
        assertEquals(List.of("calculated.mrr_movements", "calculated.customers"), delta.datasetsWritten());
        assertEquals(90, delta.rows());

        assertEquals(List.of("broken"), DestinationWriter.failed(outcomes));
        assertEquals(80, FilesReader.read(spark, tmp.resolve("lake/calculated/mrr_movements").toUri().toString(),
                FileFormat.PARQUET).count());
    }

    @Test
    void secretsAreMaskedInMessages() {
        JdbcDestination d = new JdbcDestination("x", DatasetFilter.all(), "jdbc:postgresql://h/d", "u", "pa55word", null, "",
                null, JdbcDestination.ArrayMapping.JSON_TEXT, 10);
        String msg = DestinationWriter.describe(d, new RuntimeException("login with pa55word failed",
                new IllegalStateException("again pa55word")));
        assertFalse(msg.contains("pa55word"), msg);
        assertTrue(msg.contains("****"), msg);
    }
}
