package io.mrrlake.export;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mrrlake.config.ConfigException;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.junit.jupiter.api.Test;

/** The real conf/*.conf files, parsed as a run would, and the connector options they produce. */
class DestinationFactoryTest {
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

    /** Parses a conf file and resolves ${?VAR} against the given fake environment only. */
    static Config destinations(String file, Map<String, String> env) {
        Config raw = ConfigFactory.parseFile(new File("conf/" + file));
        assertTrue(raw.hasPath("destinations"), file);
        Config resolved = raw.resolveWith(ConfigFactory.parseMap(env),
                com.typesafe.config.ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        return resolved.getConfig("destinations");
    }

    static <T> T only(List<Destination> ds, Class<T> type) {
        assertEquals(1, ds.size());
        return type.cast(ds.get(0));
    }

    private static DatasetWrite write(OutputDataset d) {
        return new DatasetWrite(d, d.path(), d.tableName(), d.partitionColumn().orElse(null), null);
    }

    @Test
    void bigqueryConfBuildsTheExactConnectorOptions() {
        BigQueryDestination bq = only(DestinationFactory.fromConfig(destinations("bigquery.conf",
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/secrets/sa.json"))), BigQueryDestination.class);
        assertEquals("warehouse", bq.name());
        List<String> cols = List.of("UUID", "DATE", "CUSTOMER_UUID", "MRR_MOVEMENT", "DATE_MONTH");
        Map<String, String> o = bq.optionsFor(write(OutputDataset.CALCULATED_MRR_MOVEMENTS), cols,
                Map.of("DATE", "date", "UUID", "string"));
        assertEquals(Map.of(
                "table", "my-project.mrrlake.calculated_mrr_movements",
                "credentialsFile", "/secrets/sa.json",
                "writeMethod", "indirect",
                "temporaryGcsBucket", "my-temp-bucket",
                "intermediateFormat", "parquet",
                "enableListInference", "true",
                "partitionField", "DATE",
                "partitionType", "MONTH",
                "spark.sql.sources.partitionOverwriteMode", "DYNAMIC",
                "clusteredFields", "CUSTOMER_UUID"), o);

        Map<String, String> customers = bq.optionsFor(write(OutputDataset.CALCULATED_CUSTOMERS), List.of("UUID", "NAME"), Map.of());
        assertEquals("STATIC", customers.get("spark.sql.sources.partitionOverwriteMode"));
        assertEquals("UUID", customers.get("clusteredFields"));
        assertFalse(customers.containsKey("partitionField"));

        assertTrue(bq.accepts(OutputDataset.CALCULATED_MRR_MONTHLY));
        assertTrue(bq.accepts(OutputDataset.SOURCE_INVOICES));
        assertFalse(bq.accepts(OutputDataset.SOURCE_PLANS));
        // Without the variable the key is simply absent: application default credentials.
        BigQueryDestination adc = only(DestinationFactory.fromConfig(destinations("bigquery.conf", Map.of())), BigQueryDestination.class);
        assertFalse(adc.optionsFor(write(OutputDataset.CALCULATED_CUSTOMERS), List.of("UUID"), Map.of()).containsKey("credentialsFile"));
    }

    @Test
    void bigqueryRefusesAMonthColumnWithoutItsDate() {
        BigQueryDestination bq = only(DestinationFactory.fromConfig(destinations("bigquery.conf", Map.of())), BigQueryDestination.class);
        Exception e = assertThrows(IllegalArgumentException.class, () -> bq.optionsFor(write(OutputDataset.SOURCE_INVOICES),
                List.of("UUID", "INVOICED_AT_MONTH"), Map.of()));
        assertTrue(e.getMessage().contains("INVOICED_AT"), e.getMessage());
    }

    @Test
    void snowflakeConfBuildsTheExactConnectorOptionsForPasswordAndKeyPair() {
        SnowflakeDestination sf = only(DestinationFactory.fromConfig(destinations("snowflake.conf",
                Map.of("SNOWFLAKE_PASSWORD", "pw-123"))), SnowflakeDestination.class);
        Map<String, String> o = sf.optionsFor(write(OutputDataset.CALCULATED_MRR_MOVEMENTS), List.of("UUID", "MRR"));
        String staging = sf.stagingOf("CALCULATED_MRR_MOVEMENTS");
        assertTrue(staging.matches("CALCULATED_MRR_MOVEMENTS_MRRLAKE_STAGING_[0-9A-F]{12}"), staging);
        assertEquals(Map.ofEntries(
                Map.entry("sfURL", "myorg-myaccount.snowflakecomputing.com"),
                Map.entry("sfUser", "MRRLAKE"),
                Map.entry("sfPassword", "pw-123"),
                Map.entry("sfDatabase", "ANALYTICS"),
                Map.entry("sfSchema", "MRRLAKE"),
                Map.entry("sfWarehouse", "LOAD_WH"),
                Map.entry("sfRole", "MRRLAKE_LOADER"),
                Map.entry("dbtable", staging),
                Map.entry("usestagingtable", "off"),
                Map.entry("truncate_table", "off"),
                Map.entry("postactions",
                        "CREATE TABLE IF NOT EXISTS CALCULATED_MRR_MOVEMENTS LIKE " + staging + ";"
                        + "INSERT OVERWRITE INTO CALCULATED_MRR_MOVEMENTS (UUID, MRR) SELECT UUID, MRR FROM " + staging + ";"
                        + "DROP TABLE IF EXISTS " + staging)), o);
        assertTrue(sf.accepts(DatasetWrite.rejects("invoices", null)));
        assertFalse(sf.accepts(OutputDataset.SOURCE_CUSTOMERS));

        SnowflakeDestination kp = only(DestinationFactory.fromConfig(destinations("snowflake.conf",
                Map.of("SNOWFLAKE_PRIVATE_KEY", PEM))), SnowflakeDestination.class);
        Map<String, String> ko = kp.optionsFor(write(OutputDataset.CALCULATED_CUSTOMERS), List.of("UUID"));
        assertEquals("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", ko.get("pem_private_key"));
        assertFalse(ko.containsKey("sfPassword"));
    }

    @Test
    void aMissingSecretNamesTheKeyAndTheVariable() {
        ConfigException sf = assertThrows(ConfigException.class,
                () -> DestinationFactory.fromConfig(destinations("snowflake.conf", Map.of())));
        assertEquals("destinations.warehouse.password", sf.key());
        assertTrue(sf.getMessage().contains("SNOWFLAKE_PASSWORD"), sf.getMessage());
        ConfigException pg = assertThrows(ConfigException.class,
                () -> DestinationFactory.fromConfig(destinations("postgres.conf", Map.of())));
        assertEquals("destinations.reporting.password", pg.key());
        assertTrue(pg.getMessage().contains("JDBC_PASSWORD"), pg.getMessage());
    }

    @Test
    void everyFilesConfParses() {
        FilesDestination s3 = only(DestinationFactory.fromConfig(destinations("s3.conf", Map.of())), FilesDestination.class);
        assertEquals("s3a://my-bucket/mrrlake", s3.root());
        assertEquals(FileFormat.PARQUET, s3.format());
        assertEquals("magic", s3.sparkSettings().get("spark.hadoop.fs.s3a.committer.name"));
        assertTrue(s3.accepts(DatasetWrite.rejects("plans", null)));
        FilesDestination gcs = only(DestinationFactory.fromConfig(destinations("gcs.conf", Map.of())), FilesDestination.class);
        assertEquals(OverwriteMode.FULL, gcs.overwrite());
        FilesDestination az = only(DestinationFactory.fromConfig(destinations("azure.conf", Map.of())), FilesDestination.class);
        assertEquals("abfss", CloudCommitSettings.scheme(az.root()));
        Config azure = ConfigFactory.parseFile(new File("conf/azure.conf")).resolveWith(
                ConfigFactory.parseMap(Map.of("AZURE_STORAGE_KEY", "az-key")),
                com.typesafe.config.ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        assertEquals("az-key", azure.getConfig("spark").getString("\"spark.hadoop.fs.azure.account.key.myaccount.dfs.core.windows.net\""),
                "the storage key comes from the environment");
        FilesDestination local = only(DestinationFactory.fromConfig(destinations("local.conf", Map.of())), FilesDestination.class);
        assertEquals(FileFormat.DELTA, local.format());
        JdbcDestination pg = only(DestinationFactory.fromConfig(destinations("postgres.conf", Map.of("JDBC_PASSWORD", "s3cret"))),
                JdbcDestination.class);
        assertEquals(JdbcDestination.ArrayMapping.POSTGRES_ARRAY, pg.arrays());
        assertFalse(pg.toString().contains("s3cret"));
    }

    @Test
    void filesOverwriteDefaultsToFullAndTheCatalogBlockIsCheckedKeyByKey() {
        FilesDestination plain = only(DestinationFactory.fromConfig(ConfigFactory.parseString(
                "a { type = files, uri = \"/tmp/x\", format = parquet }")), FilesDestination.class);
        assertEquals(OverwriteMode.FULL, plain.overwrite());
        assertTrue(plain.catalog().isEmpty());

        FilesDestination named = only(DestinationFactory.fromConfig(ConfigFactory.parseString(
                "a { type = files, uri = \"/tmp/x\", overwrite = partitions, catalog { database = mrrlake, table_prefix = pq_ } }")),
                FilesDestination.class);
        assertEquals(OverwriteMode.PARTITIONS, named.overwrite());
        assertEquals("mrrlake.pq_calculated_mrr_movements", named.catalog().orElseThrow().table("calculated_mrr_movements"));

        ConfigException typo = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", catalog { database = m, tabel_prefix = p } }")));
        assertEquals("destinations.a.catalog.tabel_prefix", typo.key());
        ConfigException missing = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", catalog { table_prefix = p } }")));
        assertEquals("destinations.a.catalog.database", missing.key());
        ConfigException bad = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", catalog { database = \"mrr; DROP\" } }")));
        assertEquals("destinations.a.catalog.database", bad.key());
    }

    @Test
    void unknownKeysBadValuesAndWebhooks() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", fromat = parquet }")));
        assertEquals("destinations.a.fromat", unknown.key());
        assertTrue(unknown.getMessage().contains("format"), unknown.getMessage());

        ConfigException format = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", format = orc }")));
        assertEquals("destinations.a.format", format.key());
        assertTrue(format.getMessage().contains("'orc'") && format.getMessage().contains("delta, parquet"), format.getMessage());

        ConfigException type = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = kafka }")));
        assertTrue(type.getMessage().contains("kafka") && type.getMessage().contains("bigquery"), type.getMessage());

        ConfigException ds = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = files, uri = \"/tmp/x\", datasets = [calculated.mrr_movement] }")));
        assertEquals("destinations.a.datasets", ds.key());

        ConfigException bucket = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = bigquery, project = p, dataset = d }")));
        assertEquals("destinations.a.temporary_gcs_bucket", bucket.key());

        ConfigException batch = assertThrows(ConfigException.class, () -> DestinationFactory.fromConfig(
                ConfigFactory.parseString("a { type = jdbc, url = \"jdbc:postgresql://h/d\", user = u, password = \"pw-9\", batch_size = lots }")));
        assertEquals("destinations.a.batch_size", batch.key());
        assertFalse(batch.getMessage().contains("pw-9"));

        List<Destination> ds2 = DestinationFactory.fromConfig(ConfigFactory.parseString(
                "hook { type = webhook, url = \"https://x\", whatever = 1 }\n"
                        + "lake { type = files, uri = \"/tmp/x\", format = parquet, datasets = [\"calculated.*\"] }"));
        assertEquals(1, ds2.size());
        assertEquals("lake", ds2.get(0).name());
    }

    @Test
    void bigqueryAndSnowflakeFormatsResolveToTheBundledConnectors() {
        SparkSession spark = SparkTest.spark();
        Class<?> bq = DataSource.lookupDataSource("bigquery", spark.sessionState().conf());
        assertEquals("com.google.cloud.spark.bigquery.BigQueryRelationProvider", bq.getName());
        Class<?> sf = DataSource.lookupDataSource("snowflake", spark.sessionState().conf());
        assertEquals("net.snowflake.spark.snowflake.DefaultSource", sf.getName());
        System.out.println("bigquery -> " + bq.getName() + ", snowflake -> " + sf.getName());
    }
}
