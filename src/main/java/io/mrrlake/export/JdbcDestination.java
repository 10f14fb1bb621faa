package io.mrrlake.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.mrrlake.config.ConfigException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table per dataset in a JDBC database (PostgreSQL; Redshift with its driver added). Spark
 * writes the rows into a staging table of this run ({@code <table>__stg_<run token>}) it creates with
 * the dialect's types; then one transaction
 * counts it, drops the old table and renames the staging table into its place (and indexes the
 * month column). Readers see the old table or the new one; a schema change simply arrives with the
 * new table. Grants on the old table go with it (see docs/DESTINATIONS.md).
 */
public final class JdbcDestination extends FilteredDestination {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDestination.class);
    /** Staging tables are {@code <table>__stg_<run token>}: unique per run, so two runs never share one. */
    static final String STAGING_MARK = "__stg_";
    /** PostgreSQL truncates longer identifiers, which could cut the run token off. */
    private static final int MAX_IDENTIFIER = 63;
    /**
     * PostgreSQL driver settings the job gives unless the URL names them: without a socket timeout a
     * statement sent to a server that stopped answering (frozen, or gone behind a dead connection)
     * waits forever, and so does the run. Ten minutes is longer than any one statement of a write
     * (a batch of inserts, the swap's count and index) takes on a working server.
     */
    static final Map<String, String> POSTGRES_DEFAULTS = Map.of("socketTimeout", "600", "connectTimeout", "10");

    /** How array columns (EXTERNAL_IDS, TAGS, …) are stored. */
    public enum ArrayMapping {
        /** PostgreSQL arrays (text[]), queryable with ANY(), unnest(). */
        POSTGRES_ARRAY,
        /** JSON text ("[\"a\",\"b\"]"): portable to Redshift and any database. */
        JSON_TEXT;

        public static ArrayMapping parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(key, "'" + value + "' is not an array mapping; allowed: postgres_array, json_text");
            }
        }

        public static ArrayMapping defaultFor(String url) {
            return url.startsWith("jdbc:postgresql:") ? POSTGRES_ARRAY : JSON_TEXT;
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final String tablePrefix;
    private final String driver;
    private final ArrayMapping arrays;
    private final int batchSize;

    public JdbcDestination(String name, DatasetFilter filter, String url, String user, String password,
                           String schema, String tablePrefix, String driver, ArrayMapping arrays, int batchSize) {
        super(name, filter);
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
        this.driver = driver;
        this.arrays = arrays;
        this.batchSize = batchSize;
    }

    @Override
    public String type() { return "jdbc"; }

    @Override
    List<String> secrets() { return password == null ? List.of() : List.of(password); }

    public String url() { return url; }
    public String schema() { return schema; }
    public ArrayMapping arrays() { return arrays; }

    /** The table a dataset goes to, unquoted: prefix + "calculated_mrr_movements". */
    public String tableOf(DatasetWrite write) {
        return tablePrefix + write.tableName();
    }

    /** This run's staging table for a target table. */
    String stagingOf(String table) {
        String suffix = STAGING_MARK + runToken();
        return table.substring(0, Math.min(table.length(), MAX_IDENTIFIER - suffix.length())) + suffix;
    }

    @Override
    public long writeAndCount(DatasetWrite write) throws Exception {
        String table = tableOf(write);
        String staging = stagingOf(table);
        Dataset<Row> rows = withArrayMapping(write.rows());

        var writer = rows.write().format("jdbc").mode(SaveMode.Overwrite)
                .option("url", url)
                .option("dbtable", qualified(staging))
                .option("batchsize", String.valueOf(batchSize))
                // Drop and re-create the staging table: its columns follow this run's schema.
                .option("truncate", "false");
        if (user != null) writer = writer.option("user", user);
        if (password != null) writer = writer.option("password", password);
        if (driver != null) writer = writer.option("driver", driver);
        writer = writer.options(driverDefaults());
        long count;
        try {
            writer.save();
            count = swap(staging, table, write.partitioned() ? write.partitionColumn() : null);
        } catch (Exception e) {
            dropQuietly(staging);
            throw e;
        }
        LOG.info("destination {}: replaced table {} with {} rows", name(), qualified(table), count);
        return count;
    }

    private Dataset<Row> withArrayMapping(Dataset<Row> rows) {
        if (arrays == ArrayMapping.POSTGRES_ARRAY) {
            return rows;
        }
        Column[] cols = new Column[rows.schema().fields().length];
        int i = 0;
        for (StructField f : rows.schema().fields()) {
            cols[i++] = f.dataType() instanceof ArrayType ? to_json(col(f.name())).as(f.name()) : col(f.name());
        }
        return rows.select(cols);
    }

    /** Staging table into place in one transaction; returns its row count. */
    private long swap(String staging, String table, String monthColumn) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                long count;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + qualified(staging))) {
                    rs.next();
                    count = rs.getLong(1);
                }
                st.execute("DROP TABLE IF EXISTS " + qualified(table));
                st.execute("ALTER TABLE " + qualified(staging) + " RENAME TO " + quote(table));
                if (monthColumn != null) {
                    st.execute("CREATE INDEX " + quote(table + "_" + monthColumn.toLowerCase(Locale.ROOT) + "_idx")
                            + " ON " + qualified(table) + " (" + quote(monthColumn) + ")");
                }
                c.commit();
                return count;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A half-written staging table is of no use to anyone; the target table is untouched. */
    private void dropQuietly(String staging) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + qualified(staging));
        } catch (SQLException e) {
            LOG.warn("destination {}: could not drop staging table {}: {}", name(), qualified(staging), e.getMessage());
        }
    }

    /** Passed to the driver as connection properties; a parameter in the URL takes precedence. */
    private Map<String, String> driverDefaults() {
        return url.startsWith("jdbc:postgresql:") ? POSTGRES_DEFAULTS : Map.of();
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.putAll(driverDefaults());
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        if (driver != null) {
            try {
                Class.forName(driver);
            } catch (ClassNotFoundException e) {
                throw new SQLException("JDBC driver " + driver + " is not on the class path (add it with --jars or --packages)", e);
            }
        }
        return DriverManager.getConnection(url, p);
    }

    String qualified(String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        // The URL may carry a password as a parameter; show only scheme, host and path.
        return "jdbc(" + name() + ", " + url.replaceAll("[?;].*$", "") + ", datasets=" + filter() + ")";
    }
}
