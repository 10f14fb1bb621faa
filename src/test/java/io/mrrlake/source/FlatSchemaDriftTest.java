package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.Rejects;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flat landing files of one kind whose columns differ (added, left out, reordered): each file is
 * read by its own column names, a required column a file lacks rejects that file's records, and a
 * CSV row that does not fit its header is a reject kept as its line.
 */
class FlatSchemaDriftTest {
    @TempDir Path tmp;

    /** One table file of string columns: "a,b,c" then rows "x,y,z". */
    private void table(Path root, String kind, String part, InputFormat format, String columns, String... rows) {
        StructType schema = new StructType();
        for (String c : columns.split(",")) schema = schema.add(c, DataTypes.StringType);
        List<Row> data = new ArrayList<>();
        for (String r : rows) data.add(RowFactory.create((Object[]) r.split(",", -1)));
        save(root, kind, part, format, schema, data);
    }

    private static void save(Path root, String kind, String part, InputFormat format, StructType schema, List<Row> rows) {
        SparkTest.spark().createDataFrame(rows, schema).coalesce(1).write()
                .format(format.wireName()).save(root.resolve(kind).resolve(part).toString());
    }

    private static Map<String, Row> itemsById(SourceResult r) {
        Map<String, Row> out = new TreeMap<>();
        LandingFixture.rows(r, OutputDataset.SOURCE_INVOICE_LINE_ITEMS).forEach(x -> out.put(x.getAs("EXTERNAL_ID"), x));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "avro"})
    void filesAreReadByTheirOwnColumnNames(String name) throws Exception {
        InputFormat format = InputFormat.parse(name);
        Path root = tmp.resolve(name);
        table(root, "customers", "a", format, "data_source_uuid,external_id", "ds_1,c1");
        table(root, "invoices", "a", format, "data_source_uuid,customer_external_id,external_id,date,currency", "ds_1,c1,i1,2024-01-01,USD");
        // The first file has no tax column; Spark alone would read every file with its columns only.
        table(root, "line_items", "a", format, "data_source_uuid,invoice_external_id,external_id,type,amount_in_cents", "ds_1,i1,li_a,one_time,100");
        table(root, "line_items", "b", format, "tax_amount_in_cents,amount_in_cents,type,external_id,invoice_external_id,data_source_uuid", "200,1000,one_time,li_b,i1,ds_1");
        // A file without the type column: its items miss a required field.
        table(root, "line_items", "c", format, "data_source_uuid,invoice_external_id,external_id,amount_in_cents", "ds_1,i1,li_c,5");

        SourceResult r = new LandingFixture(root).run(format, CustomerSettings.defaults(), LandingFixture.AS_OF);
        Map<String, Row> items = itemsById(r);
        assertEquals(List.of("li_a", "li_b"), new ArrayList<>(items.keySet()));
        assertEquals(200L, (Long) items.get("li_b").getAs("TAX_AMOUNT_IN_CENTS"));
        assertEquals(1000L, (Long) items.get("li_b").getAs("AMOUNT_IN_CENTS"));
        assertEquals(0L, (Long) items.get("li_a").getAs("TAX_AMOUNT_IN_CENTS"));
        assertEquals(List.of("line_items missing_field:type"), LandingFixture.allRejects(r));
        assertEquals(3L, r.recordsRead().get("line_items"));
        r.release();
    }

    @Test
    void csvMapsByHeaderAndKeepsMalformedRowsAsRejects() throws Exception {
        Path root = tmp.resolve("csv");
        write(root, "customers/a.csv", "data_source_uuid,external_id,name", "ds_1,c1,Acme");
        write(root, "customers/b.csv", "name,external_id,data_source_uuid", "Beta,c2,ds_1");
        write(root, "customers/c.csv", "data_source_uuid,name", "ds_1,No id");
        // A quote never closed in a row's last field: read with values spanning lines, the rows after
        // it became part of that name, valid, and c5 was lost without a reject.
        write(root, "customers/d.csv", "data_source_uuid,external_id,name", "ds_1,c4,\"Gamma", "ds_1,c5,Delta");
        // Two files whose header is on their second line (the first is blank), in other orders, and
        // an empty file: grouped by that blank first line, f.csv was read with e.csv's columns and
        // c7's id and data source became its name and id.
        write(root, "customers/e.csv", "", "name,external_id,data_source_uuid", "Epsilon,c6,ds_1");
        write(root, "customers/f.csv", "", "data_source_uuid,external_id,name", "ds_1,c7,Zeta");
        Files.write(root.resolve("customers/g.csv"), new byte[0]);
        // An empty file named .csv.gz (no gzip header at all): reading its header failed the run.
        Files.write(root.resolve("customers/h.csv.gz"), new byte[0]);
        String extra = "ds_1,c1,i2,2024-01-01,USD,surplus";
        // More fields than univocity's default limit (20,480), which failed the whole run.
        String wide = "ds_1,c1,i4,2024-01-01,USD" + ",".repeat(20_500);
        String shortRow = "ds_1,c2";
        write(root, "invoices/a.csv", "data_source_uuid,customer_external_id,external_id,date,currency",
                "ds_1,c1,i1,2024-01-01,USD", extra, shortRow, wide);
        write(root, "invoices/b.csv", "currency,external_id,customer_external_id,data_source_uuid,date", "EUR,i3,c2,ds_1,2024-02-01");

        SourceResult r = new LandingFixture(root).run(InputFormat.CSV, CustomerSettings.defaults(), LandingFixture.AS_OF);
        Map<String, String> names = new TreeMap<>();
        LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS).forEach(x -> names.put(x.getAs("EXTERNAL_ID"), x.getAs("FULL_NAME")));
        assertEquals(Map.of("c1", "Acme", "c2", "Beta", "c4", "Gamma", "c5", "Delta", "c6", "Epsilon", "c7", "Zeta"), names);
        Map<String, String> currencies = new TreeMap<>();
        LandingFixture.rows(r, OutputDataset.SOURCE_INVOICES).forEach(x -> currencies.put(x.getAs("EXTERNAL_ID"), x.getAs("CURRENCY")));
        assertEquals(Map.of("i1", "USD", "i3", "EUR"), currencies);
        assertEquals(List.of("customers missing_field:external_id", "invoices bad_row", "invoices bad_row", "invoices bad_row"),
                LandingFixture.allRejects(r));
        List<String> raws = LandingFixture.rejects(r, "invoices").stream().map(x -> (String) x.getAs(Rejects.RAW)).sorted().toList();
        assertEquals(java.util.stream.Stream.of(extra, shortRow, wide).sorted().toList(), raws);
        assertEquals(5L, r.recordsRead().get("invoices"));
        r.release();
    }

    @Test
    void parquetColumnsOfTypesSparkCannotMergeAndNamesWithADotAreRead() throws Exception {
        Path root = tmp.resolve("parquet-types");
        table(root, "customers", "a", InputFormat.PARQUET, "data_source_uuid,external_id,meta.source", "ds_1,c1,crm");
        table(root, "invoices", "a", InputFormat.PARQUET, "data_source_uuid,customer_external_id,external_id,date,currency", "ds_1,c1,i1,2024-01-01,USD");
        // amount_in_cents as BIGINT, INT and DOUBLE in three files: Spark's schema merge fails on
        // them ("CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE"), which failed the whole run.
        String[] itemColumns = {"data_source_uuid", "invoice_external_id", "external_id", "type"};
        typed(root, "line_items", "a", itemColumns, DataTypes.LongType, 100L, "li_a");
        typed(root, "line_items", "b", itemColumns, DataTypes.IntegerType, 200, "li_b");
        typed(root, "line_items", "c", itemColumns, DataTypes.DoubleType, 12.5, "li_c");

        SourceResult r = new LandingFixture(root).run(InputFormat.PARQUET, CustomerSettings.defaults(), LandingFixture.AS_OF);
        Map<String, Row> items = itemsById(r);
        assertEquals(List.of("li_a", "li_b"), new ArrayList<>(items.keySet()));
        assertEquals(200L, (Long) items.get("li_b").getAs("AMOUNT_IN_CENTS"));
        assertEquals(List.of("line_items bad_number:amount_in_cents"), LandingFixture.allRejects(r));
        Row customer = LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS).get(0);
        assertEquals("{\"meta.source\":\"crm\"}", customer.getAs("UNMAPPED_ATTRIBUTES"));
        r.release();
    }

    @Test
    void aCsvColumnNamedWithADotIsAnUnknownColumnNotAFailedRun() throws Exception {
        Path root = tmp.resolve("csv-dot");
        write(root, "customers/a.csv", "data_source_uuid,external_id,meta.source", "ds_1,c1,crm");
        write(root, "invoices/a.csv", "data_source_uuid,customer_external_id,external_id,date,currency", "ds_1,c1,i1,2024-01-01,USD");
        SourceResult r = new LandingFixture(root).run(InputFormat.CSV, CustomerSettings.defaults(), LandingFixture.AS_OF);
        Row customer = LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS).get(0);
        assertEquals("{\"meta.source\":\"crm\"}", customer.getAs("UNMAPPED_ATTRIBUTES"));
        assertEquals(List.of(), LandingFixture.allRejects(r));
        r.release();
    }

    /** One Parquet line item file whose amount_in_cents has {@code amountType}. */
    private void typed(Path root, String kind, String part, String[] columns, org.apache.spark.sql.types.DataType amountType,
                       Object amount, String externalId) {
        StructType schema = new StructType();
        for (String c : columns) schema = schema.add(c, DataTypes.StringType);
        schema = schema.add("amount_in_cents", amountType);
        save(root, kind, part, InputFormat.PARQUET, schema, List.of(RowFactory.create("ds_1", "i1", externalId, "one_time", amount)));
    }

    private static void write(Path root, String file, String header, String... rows) throws Exception {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        List<String> lines = new ArrayList<>(List.of(header));
        lines.addAll(Arrays.asList(rows));
        Files.write(p, lines, StandardCharsets.UTF_8);
    }
}
