package io.mrrlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static JobSettings settings(String... sets) {
        return ConfigLoader.settings(ConfigLoader.load(List.of(), List.of(sets)), false, false);
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        MrrSettings m = settings().mrr();
        assertEquals(MrrSettings.defaults(), m);
        assertEquals(CustomerSettings.AutoMerge.NONE, settings().customers().autoMerge());
        assertEquals("json", settings().inputFormat());
        assertEquals("delta", settings().outputFormat());
        assertEquals(0.1, settings().maxRejectRatio(), "a run that rejects over 10 % of its records fails (docs/OPERATIONS.md)");
        assertFalse(settings().allowEmptyInput());
    }

    @Test
    void everySettingCanBeOverridden() {
        MrrSettings m = settings("mrr.account_currency=EUR", "mrr.time_zone=Europe/Berlin",
                "mrr.churn_recognition=end_of_service_period", "mrr.activity_grouping_minutes=0",
                "mrr.new_subscriber_invoice=issued", "mrr.exclude_invoice_statuses=[voided,written_off]",
                "mrr.auto_churn_days=30", "mrr.free_plan=churn", "mrr.max_rate_age_days=3").mrr();
        assertEquals(new MrrSettings("EUR", ZoneId.of("Europe/Berlin"), MrrSettings.ChurnRecognition.END_OF_SERVICE_PERIOD,
                0, MrrSettings.NewSubscriberInvoice.ISSUED, Set.of("voided", "written_off"), 30,
                MrrSettings.FreePlan.CHURN, 3), m);
        assertEquals(CustomerSettings.AutoMerge.EXTERNAL_ID, settings("customers.auto_merge=external_id").customers().autoMerge());
    }

    @Test
    void outputBlockTakesOverwriteAndCatalog() {
        assertEquals("full", settings().outputOverwrite());
        assertNull(settings().outputCatalog());
        JobSettings s = settings("output.overwrite=partitions", "output.catalog.database=mrrlake",
                "output.catalog.table_prefix=lake_");
        assertEquals("partitions", s.outputOverwrite());
        assertEquals(new CatalogSettings("mrrlake", "lake_"), s.outputCatalog());
        assertEquals("output.catalog.databse", assertThrows(ConfigException.class,
                () -> settings("output.catalog.databse=mrrlake")).key());
        assertEquals("output.overwrite", assertThrows(ConfigException.class, () -> settings("output.overwrite=some")).key());
        assertEquals("output.catalog.database", assertThrows(ConfigException.class,
                () -> settings("output.catalog.database=9lives")).key());
    }

    @Test
    void checkpointStorageIsAutoUnlessSet() {
        assertEquals(CheckpointStorage.AUTO, settings().checkpointStorage());
        assertEquals(CheckpointStorage.DISK, settings("run.checkpoint_storage=disk").checkpointStorage());
        assertEquals("run.checkpoint_storage", assertThrows(ConfigException.class,
                () -> settings("run.checkpoint_storage=ram")).key());
    }

    @Test
    void unknownKeyIsNamedWithASuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("mrr.churn_recogniton=at_cancellation"));
        assertEquals("mrr.churn_recogniton", e.key());
        assertTrue(e.getMessage().contains("did you mean 'mrr.churn_recognition'"), e.getMessage());
    }

    @Test
    void badValueNamesKeyValueAndWhatIsAllowed() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("mrr.churn_recognition=sometimes"));
        assertEquals("mrr.churn_recognition", e.key());
        assertTrue(e.getMessage().contains("'sometimes'") && e.getMessage().contains("at_cancellation, end_of_service_period"),
                e.getMessage());
        assertEquals("mrr.account_currency", assertThrows(ConfigException.class, () -> settings("mrr.account_currency=XYZ")).key());
        assertEquals("mrr.account_currency", assertThrows(ConfigException.class, () -> settings("mrr.account_currency=XAU")).key(),
                "gold has no minor unit");
        assertEquals("KWD", settings("mrr.account_currency=KWD").mrr().accountCurrency());
        assertEquals("mrr.time_zone", assertThrows(ConfigException.class, () -> settings("mrr.time_zone=Mars/Base")).key());
        assertEquals("mrr.activity_grouping_minutes",
                assertThrows(ConfigException.class, () -> settings("mrr.activity_grouping_minutes=-5")).key());
        assertEquals("mrr.exclude_invoice_statuses",
                assertThrows(ConfigException.class, () -> settings("mrr.exclude_invoice_statuses=[paid]")).key());
        assertEquals("run.max_reject_ratio", assertThrows(ConfigException.class, () -> settings("run.max_reject_ratio=2")).key());
        assertEquals("run.parallel_jobs", assertThrows(ConfigException.class, () -> settings("run.parallel_jobs=0")).key());
        assertEquals("run.parallel_jobs", assertThrows(ConfigException.class, () -> settings("run.parallel_jobs=many")).key());
        assertEquals("input.format", assertThrows(ConfigException.class, () -> settings("input.format=xml")).key());
    }

    @Test
    void sparkPropertiesAndDestinationsAreOpenBlocks() {
        JobSettings s = settings("spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000", "spark.sql.shuffle.partitions=4");
        assertEquals("http://127.0.0.1:9000", s.sparkProperties().get("spark.hadoop.fs.s3a.endpoint"));
        assertEquals("4", s.sparkProperties().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void confFilesLayerAndEnvironmentFillsSubstitutions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my.conf");
        Files.writeString(f, "mrr { account_currency = GBP }\nrun.datasets = [\"calculated.*\"]\n"
                + "destinations.lake { type = files, root = \"/tmp/x\", user = ${?HOME} }\n");
        Config c = ConfigLoader.load(List.of(f.toFile()), List.of("mrr.free_plan=churn"));
        JobSettings s = ConfigLoader.settings(c, false, false);
        assertEquals("GBP", s.mrr().accountCurrency());
        assertEquals(MrrSettings.FreePlan.CHURN, s.mrr().freePlan());
        assertEquals(List.of("calculated.*"), s.datasets());
        assertEquals("files", s.destinations().getString("lake.type"));
        assertEquals("--conf", assertThrows(ConfigException.class,
                () -> ConfigLoader.load(List.of(new File(dir.toFile(), "missing.conf")), List.of())).key());
    }

    @Test
    void unknownKeyInAConfFileIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "mrr { acount_currency = GBP }\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(f.toFile()), List.of()));
        assertEquals("mrr.acount_currency", e.key());
    }

    @Test
    void asOfDateIsTheEndOfThatDayInTheTimeZone() {
        AsOf utc = AsOf.parse("2024-12-31", ZoneId.of("UTC"));
        assertEquals(Instant.parse("2024-12-31T23:59:59.999999Z"), utc.instant());
        assertEquals("2024-12-31", utc.label());
        AsOf berlin = AsOf.parse("2024-12-31", ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2024-12-31T22:59:59.999999Z"), berlin.instant());
        AsOf instant = AsOf.parse("2024-06-01T10:15:00Z", ZoneId.of("UTC"));
        assertEquals(Instant.parse("2024-06-01T10:15:00Z"), instant.instant());
        assertEquals("2024-06-01T10-15-00Z", instant.label());
        assertEquals("run.as_of", assertThrows(ConfigException.class, () -> AsOf.parse("yesterday", ZoneId.of("UTC"))).key());
    }
}
