package io.mrrlake.export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mrrlake.config.ConfigException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BigQuery table per dataset through the Spark BigQuery connector. Month datasets are
 * MONTH-partitioned on the date column behind their month column (DATE_MONTH → DATE) and replaced
 * partition by partition (the connector's DYNAMIC overwrite); the others are replaced whole. Tables
 * are clustered by their customer column.
 */
public final class BigQueryDestination extends FilteredDestination {
    private static final Logger LOG = LoggerFactory.getLogger(BigQueryDestination.class);
    static final String OVERWRITE_MODE = "spark.sql.sources.partitionOverwriteMode";

    public enum WriteMethod {
        DIRECT, INDIRECT;

        public static WriteMethod parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(key, "'" + value + "' is not a write method; allowed: direct, indirect");
            }
        }
    }

    private final String project;
    private final String dataset;
    private final String parentProject;
    private final WriteMethod writeMethod;
    private final String temporaryGcsBucket;
    private final String credentialsFile;
    private final String tablePrefix;

    public BigQueryDestination(String name, DatasetFilter filter, String project, String dataset, String parentProject,
                               WriteMethod writeMethod, String temporaryGcsBucket, String credentialsFile,
                               String tablePrefix) {
        super(name, filter);
        this.project = project;
        this.dataset = dataset;
        this.parentProject = parentProject;
        this.writeMethod = writeMethod;
        this.temporaryGcsBucket = temporaryGcsBucket;
        this.credentialsFile = credentialsFile;
        this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
    }

    @Override
    public String type() { return "bigquery"; }

    /** The connector options for one dataset; every write goes through exactly these. */
    public Map<String, String> optionsFor(DatasetWrite write, List<String> columns, Map<String, String> columnTypes) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("table", project + "." + dataset + "." + tablePrefix + write.tableName());
        if (parentProject != null) o.put("parentProject", parentProject);
        if (credentialsFile != null) o.put("credentialsFile", credentialsFile);
        o.put("writeMethod", writeMethod.name().toLowerCase(Locale.ROOT));
        if (writeMethod == WriteMethod.INDIRECT) {
            o.put("temporaryGcsBucket", temporaryGcsBucket);
            o.put("intermediateFormat", "parquet");
            // Without it arrays arrive as RECORD<list<element>> instead of REPEATED columns.
            o.put("enableListInference", "true");
        }
        if (write.partitioned()) {
            String dateColumn = dateColumnBehind(write, columns, columnTypes);
            o.put("partitionField", dateColumn);
            o.put("partitionType", "MONTH");
            o.put(OVERWRITE_MODE, "DYNAMIC");
        } else {
            o.put(OVERWRITE_MODE, "STATIC");
        }
        String customer = customerColumn(write, columns);
        if (customer != null) o.put("clusteredFields", customer);
        return o;
    }

    /** DATE_MONTH → DATE, INVOICED_AT_MONTH → INVOICED_AT: a DATE or TIMESTAMP column BigQuery can partition on. */
    static String dateColumnBehind(DatasetWrite write, List<String> columns, Map<String, String> columnTypes) {
        String month = write.partitionColumn();
        String date = month.endsWith("_MONTH") ? month.substring(0, month.length() - "_MONTH".length()) : month;
        String type = columnTypes.get(date);
        if (!columns.contains(date) || !("date".equals(type) || "timestamp".equals(type))) {
            throw new IllegalArgumentException(write.dottedName() + ": BigQuery partitions on the date column behind "
                    + month + ", expected " + date + " as date or timestamp, found " + type);
        }
        return date;
    }

    static String customerColumn(DatasetWrite write, List<String> columns) {
        if (columns.contains("CUSTOMER_UUID")) return "CUSTOMER_UUID";
        if ("calculated.customers".equals(write.dottedName()) && columns.contains("UUID")) return "UUID";
        return null;
    }

    static Map<String, String> columnTypes(Dataset<Row> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (StructField f : rows.schema().fields()) {
            m.put(f.name(), f.dataType() instanceof DateType ? "date" : f.dataType() instanceof TimestampType ? "timestamp"
                    : f.dataType().typeName());
        }
        return m;
    }

    @Override
    public long writeAndCount(DatasetWrite write) {
        Dataset<Row> rows = write.rows();
        Map<String, String> options = optionsFor(write, Arrays.asList(rows.columns()), columnTypes(rows));
        rows.write().format("bigquery").mode(SaveMode.Overwrite).options(options).save();
        LOG.info("destination {}: wrote {} to {}", name(), write.dottedName(), options.get("table"));
        return -1;
    }

    @Override
    public String toString() {
        return "bigquery(" + name() + ", " + project + "." + dataset + ", " + writeMethod + ", datasets=" + filter() + ")";
    }
}
