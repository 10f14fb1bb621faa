package io.mrrlake.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mrrlake.config.CatalogSettings;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Registers a written dataset as an external table in the session's catalog, or brings the table up
 * to date: Delta tables read their log, so they only need creating once; Parquet tables get their
 * month partitions synchronised with the folders and their file listing refreshed, and are created
 * again when the dataset's columns or partitioning changed. Only external tables at the dataset's
 * location are ever replaced: a table of the same name that is managed or elsewhere stops the write
 * with a message, because dropping it could delete someone's data.
 */
final class CatalogTables {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogTables.class);

    private CatalogTables() {}

    /**
     * @param schema          the dataset's columns as written
     * @param partitionColumn the month column when the Parquet files are in month folders, else null
     */
    static void register(SparkSession spark, CatalogSettings catalog, String tableName, String location,
                         FileFormat format, StructType schema, String partitionColumn) throws AnalysisException {
        String table = catalog.table(tableName);
        // Writes of a destination run in parallel; metastore DDL does not need to.
        synchronized (CatalogTables.class) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + catalog.database());
            SessionCatalog sessionCatalog = spark.sessionState().catalog();
            TableIdentifier id = new TableIdentifier(catalog.tablePrefix() + tableName, Option.apply(catalog.database()));
            if (sessionCatalog.tableExists(id)) {
                CatalogTable existing = sessionCatalog.getTableMetadata(id);
                checkReplaceable(table, existing, location);
                if (format == FileFormat.PARQUET && !sameLayout(existing, schema, partitionColumn)) {
                    spark.sql("DROP TABLE " + table);
                }
            }
            spark.sql("CREATE TABLE IF NOT EXISTS " + table + " USING " + format.id().toUpperCase(Locale.ROOT)
                    + " LOCATION '" + location.replace("'", "\\'") + "'");
            if (format == FileFormat.PARQUET && !sessionCatalog.getTableMetadata(id).partitionColumnNames().isEmpty()) {
                spark.sql("MSCK REPAIR TABLE " + table + " SYNC PARTITIONS");
            }
            spark.sql("REFRESH TABLE " + table);
        }
        LOG.info("catalog: {} at {}", table, location);
    }

    private static void checkReplaceable(String table, CatalogTable existing, String location) {
        String where = existing.storage().locationUri().isDefined() ? existing.storage().locationUri().get().toString() : "";
        if (existing.tableType() != CatalogTableType.EXTERNAL() || !samePlace(where, location)) {
            throw new IllegalStateException("catalog table " + table + " exists as a " + existing.tableType().name()
                    + " table at " + where + ", not as the external table at " + location
                    + "; drop it or choose another catalog database or table_prefix");
        }
    }

    /** The same folder, whether the metastore stored it with "file:" and slashes or not. */
    private static boolean samePlace(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String uri) {
        String s = uri.replaceFirst("^file:", "").replaceAll("/+", "/");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether the registered Parquet table has the columns and partitioning of the files now there. */
    private static boolean sameLayout(CatalogTable existing, StructType schema, String partitionColumn) {
        List<String> partitions = partitionColumn == null ? List.of() : List.of(partitionColumn);
        return Set.of(existing.schema().fieldNames()).equals(Set.of(schema.fieldNames()))
                && JavaConverters.seqAsJavaList(existing.partitionColumnNames()).equals(partitions);
    }
}
