package io.mrrlake.export;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC destination against a real PostgreSQL server started by the test. */
class JdbcDestinationTest {
    private static EmbeddedPostgres pg;
    private static final SparkSession spark = SparkTest.spark();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA mrr");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) pg.close();
    }

    private static JdbcDestination destination(JdbcDestination.ArrayMapping arrays) {
        return new JdbcDestination("pg", DatasetFilter.all(), pg.getJdbcUrl("postgres", "postgres"), "postgres",
                "postgres", "mrr", "", null, arrays, 1000);
    }

    @Test
    void writesProperTypesRewritesWithoutDuplicatesAndTakesANewColumn() throws Exception {
        JdbcDestination d = destination(JdbcDestination.ArrayMapping.POSTGRES_ARRAY);
        DatasetWrite w = TestRows.movementsWrite(spark, 300, 4);
        assertEquals(300, d.writeAndCount(w));
        assertEquals(300, d.writeAndCount(w), "same rows twice");
        assertEquals(300, scalar("SELECT count(*) FROM mrr.calculated_mrr_movements"));
        assertEquals(300, scalar("SELECT count(DISTINCT \"UUID\") FROM mrr.calculated_mrr_movements"));
        FilesDestinationTest.assertSameRows(w.rows(), readBack("mrr.calculated_mrr_movements"));

        Map<String, String> types = columnTypes("calculated_mrr_movements");
        assertEquals("text", types.get("UUID"));
        assertEquals("date", types.get("DATE"));
        assertEquals("bigint", types.get("MRR_MOVEMENT"));
        assertEquals("numeric", types.get("AMOUNT"));
        assertEquals("timestamp without time zone", types.get("CREATED_AT"));
        assertEquals("boolean", types.get("IS_FREE"));
        assertEquals("ARRAY", types.get("TAGS"));
        assertEquals(1, scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'mrr' AND tablename = 'calculated_mrr_movements'"
                + " AND indexdef LIKE '%DATE_MONTH%'"));
        assertEquals(1, scalar("SELECT count(*) FROM mrr.calculated_mrr_movements WHERE 't7' = ANY(\"TAGS\")"));
        assertEquals(0, stagingTables());

        // The next run has a new column: the table follows.
        DatasetWrite wider = DatasetWrite.of(OutputDataset.CALCULATED_MRR_MOVEMENTS,
                TestRows.movements(spark, 100, 2).withColumn("DESCRIPTION", lit("added")));
        assertEquals(100, d.writeAndCount(wider));
        assertEquals("text", columnTypes("calculated_mrr_movements").get("DESCRIPTION"));
        assertEquals(100, scalar("SELECT count(*) FROM mrr.calculated_mrr_movements WHERE \"DESCRIPTION\" = 'added'"));
    }

    @Test
    void jsonTextMappingStoresArraysAsJson() throws Exception {
        JdbcDestination d = destination(JdbcDestination.ArrayMapping.JSON_TEXT);
        DatasetWrite w = DatasetWrite.of(OutputDataset.CALCULATED_CUSTOMERS, TestRows.movements(spark, 10, 1));
        assertEquals(10, d.writeAndCount(w));
        assertEquals("text", columnTypes("calculated_customers").get("TAGS"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"TAGS\" FROM mrr.calculated_customers WHERE \"UUID\" = 'mov_3'")) {
            rs.next();
            assertEquals("[\"a\",\"t3\"]", rs.getString(1));
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousTable() throws Exception {
        JdbcDestination d = destination(JdbcDestination.ArrayMapping.POSTGRES_ARRAY);
        DatasetWrite good = DatasetWrite.of(OutputDataset.CALCULATED_SUBSCRIPTIONS, TestRows.movements(spark, 40, 2));
        d.writeAndCount(good);
        assertThrows(Exception.class, () -> d.writeAndCount(TestRows.failingWrite(spark, OutputDataset.CALCULATED_SUBSCRIPTIONS)));
        assertEquals(40, scalar("SELECT count(*) FROM mrr.calculated_subscriptions"));
        assertEquals(0, stagingTables(), "the failed run's staging table is dropped");
    }

    /** Two runs at once must not share a staging table: each destination object (one per run) has its own. */
    @Test
    void stagingTablesAreUniquePerRunAndFitPostgresIdentifiers() {
        JdbcDestination first = destination(JdbcDestination.ArrayMapping.POSTGRES_ARRAY);
        JdbcDestination second = destination(JdbcDestination.ArrayMapping.POSTGRES_ARRAY);
        String table = "calculated_mrr_movements";
        assertNotEquals(first.stagingOf(table), second.stagingOf(table));
        assertTrue(first.stagingOf(table).startsWith(table + JdbcDestination.STAGING_MARK), first.stagingOf(table));
        String longName = "a_table_prefix_that_is_long_enough_to_reach_the_limit_" + table;
        assertEquals(63, first.stagingOf(longName).length());
        assertNotEquals(first.stagingOf(longName), second.stagingOf(longName), "the run token survives the cut");
    }

    @Test
    void aPostgresConnectionHasASocketTimeoutUnlessTheUrlSetsOne() throws Exception {
        try (java.sql.Connection c = destination(JdbcDestination.ArrayMapping.POSTGRES_ARRAY).connect()) {
            assertEquals(Integer.parseInt(JdbcDestination.POSTGRES_DEFAULTS.get("socketTimeout")) * 1000, c.getNetworkTimeout());
        }
        JdbcDestination own = new JdbcDestination("pg", DatasetFilter.all(), pg.getJdbcUrl("postgres", "postgres") + "&socketTimeout=15",
                "postgres", "postgres", "mrr", "", null, JdbcDestination.ArrayMapping.POSTGRES_ARRAY, 1000);
        try (java.sql.Connection c = own.connect()) {
            assertEquals(15_000, c.getNetworkTimeout(), "the URL's value wins");
        }
    }

    static long stagingTables() throws Exception {
        return scalar("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%" + JdbcDestination.STAGING_MARK + "%'");
    }

    static long scalar(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, String> columnTypes(String table) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM information_schema.columns "
                     + "WHERE table_schema = 'mrr' AND table_name = '" + table + "'")) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2));
        }
        return m;
    }

    static Dataset<Row> readBack(String table) {
        return spark.read().format("jdbc").option("url", pg.getJdbcUrl("postgres", "postgres"))
                .option("user", "postgres").option("dbtable", table).load();
    }

    static String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }
}
