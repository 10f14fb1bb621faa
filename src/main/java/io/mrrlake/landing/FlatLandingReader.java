package io.mrrlake.landing;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet, Avro, CSV and Delta tables to raw records. The documented columns of a kind are taken by
 * name and turned into strings (a timestamp column into ISO-8601 with its offset, a float column
 * holding a whole number into an integer), so every format goes through the same validation as
 * JSON; nothing is inferred from the data: CSV columns are all read as strings
 * ({@code inferSchema=false}), and the self-describing formats bring their own schema, of which only
 * the documented columns count. Other columns are unmapped attributes.
 *
 * <p>Files of one kind may differ in their columns (a column added later, a tool that leaves empty
 * ones out). Spark would read them all with the columns of one file, so each file is read by its
 * own columns' names: Parquet with merged schemas, Avro and CSV files in groups of equal schema
 * (CSV: equal header line), each group turned into raw records on its own and the groups unioned.
 * A column a file lacks is then missing for its records (a required one is a missing_field reject),
 * never taken from another column's position. A CSV row whose field count differs from its header's
 * is a reject with its line as read ({@link RawColumns#MALFORMED_ROW}), not padded or cut.
 */
public final class FlatLandingReader {
    private static final String ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";
    private static final String ISO_LOCAL = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";
    private static final String CORRUPT = "_corrupt_record";
    private static final Logger LOG = LoggerFactory.getLogger(FlatLandingReader.class);
    /**
     * Fields a CSV row may have before the parser gives up on the whole file: univocity's default,
     * 20,480, made one malformed row of more fields fail the run; a row past this many still does.
     * The parser keeps an array of this size per file it reads (800 KB).
     */
    private static final int MAX_CSV_FIELDS = 100_000;
    /** A float column's whole numbers up to this size are written as integers. */
    private static final double WHOLE_LIMIT = 1e18;

    private FlatLandingReader() {}

    public static Dataset<Row> read(SparkSession spark, List<String> files, LandingKind kind, InputFormat format) {
        String[] paths = files.toArray(String[]::new);
        return switch (format) {
            case PARQUET -> parquet(spark, files, kind);
            case AVRO -> bySchema(files, group -> spark.read().format("avro").load(group.toArray(String[]::new)),
                    f -> spark.read().format("avro").load(f).schema().json(), kind);
            case CSV -> bySchema(files, group -> csv(spark, group), f -> csvGroup(spark, f), kind);
            case DELTA -> toRaw(spark.read().format("delta").load(paths[0]), kind);
            case JSON -> throw new IllegalArgumentException("JSON is read by JsonLandingReader");
        };
    }

    /**
     * Parquet files with their schemas merged by column name. Where two files give one column types
     * that Spark cannot merge (INT in one, BIGINT or STRING in another), each group of files with
     * one schema is read alone instead and made text ({@link #toRaw}), as CSV and Avro always are:
     * every value then meets the checks, where Spark's merge failed the whole run. The merged read
     * stays the first choice because it reads no file's footer twice.
     */
    private static Dataset<Row> parquet(SparkSession spark, List<String> files, LandingKind kind) {
        try {
            return toRaw(spark.read().option("mergeSchema", "true").parquet(files.toArray(String[]::new)), kind);
        } catch (Exception incompatible) { // Spark's SparkException and AnalysisException are checked, and undeclared
            return bySchema(files, group -> spark.read().parquet(group.toArray(String[]::new)),
                    f -> parquetSchema(spark, f), kind);
        }
    }

    /**
     * One Parquet file's schema as Spark reads it. A file with two columns whose names differ only in
     * case (external_id and EXTERNAL_ID) cannot be read: Spark matches Parquet names regardless of
     * case. The run then stops naming the file and the columns, where Spark's message named neither
     * the file nor its kind.
     */
    private static String parquetSchema(SparkSession spark, String file) {
        try {
            return spark.read().parquet(file).schema().json();
        } catch (Exception e) { // Spark's AnalysisException is checked, and undeclared
            List<String> clashing = caseClashes(spark, file);
            if (clashing.isEmpty()) throw e;
            throw new LandingUnreadableException("parquet file " + file + " has columns whose names differ only in case "
                    + clashing + ": Spark matches Parquet column names regardless of case and cannot read it; rename or"
                    + " drop one of them (docs/LANDING.md, flat columns)", e);
        }
    }

    /** The file's column names that another of its columns repeats but for case, read from its footer. */
    private static List<String> caseClashes(SparkSession spark, String file) {
        Configuration conf = spark.sessionState().newHadoopConf();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            Map<String, List<String>> byLower = new LinkedHashMap<>();
            for (Type t : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                byLower.computeIfAbsent(t.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t.getName());
            }
            return byLower.values().stream().filter(names -> names.size() > 1).flatMap(List::stream).toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** Files grouped by their schema (in the order of each group's first file), each group read alone. */
    private static Dataset<Row> bySchema(List<String> files, Function<List<String>, Dataset<Row>> reader,
                                         Function<String, String> schemaOf, LandingKind kind) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String f : files) groups.computeIfAbsent(schemaOf.apply(f), k -> new ArrayList<>()).add(f);
        Dataset<Row> out = null;
        for (List<String> group : groups.values()) {
            Dataset<Row> raw = toRaw(reader.apply(group), kind);
            out = out == null ? raw : out.union(raw);
        }
        return out;
    }

    /**
     * What CSV files read together share: their header line, read on the driver. Spark takes the
     * header from the first line that is not blank; a file whose first line is blank (or an empty
     * file) is grouped by the columns Spark reads in it instead (one small job, for such files only):
     * grouped by that blank line, files with different headers were read together with the first
     * one's columns, and their values landed in other columns (an id read as a name).
     */
    private static String csvGroup(SparkSession spark, String file) {
        String line = CsvHeader.of(spark, file);
        return line.isBlank() ? "columns " + csvReader(spark).csv(file).schema().json() : "line " + line;
    }

    /**
     * CSV files that share one header: its columns as strings, and a malformed row's text. Values
     * may span lines, except in a file with a quote that is never closed ({@link #unclosedQuotes}):
     * read that way, everything after the stray quote became one value and the rows after it were
     * lost. Such a file is read line by line instead: its rows are read, and a row broken by the
     * quote (or a value that did span lines) is a bad_row reject when its fields no longer fit.
     */
    private static Dataset<Row> csv(SparkSession spark, List<String> files) {
        String[] paths = files.toArray(String[]::new);
        StructType header = csvReader(spark).csv(paths).schema().add(CORRUPT, DataTypes.StringType);
        List<String> unclosed = unclosedQuotes(spark, files);
        List<String> whole = new ArrayList<>(files);
        whole.removeAll(unclosed);
        Dataset<Row> out = null;
        if (!whole.isEmpty()) out = csvRead(csvReader(spark), header, whole);
        if (!unclosed.isEmpty()) {
            LOG.warn("{} CSV file(s) with a quote that is never closed (an odd number of '\"'), read line by line "
                    + "so that the rows after it are not read into one value: {}", unclosed.size(), unclosed);
            Dataset<Row> lines = csvRead(csvReader(spark).option("multiLine", "false"), header, unclosed);
            out = out == null ? lines : out.union(lines);
        }
        return out;
    }

    private static Dataset<Row> csvRead(DataFrameReader reader, StructType header, List<String> files) {
        return reader.schema(header).option("columnNameOfCorruptRecord", CORRUPT).csv(files.toArray(String[]::new));
    }

    /**
     * The files with an odd number of '"': RFC 4180 quoting always pairs them (an escaped quote is
     * two), so an odd count means a quote opened and never closed. One pass over the files' text.
     */
    private static List<String> unclosedQuotes(SparkSession spark, List<String> files) {
        Column quotes = length(col("value")).minus(length(translate(col("value"), "\"", "")));
        List<String> odd = spark.read().text(files.toArray(String[]::new))
                .groupBy(input_file_name().as("file")).agg(sum(quotes).as("quotes"))
                .where(col("quotes").mod(2).equalTo(1))
                .select("file").as(Encoders.STRING()).collectAsList();
        List<String> oddPaths = odd.stream().map(f -> new Path(f).toString()).toList();
        return files.stream().filter(f -> oddPaths.contains(new Path(f).toString())).toList();
    }

    private static DataFrameReader csvReader(SparkSession spark) {
        return spark.read()
                .option("header", "true")
                .option("inferSchema", "false")
                .option("multiLine", "true")
                .option("escape", "\"")
                .option("mode", "PERMISSIVE")
                .option("maxColumns", MAX_CSV_FIELDS);
    }

    /** Any flat table (columns named as docs/LANDING.md, any types) as raw records of a kind. */
    public static Dataset<Row> toRaw(Dataset<Row> table, LandingKind kind) {
        List<String> present = new ArrayList<>(Arrays.asList(table.columns()));
        boolean hasCorrupt = present.remove(CORRUPT);
        warnOfNestedChildren(present, kind);
        Column malformed = hasCorrupt ? column(table, CORRUPT).isNotNull() : lit(false);
        List<Column> out = new ArrayList<>();
        for (String f : kind.fields()) {
            Column c = present.contains(f)
                    ? JsonLandingReader.blankAsNull(asString(column(table, f), fieldType(table, f)))
                    : lit(null).cast(DataTypes.StringType);
            out.add(c.as(f));
        }
        out.add(input_file_name().as(RawColumns.FILE));
        Column asJson = to_json(struct(present.stream().map(n -> asString(column(table, n), fieldType(table, n)).as(n))
                .toArray(Column[]::new)));
        out.add((hasCorrupt ? when(malformed, column(table, CORRUPT)).otherwise(asJson) : asJson).as(RawColumns.RAW));
        out.add(unmapped(table, present, kind).as(RawColumns.UNMAPPED));
        out.add(when(malformed, lit(RawColumns.MALFORMED_ROW + ": its field count differs from its header's"))
                .cast(DataTypes.StringType).as(RawColumns.BAD));
        for (String child : RawColumns.childArrays(kind)) {
            out.add(lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)).as(child));
        }
        return table.select(out.toArray(Column[]::new));
    }

    /**
     * A flat table with JSON's nesting (an invoices table with a {@code line_items} column) keeps that
     * column as an unknown field: in the flat formats children are their own kinds' tables. Its
     * records are not lost (UNMAPPED_ATTRIBUTES holds them) but make no MRR, which nobody would
     * notice without this warning.
     */
    private static void warnOfNestedChildren(List<String> columns, LandingKind kind) {
        List<String> nested = kind.jsonNestedFields().stream().filter(columns::contains).toList();
        if (nested.isEmpty()) return;
        LOG.warn("{}: column(s) {} hold nested records as in JSON; the flat formats read them from their own "
                + "kinds' tables ({}), so they are kept in UNMAPPED_ATTRIBUTES only and make no records or MRR",
                kind.folder(), nested, kind == LandingKind.INVOICES ? "line_items and transactions, each row with its invoice_external_id"
                        : "customer_tags and customer_attributes, each row with its customer_external_id");
    }

    /** A column by its name as written: a name with a dot ("meta.source") is not a path into a struct. */
    private static Column column(Dataset<Row> table, String name) {
        return table.col("`" + name.replace("`", "``") + "`");
    }

    private static DataType fieldType(Dataset<Row> table, String name) {
        StructField f = table.schema().apply(name);
        return f.dataType();
    }

    /** A column as landing text, whatever type the writer gave it. */
    private static Column asString(Column c, DataType type) {
        if (type.equals(DataTypes.TimestampType)) return date_format(c, ISO_WITH_OFFSET);
        if (type.equals(DataTypes.TimestampNTZType)) return date_format(c, ISO_LOCAL);
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
            // A float column holding whole numbers (pandas writes integers with gaps so) is an integer.
            // Any other value is written in its own type: a 32-bit float 0.91 as "0.91" (the shortest
            // text that reads back as it), where widened to a double first it was 0.9100000262260437
            // and a rate of 0.91 read as 0.910000026226.
            Column d = c.cast(DataTypes.DoubleType);
            return when(d.equalTo(floor(d)).and(abs(d).lt(WHOLE_LIMIT)), d.cast(DataTypes.LongType).cast(DataTypes.StringType))
                    .otherwise(c.cast(DataTypes.StringType));
        }
        if (type instanceof DecimalType) {
            return when(c.equalTo(floor(c)), c.cast(DataTypes.createDecimalType(38, 0)).cast(DataTypes.StringType))
                    .otherwise(c.cast(DataTypes.StringType));
        }
        if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType) return to_json(c);
        return c.cast(DataTypes.StringType);
    }

    private static Column unmapped(Dataset<Row> table, List<String> present, LandingKind kind) {
        List<Column> kv = new ArrayList<>();
        for (String n : present) {
            if (kind.fields().contains(n)) continue;
            kv.add(lit(n));
            kv.add(asString(column(table, n), fieldType(table, n)));
        }
        if (kv.isEmpty()) return lit(null).cast(DataTypes.StringType);
        Column extra = map_filter(map(kv.toArray(Column[]::new)), (k, v) -> v.isNotNull());
        return when(size(extra).gt(0), to_json(extra));
    }
}
