package io.mrrlake.mrr;

import static io.mrrlake.mrr.MrrColumns.*;
import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;

import io.mrrlake.config.MrrSettings;
import io.mrrlake.model.Columns;
import io.mrrlake.model.Ids;
import io.mrrlake.model.OutputDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Step 3: the ledger's nested rows flattened into mrr_movements, subscriptions, mrr_intervals. */
final class LedgerOutputs {
    private final Dataset<Row> ledger;
    private final MrrSettings settings;
    private final Timestamp asOf;

    LedgerOutputs(Dataset<Row> ledger, MrrSettings settings, Timestamp asOf) {
        this.ledger = ledger;
        this.settings = settings;
        this.asOf = asOf;
    }

    private Dataset<Row> explodeOf(String arrayColumn) {
        return ledger.select(col(Columns.CUSTOMER_UUID), explode(col(arrayColumn)).as("E")).select(col(Columns.CUSTOMER_UUID), col("E.*"));
    }

    /** calculated/mrr_movements; {@code names} has UUID, NAME, EXTERNAL_ID of calculated customers. */
    Dataset<Row> movements(Dataset<Row> names) {
        Dataset<Row> n = names.select(col(Columns.UUID).as("N_UUID"), col(NAME).as(CUSTOMER_NAME),
                col(Columns.EXTERNAL_ID).as(CUSTOMER_EXTERNAL_ID));
        String partition = OutputDataset.CALCULATED_MRR_MOVEMENTS.partitionColumn().orElseThrow();
        return explodeOf(LedgerSchema.MOVEMENTS)
                .withColumn(DATE, Months.timestamp(col(DATE)))
                .join(n, col(Columns.CUSTOMER_UUID).equalTo(col("N_UUID")), "left")
                .select(col(Columns.UUID), col(DATE), col(RANK), col(Columns.CUSTOMER_UUID), col(CUSTOMER_NAME),
                        col(CUSTOMER_EXTERNAL_ID), col(Columns.DATA_SOURCE_UUID).as(BILLING_CONNECTOR_UUID),
                        col(SUBSCRIPTION_EXTERNAL_ID), col(PLAN_EXTERNAL_ID), col(PREVIOUS_PLAN_EXTERNAL_ID),
                        col(MOVEMENT_TYPE), col(MRR_MOVEMENT), col(MRR), lit(settings.accountCurrency()).as(CURRENCY_CODE),
                        col(INVOICE_CURRENCY), col(MRR_MOVEMENT_IN_INVOICE_CURRENCY), col(ACTIVE_SUBSCRIPTION_QUANTITY),
                        col(DESCRIPTION), lit(asOf).as(Columns.AS_OF), Months.monthOf(col(DATE), settings.timeZone()).as(partition));
    }

    Dataset<Row> subscriptions() {
        return explodeOf(LedgerSchema.SUBSCRIPTIONS)
                .select(Ids.column(Ids.SUBSCRIPTION, col(Columns.DATA_SOURCE_UUID), col(SUBSCRIPTION_EXTERNAL_ID)).as(Columns.UUID),
                        col(Columns.CUSTOMER_UUID), col(Columns.DATA_SOURCE_UUID), col(SUBSCRIPTION_EXTERNAL_ID),
                        col(SUBSCRIPTION_SET_EXTERNAL_ID), col(PLAN_UUID), col(PLAN_NAME), col(QUANTITY), col(MRR),
                        col(MRR).multiply(12L).as(ARR), lit(settings.accountCurrency()).as(CURRENCY),
                        col(BILLING_CURRENCY), col(INTERVAL_UNIT), col(INTERVAL_COUNT), col(STATUS),
                        Months.timestamp(col(STARTED_AT)).as(STARTED_AT), Months.timestamp(col(CANCELLED_AT)).as(CANCELLED_AT),
                        lit(asOf).as(Columns.AS_OF));
    }

    Dataset<Row> intervals() {
        String partition = OutputDataset.CALCULATED_MRR_INTERVALS.partitionColumn().orElseThrow();
        return explodeOf(LedgerSchema.INTERVALS)
                .select(col(Columns.CUSTOMER_UUID),
                        Ids.column(Ids.SUBSCRIPTION, col(Columns.DATA_SOURCE_UUID), col(SUBSCRIPTION_EXTERNAL_ID)).as(SUBSCRIPTION_UUID),
                        col(SUBSCRIPTION_SET_EXTERNAL_ID), col(PLAN_UUID), Months.timestamp(col(START_DATE)).as(START_DATE),
                        Months.timestamp(col(END_DATE)).as(END_DATE), col(MRR), col(MRR_IN_INVOICE_CURRENCY),
                        col(INVOICE_CURRENCY), col(QUANTITY), col(IS_FREE), col(IS_TRIAL), lit(asOf).as(Columns.AS_OF))
                .withColumn(partition, Months.monthOf(col(START_DATE), settings.timeZone()));
    }

    /** Exchange-rate impact per subscription change (for the monthly roll-forward and the invariants). */
    Dataset<Row> fxImpacts() {
        return explodeOf(LedgerSchema.FX)
                .select(col(Columns.CUSTOMER_UUID), col(Columns.DATA_SOURCE_UUID), col(SUBSCRIPTION_EXTERNAL_ID),
                        Months.timestamp(col(DATE)).as(DATE), col(FX_IMPACT), lit(settings.accountCurrency()).as(CURRENCY),
                        lit(asOf).as(Columns.AS_OF));
    }

    /** MONTH, DELTA: customers starting (+1) or stopping (−1) to count at a month's end. */
    Dataset<Row> countChanges() {
        return explodeOf(LedgerSchema.COUNTS);
    }

    /** CUSTOMER_UUID, MRR, STATUS (null for leads), SUBSCRIBER_SINCE, PLAN_NAMES, BILLING_CYCLES. */
    Dataset<Row> customerSummaries() {
        return ledger.select(col(Columns.CUSTOMER_UUID), col(LedgerSchema.MRR), col(LedgerSchema.STATUS),
                Months.timestamp(col(LedgerSchema.SUBSCRIBER_SINCE)).as(LedgerSchema.SUBSCRIBER_SINCE),
                col(LedgerSchema.PLAN_NAMES), col(LedgerSchema.BILLING_CYCLES));
    }
}
