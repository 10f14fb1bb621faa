package io.mrrlake.config;

import java.util.regex.Pattern;

/**
 * Where a files destination registers its datasets as external tables in the Spark session's catalog
 * (a Hive metastore, AWS Glue, Unity Catalog's hive_metastore): {@code <database>.<tablePrefix><table>}.
 */
public record CatalogSettings(String database, String tablePrefix) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Checks both names; they go into SQL statements unquoted by the user. */
    public static CatalogSettings of(String keyPrefix, String database, String tablePrefix) {
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new ConfigException(keyPrefix + ".database", "'" + database
                    + "' is not a database name; allowed: letters, digits and _, not starting with a digit");
        }
        String prefix = tablePrefix == null ? "" : tablePrefix;
        if (!prefix.isEmpty() && !Pattern.matches("[A-Za-z0-9_]+", prefix)) {
            throw new ConfigException(keyPrefix + ".table_prefix", "'" + prefix + "' is not a table prefix; allowed: letters, digits and _");
        }
        return new CatalogSettings(database, prefix);
    }

    public String table(String tableName) {
        return database + "." + tablePrefix + tableName;
    }
}
