package io.mrrlake.source;

import static io.mrrlake.source.SourceColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.Arrays;
import java.util.List;

import io.mrrlake.landing.Check;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.Values;
import io.mrrlake.model.Ids;
import io.mrrlake.model.InvoiceStatus;
import org.apache.spark.sql.Column;

/** invoices: keyed by (data_source_uuid, external_id); the latest updated_at wins a conflict. */
final class InvoiceRules implements KindRules {
    static final List<String> STATUSES = Arrays.stream(InvoiceStatus.values()).map(InvoiceStatus::wireName).toList();

    @Override public LandingKind kind() { return LandingKind.INVOICES; }

    @Override public List<Check> checks() {
        return List.of(
                Check.required("data_source_uuid"), Check.required("customer_external_id"),
                Check.required("external_id"), Check.required("date"), Check.required("currency"),
                Check.oneOf("status", STATUSES),
                Check.timestamp("date"), Check.timestamp("due_date"), Check.timestamp("created_at"),
                Check.timestamp("updated_at"), Check.currency("currency"));
    }

    @Override public List<Column> typed() {
        return List.of(
                Ids.column(Ids.INVOICE, col("data_source_uuid"), col("external_id")).as(UUID),
                col("data_source_uuid").as(DATA_SOURCE_UUID), col("external_id").as(EXTERNAL_ID),
                col("customer_external_id").as(DATA_SOURCE_CUSTOMER_EXTERNAL_ID),
                Values.parsedTimestamp("date").as(INVOICED_AT), Values.parsedTimestamp("due_date").as(DUE_AT),
                Values.toCurrency(col("currency")).as(CURRENCY), col("status").as(STATUS_NAME),
                col("collection_method").as(COLLECTION_METHOD),
                Values.parsedTimestamp("created_at").as(CREATED_AT),
                Values.parsedTimestamp("updated_at").as(UPDATED_AT));
    }

    @Override public List<String> key() { return List.of(DATA_SOURCE_UUID, EXTERNAL_ID); }

    @Override public String updatedAt() { return UPDATED_AT; }

    static final List<String> OUTPUT = List.of(UUID, DATA_SOURCE_UUID, EXTERNAL_ID, DATA_SOURCE_CUSTOMER_EXTERNAL_ID,
            CUSTOMER_UUID, INVOICED_AT, DUE_AT, CURRENCY, STATUS, COLLECTION_METHOD, TOTAL_IN_CENTS, CREATED_AT,
            UPDATED_AT, UNMAPPED_ATTRIBUTES);
}
