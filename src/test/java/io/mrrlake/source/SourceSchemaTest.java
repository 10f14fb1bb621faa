package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mrrlake.landing.Rejects;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns and types of every source dataset, written from docs/DATASETS.md "Source datasets". */
class SourceSchemaTest {
    @TempDir static Path tmp;
    static SourceResult result;

    static final String S = "string";
    static final String TS = "timestamp";
    static final String BIG = "bigint";
    static final String INT = "int";

    /** name:type pairs, in docs/DATASETS.md order, then AS_OF, then the month column. */
    static final Map<OutputDataset, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(OutputDataset.SOURCE_DATA_SOURCES, "UUID:string NAME:string SYSTEM:string CREATED_AT:timestamp AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_CUSTOMERS, "UUID:string DATA_SOURCE_UUID:string EXTERNAL_ID:string CUSTOMER_UUID:string "
                + "FULL_NAME:string DESCRIPTION:string EMAIL:string COUNTRY:string STATE:string CITY:string ADDRESS_ZIP:string "
                + "WEBSITE_URL:string LEAD_CREATED_AT:timestamp FREE_TRIAL_STARTED_AT:timestamp CREATED_AT:timestamp "
                + "UPDATED_AT:timestamp UNMAPPED_ATTRIBUTES:string AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_CONTACTS, "UUID:string DATA_SOURCE_UUID:string CUSTOMER_EXTERNAL_ID:string "
                + "CUSTOMER_UUID:string EXTERNAL_ID:string FIRST_NAME:string LAST_NAME:string POSITION:int TITLE:string "
                + "EMAIL:string PHONE:string LINKED_IN:string TWITTER:string NOTES:string CUSTOM:string AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_PLANS, "UUID:string DATA_SOURCE_UUID:string EXTERNAL_ID:string NAME:string "
                + "INTERVAL:string INTERVAL_COUNT:int AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_INVOICES, "UUID:string DATA_SOURCE_UUID:string EXTERNAL_ID:string "
                + "DATA_SOURCE_CUSTOMER_EXTERNAL_ID:string CUSTOMER_UUID:string INVOICED_AT:timestamp DUE_AT:timestamp "
                + "CURRENCY:string STATUS:int COLLECTION_METHOD:string TOTAL_IN_CENTS:bigint CREATED_AT:timestamp "
                + "UPDATED_AT:timestamp UNMAPPED_ATTRIBUTES:string AS_OF:timestamp INVOICED_AT_MONTH:string");
        EXPECTED.put(OutputDataset.SOURCE_INVOICE_LINE_ITEMS, "UUID:string DATA_SOURCE_UUID:string INVOICE_UUID:string "
                + "INVOICE_EXTERNAL_ID:string EXTERNAL_ID:string TYPE:string TYPE_DATA:string SUBSCRIPTION_EXTERNAL_ID:string "
                + "SUBSCRIPTION_SET_EXTERNAL_ID:string PLAN_UUID:string PLAN_EXTERNAL_ID:string AMOUNT_IN_CENTS:bigint "
                + "QUANTITY:int DISCOUNT_CODE:string DISCOUNT_AMOUNT_IN_CENTS:bigint DISCOUNT_DESCRIPTION:string "
                + "TAX_AMOUNT_IN_CENTS:bigint TRANSACTION_FEES_IN_CENTS:bigint TRANSACTION_FEES_CURRENCY:string "
                + "SERVICE_PERIOD_START:timestamp SERVICE_PERIOD_END:timestamp EVENT_ORDER:int ACCOUNT_CODE:string "
                + "DESCRIPTION:string CURRENCY:string AS_OF:timestamp SERVICE_PERIOD_START_MONTH:string");
        EXPECTED.put(OutputDataset.SOURCE_TRANSACTIONS, "UUID:string DATA_SOURCE_UUID:string INVOICE_UUID:string "
                + "INVOICE_EXTERNAL_ID:string EXTERNAL_ID:string TRANSACTED_AT:timestamp TYPE:string RESULT:string "
                + "AMOUNT_IN_CENTS:bigint CURRENCY:string TRANSACTION_FEES_IN_CENTS:bigint TRANSACTION_FEES_CURRENCY:string "
                + "AS_OF:timestamp TRANSACTED_AT_MONTH:string");
        EXPECTED.put(OutputDataset.SOURCE_SUBSCRIPTION_EVENTS, "UUID:string DATA_SOURCE_UUID:string "
                + "DATA_SOURCE_CUSTOMER_EXTERNAL_ID:string SUBSCRIPTION_EXTERNAL_ID:string SUBSCRIPTION_SET_EXTERNAL_ID:string "
                + "PLAN_EXTERNAL_ID:string EXTERNAL_ID:string EVENT_TYPE:int EVENT_TYPE_NAME:string EVENT_DATE:timestamp "
                + "EFFECTIVE_DATE:timestamp PAYLOAD:string RETRACTED:boolean AS_OF:timestamp EFFECTIVE_DATE_MONTH:string");
        EXPECTED.put(OutputDataset.SOURCE_CURRENCY_RATES, "DATE:date CURRENCY:string RATE:decimal(38,12) AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_CUSTOM_ATTRIBUTES, "CUSTOMER_UUID:string DATA_SOURCE_UUID:string "
                + "CUSTOMER_EXTERNAL_ID:string KEY:string TYPE:string VALUE:string SOURCE:string AS_OF:timestamp");
        EXPECTED.put(OutputDataset.SOURCE_TAGS, "CUSTOMER_UUID:string DATA_SOURCE_UUID:string CUSTOMER_EXTERNAL_ID:string "
                + "TAG:string AS_OF:timestamp");
    }

    @BeforeAll
    static void run() throws Exception {
        result = new LandingFixture(tmp.resolve("in")).base().run();
    }

    @AfterAll
    static void release() {
        result.release();
    }

    static String describe(org.apache.spark.sql.types.StructType schema) {
        List<String> parts = new ArrayList<>();
        for (StructField f : schema.fields()) parts.add(f.name() + ":" + f.dataType().simpleString());
        return String.join(" ", parts);
    }

    @Test
    void everySourceDatasetHasDatasetsMdColumnsAndTypes() {
        assertEquals(EXPECTED.keySet(), result.datasets().keySet());
        for (Map.Entry<OutputDataset, String> e : EXPECTED.entrySet()) {
            assertEquals(e.getValue(), describe(result.datasets().get(e.getKey()).schema()), e.getKey().toString());
        }
    }

    @Test
    void monthColumnIsTheDatasetsPartitionColumn() {
        for (OutputDataset d : EXPECTED.keySet()) {
            String[] cols = result.datasets().get(d).columns();
            String last = cols[cols.length - 1];
            assertEquals(d.partitionColumn().orElse("AS_OF"), last, d.toString());
        }
    }

    @Test
    void rejectsHaveTheirColumns() {
        for (String kind : result.rejects().keySet()) {
            assertEquals("KIND:string REASON:string DETAIL:string SOURCE_FILE:string RAW:string AS_OF:timestamp",
                    describe(result.rejects().get(kind).schema()), kind);
        }
        assertEquals(List.of("data_sources", "customers", "customer_tags", "customer_attributes", "contacts", "plans",
                "invoices", "line_items", "transactions", "subscription_events", "currency_rates", "customer_merges"),
                new ArrayList<>(result.rejects().keySet()));
        assertEquals(Rejects.SCHEMA.fieldNames().length, 6);
    }
}
