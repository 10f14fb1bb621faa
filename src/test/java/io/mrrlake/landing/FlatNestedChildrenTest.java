package io.mrrlake.landing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.mrrlake.testing.LogCapture;
import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A flat invoices table laid out as JSON (its items in a nested line_items column) reads no items:
 * the job says so in a warning, and keeps the column's text as an unknown field.
 */
class FlatNestedChildrenTest {
    @Test
    void aNestedLineItemsColumnInAFlatInvoicesTableIsKeptAndWarnedOf() {
        Dataset<Row> table = SparkTest.spark().sql("SELECT 'ds_1' AS data_source_uuid, 'c1' AS customer_external_id,"
                + " 'inv_1' AS external_id, '2024-01-01' AS date, 'USD' AS currency,"
                + " array(named_struct('type', 'subscription', 'amount_in_cents', 5000)) AS line_items");
        List<Row> raw;
        List<String> warnings;
        try (LogCapture log = LogCapture.install()) {
            raw = FlatLandingReader.toRaw(table, LandingKind.INVOICES).select(RawColumns.UNMAPPED).collectAsList();
            warnings = log.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("line_items")).distinct().toList();
        }
        assertEquals(1, raw.size());
        assertTrue(raw.get(0).getString(0).contains("\"line_items\"") && raw.get(0).getString(0).contains("5000"),
                "the column is kept as an unknown field: " + raw.get(0));
        assertEquals(1, warnings.size(), "one warning naming the column: " + warnings);
        assertTrue(warnings.get(0).contains("invoices") && warnings.get(0).contains("invoice_external_id"), warnings.get(0));
    }

    @Test
    void aFlatTableWithoutNestedColumnsIsNotWarnedOf() {
        Dataset<Row> table = SparkTest.spark().sql("SELECT 'ds_1' AS data_source_uuid, 'c1' AS external_id");
        try (LogCapture log = LogCapture.install()) {
            FlatLandingReader.toRaw(table, LandingKind.CUSTOMERS);
            assertTrue(log.lines().stream().noneMatch(l -> l.startsWith("WARN") && l.contains("nested")), log.lines().toString());
        }
    }
}
