package io.mrrlake.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every dataset the job writes, with its path under a destination root and its month partition
 * column (docs/DATASETS.md). The one place these names live.
 */
public enum OutputDataset {
    SOURCE_DATA_SOURCES("source", "data_sources", null),
    SOURCE_CUSTOMERS("source", "customers", null),
    SOURCE_CONTACTS("source", "contacts", null),
    SOURCE_PLANS("source", "plans", null),
    SOURCE_INVOICES("source", "invoices", "INVOICED_AT_MONTH"),
    SOURCE_INVOICE_LINE_ITEMS("source", "invoice_line_items", "SERVICE_PERIOD_START_MONTH"),
    SOURCE_TRANSACTIONS("source", "transactions", "TRANSACTED_AT_MONTH"),
    SOURCE_SUBSCRIPTION_EVENTS("source", "subscription_events", "EFFECTIVE_DATE_MONTH"),
    SOURCE_CURRENCY_RATES("source", "currency_rates", null),
    SOURCE_CUSTOM_ATTRIBUTES("source", "custom_attributes", null),
    SOURCE_TAGS("source", "tags", null),

    CALCULATED_CUSTOMERS("calculated", "customers", null),
    CALCULATED_MRR_MOVEMENTS("calculated", "mrr_movements", "DATE_MONTH"),
    CALCULATED_SUBSCRIPTIONS("calculated", "subscriptions", null),
    CALCULATED_MRR_INTERVALS("calculated", "mrr_intervals", "START_DATE_MONTH"),
    CALCULATED_MRR_MONTHLY("calculated", "mrr_monthly", null);

    private final String family;
    private final String table;
    private final String partitionColumn;

    OutputDataset(String family, String table, String partitionColumn) {
        this.family = family;
        this.table = table;
        this.partitionColumn = partitionColumn;
    }

    public String family() { return family; }
    public String table() { return table; }

    /** "source/customers": the folder under a destination root. */
    public String path() { return family + "/" + table; }

    /** "source.customers": the name users give in --datasets and destination filters. */
    public String dottedName() { return family + "." + table; }

    /** "source_customers": a table name for warehouses. */
    public String tableName() { return family + "_" + table; }

    public Optional<String> partitionColumn() { return Optional.ofNullable(partitionColumn); }

    public static Optional<OutputDataset> byDottedName(String name) {
        return Arrays.stream(values()).filter(d -> d.dottedName().equals(name)).findFirst();
    }
}
