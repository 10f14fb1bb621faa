package io.mrrlake.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mrrlake.config.ConfigException;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Snowflake table per dataset through the Snowflake Spark connector.
 *
 * <p>{@code keep_table} (default): the connector loads a staging table, then, in the same session,
 * {@code INSERT OVERWRITE INTO <table> SELECT * FROM <staging>} replaces the rows in one statement,
 * so the table, its grants and its history stay; a new column must be added to the table first
 * (the statement fails and the old rows stay). {@code swap_table}: the connector's own
 * staging-table swap ({@code usestagingtable=on}, {@code truncate_table=off}); the table takes this
 * run's schema, but Snowflake's SWAP moves grants with the old table.
 */
public final class SnowflakeDestination extends FilteredDestination {
    private static final Logger LOG = LoggerFactory.getLogger(SnowflakeDestination.class);
    static final String STAGING_SUFFIX = "_MRRLAKE_STAGING";

    public enum Overwrite {
        KEEP_TABLE, SWAP_TABLE;

        public static Overwrite parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(key, "'" + value + "' is not an overwrite mode; allowed: keep_table, swap_table");
            }
        }
    }

    private final Map<String, String> connection;
    private final String tablePrefix;
    private final Overwrite overwrite;
    private final List<String> secrets;

    /**
     * @param connection sfURL, sfUser, sfDatabase, sfSchema, sfWarehouse, optional sfRole, and
     *                   sfPassword or pem_private_key
     */
    public SnowflakeDestination(String name, DatasetFilter filter, Map<String, String> connection, String tablePrefix,
                                Overwrite overwrite) {
        super(name, filter);
        this.connection = Map.copyOf(connection);
        this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
        this.overwrite = overwrite;
        List<String> s = new ArrayList<>();
        if (connection.get("sfPassword") != null) s.add(connection.get("sfPassword"));
        if (connection.get("pem_private_key") != null) s.add(connection.get("pem_private_key"));
        this.secrets = List.copyOf(s);
    }

    @Override
    public String type() { return "snowflake"; }

    @Override
    List<String> secrets() { return secrets; }

    /** Snowflake folds unquoted names to upper case; the table names are given that way. */
    public String tableOf(DatasetWrite write) {
        return (tablePrefix + write.tableName()).toUpperCase(Locale.ROOT);
    }

    /** This run's staging table for a target table: {@code <TABLE>_MRRLAKE_STAGING_<RUN TOKEN>}. */
    String stagingOf(String table) {
        return table + STAGING_SUFFIX + "_" + runToken().toUpperCase(Locale.ROOT);
    }

    /** The connector options for one dataset (secrets included: never log the result). */
    public Map<String, String> optionsFor(DatasetWrite write, List<String> columns) {
        Map<String, String> o = new LinkedHashMap<>(connection);
        String table = tableOf(write);
        if (overwrite == Overwrite.KEEP_TABLE) {
            String staging = stagingOf(table);
            o.put("dbtable", staging);
            // The staging table is itself the scratch space: load it plainly.
            o.put("usestagingtable", "off");
            o.put("truncate_table", "off");
            // Columns by name: a reordered schema still lands right, a new column fails loudly.
            String cols = String.join(", ", columns);
            o.put("postactions", String.join(";",
                    "CREATE TABLE IF NOT EXISTS " + table + " LIKE " + staging,
                    "INSERT OVERWRITE INTO " + table + " (" + cols + ") SELECT " + cols + " FROM " + staging,
                    "DROP TABLE IF EXISTS " + staging));
        } else {
            o.put("dbtable", table);
            o.put("usestagingtable", "on");
            o.put("truncate_table", "off");
        }
        return o;
    }

    @Override
    public long writeAndCount(DatasetWrite write) {
        write.rows().write().format("snowflake").mode(SaveMode.Overwrite).options(optionsFor(write, java.util.Arrays.asList(write.rows().columns()))).save();
        LOG.info("destination {}: wrote {} to {}.{}", name(), write.dottedName(), connection.get("sfSchema"), tableOf(write));
        return -1;
    }

    /** Key-pair auth: the connector wants the PKCS#8 key's base64 body, without PEM armour or line breaks. */
    static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public String toString() {
        return "snowflake(" + name() + ", " + connection.get("sfURL") + ", " + connection.get("sfDatabase") + "."
                + connection.get("sfSchema") + ", datasets=" + filter() + ")";
    }
}
