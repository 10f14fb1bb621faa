package io.mrrlake.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.mrrlake.config.CatalogSettings;
import io.mrrlake.config.ConfigException;

/**
 * Turns the {@code destinations} block of the configuration into destinations, checking every key
 * before Spark starts. {@code type = webhook} blocks belong to the webhook package and are skipped.
 *
 * <pre>
 * destinations {
 *   lake      { type = files, uri = "s3a://bucket/mrr", format = delta }
 *   warehouse { type = jdbc, url = "jdbc:postgresql://db/mrr", user = mrr, password = ${?PGPASSWORD},
 *               datasets = ["calculated.*"] }
 * }
 * </pre>
 */
public final class DestinationFactory {
    public static final String ROOT = "destinations";
    private static final List<String> TYPES = List.of("files", "bigquery", "snowflake", "jdbc", "webhook");

    private DestinationFactory() {}

    /** @param destinations the config at {@code destinations} (resolved, or resolvable against the environment) */
    public static List<Destination> fromConfig(Config destinations) {
        Config resolved;
        try {
            resolved = destinations.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(ROOT, "cannot be resolved: " + e.getMessage());
        }
        List<Destination> out = new ArrayList<>();
        // HOCON objects keep no key order: go by name so runs and summaries are stable.
        for (Map.Entry<String, ConfigValue> e : new java.util.TreeMap<>(resolved.root()).entrySet()) {
            String name = e.getKey();
            String path = ROOT + "." + name;
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new ConfigException(path, "must be a block { type = ... }; allowed types: " + String.join(", ", TYPES));
            }
            ConfigBlock b = new ConfigBlock(path, resolved.getConfig(quoted(name)));
            String type = b.requiredString("type", String.join(" | ", TYPES));
            switch (type) {
                case "webhook" -> { continue; } // the webhook package reads these
                case "files" -> out.add(files(name, b));
                case "jdbc" -> out.add(jdbc(name, b));
                case "bigquery" -> out.add(bigquery(name, b));
                case "snowflake" -> out.add(snowflake(name, b));
                default -> throw new ConfigException(b.key("type"), "'" + type + "' is not a destination type; allowed: "
                        + String.join(", ", TYPES));
            }
            b.rejectUnknownKeys();
        }
        return out;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\\\"") + "\"";
    }

    private static DatasetFilter filter(ConfigBlock b) {
        return DatasetFilter.of(b.key("datasets"), b.stringList("datasets"));
    }

    private static FilesDestination files(String name, ConfigBlock b) {
        String uri = b.requiredString("uri", "a folder URI: file:/…, s3a://bucket/prefix, gs://…, abfss://…, or a path");
        FileFormat format = FileFormat.parse(b.key("format"), b.string("format", "delta"));
        String ow = b.string("overwrite", null);
        OverwriteMode overwrite = ow == null ? OverwriteMode.FULL : OverwriteMode.parse(b.key("overwrite"), ow);
        String committer = b.string("s3_committer", "magic");
        if (!committer.equals("magic") && !committer.equals("directory")) {
            throw new ConfigException(b.key("s3_committer"), "'" + committer + "' is not an S3A committer; allowed: magic, directory");
        }
        try {
            CloudCommitSettings.scheme(uri);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(b.key("uri"), "'" + uri + "' is not a URI or path: " + e.getMessage());
        }
        return new FilesDestination(name, filter(b), uri, format, overwrite, committer, catalog(b));
    }

    /** The optional {@code catalog { database, table_prefix }} block of a files destination. */
    private static CatalogSettings catalog(ConfigBlock b) {
        ConfigBlock c = b.block("catalog");
        if (c == null) return null;
        CatalogSettings settings = CatalogSettings.of(b.key("catalog"), c.requiredString("database", "a database name such as mrrlake"),
                c.string("table_prefix", ""));
        c.rejectUnknownKeys();
        return settings;
    }

    private static JdbcDestination jdbc(String name, ConfigBlock b) {
        String url = b.requiredString("url", "a JDBC URL like jdbc:postgresql://host:5432/db or jdbc:redshift://…");
        if (!url.startsWith("jdbc:")) {
            throw new ConfigException(b.key("url"), "'" + url.replaceAll("[?;].*$", "") + "' is not a JDBC URL; allowed: jdbc:postgresql://…, jdbc:redshift://…");
        }
        String user = b.requiredString("user", "the database user");
        String password = b.requiredSecret("password", "JDBC_PASSWORD");
        String schema = b.string("schema", null);
        String prefix = b.string("table_prefix", "");
        String driver = b.string("driver", null);
        String arrays = b.string("array_mapping", null);
        JdbcDestination.ArrayMapping mapping = arrays == null ? JdbcDestination.ArrayMapping.defaultFor(url)
                : JdbcDestination.ArrayMapping.parse(b.key("array_mapping"), arrays);
        int batch = b.integer("batch_size", 5000, 1, 1_000_000);
        return new JdbcDestination(name, filter(b), url, user, password, schema, prefix, driver, mapping, batch);
    }

    private static BigQueryDestination bigquery(String name, ConfigBlock b) {
        String project = b.requiredString("project", "the Google Cloud project that holds the dataset");
        String dataset = b.requiredString("dataset", "the BigQuery dataset the tables go to");
        String parent = b.string("parent_project", null);
        BigQueryDestination.WriteMethod method = BigQueryDestination.WriteMethod.parse(b.key("write_method"),
                b.string("write_method", "indirect"));
        String bucket = b.string("temporary_gcs_bucket", null);
        if (method == BigQueryDestination.WriteMethod.INDIRECT && bucket == null) {
            throw new ConfigException(b.key("temporary_gcs_bucket"), "is missing; write_method = indirect stages files in a "
                    + "GCS bucket: give its name, or set write_method = direct");
        }
        String credentials = b.string("credentials_file", null);
        String prefix = b.string("table_prefix", "");
        return new BigQueryDestination(name, filter(b), project, dataset, parent, method, bucket, credentials, prefix);
    }

    private static SnowflakeDestination snowflake(String name, ConfigBlock b) {
        Map<String, String> c = new LinkedHashMap<>();
        String url = b.requiredString("url", "the account URL, e.g. myorg-myaccount.snowflakecomputing.com");
        c.put("sfURL", url);
        c.put("sfUser", b.requiredString("user", "the Snowflake user"));
        String password = b.secret("password");
        String key = b.secret("private_key");
        if (password == null && key == null) {
            throw new ConfigException(b.key("password"), "is missing; give a password (environment variable SNOWFLAKE_PASSWORD) "
                    + "or a private_key (SNOWFLAKE_PRIVATE_KEY, an unencrypted PKCS#8 PEM) for key-pair auth");
        }
        if (password != null && key != null) {
            throw new ConfigException(b.key("private_key"), "both password and private_key are set; allowed: one of them");
        }
        if (key != null) c.put("pem_private_key", SnowflakeDestination.pemBody(key));
        else c.put("sfPassword", password);
        c.put("sfDatabase", b.requiredString("database", "the database"));
        c.put("sfSchema", b.requiredString("schema", "the schema"));
        c.put("sfWarehouse", b.requiredString("warehouse", "the virtual warehouse that runs the loads"));
        String role = b.string("role", null);
        if (role != null) c.put("sfRole", role);
        String prefix = b.string("table_prefix", "");
        SnowflakeDestination.Overwrite ow = SnowflakeDestination.Overwrite.parse(b.key("overwrite"),
                b.string("overwrite", "keep_table"));
        return new SnowflakeDestination(name, filter(b), c, prefix, ow);
    }
}
