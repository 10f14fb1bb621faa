package io.mrrlake.mrr;

import io.mrrlake.source.SourceColumns;

/**
 * Column names the engine reads (source datasets) and writes (calculated datasets), as in
 * docs/DATASETS.md. Shared names (UUID, CUSTOMER_UUID, AS_OF, …) live in {@link io.mrrlake.model.Columns}.
 */
public final class MrrColumns {
    private MrrColumns() {}

    // Source columns: the names of the source datasets, defined once in SourceColumns.
    public static final String INVOICE_UUID = SourceColumns.INVOICE_UUID;
    public static final String INVOICE_EXTERNAL_ID = SourceColumns.INVOICE_EXTERNAL_ID;
    public static final String TYPE = SourceColumns.TYPE;
    public static final String TYPE_DATA = SourceColumns.TYPE_DATA;
    public static final String SUBSCRIPTION_EXTERNAL_ID = SourceColumns.SUBSCRIPTION_EXTERNAL_ID;
    public static final String SUBSCRIPTION_SET_EXTERNAL_ID = SourceColumns.SUBSCRIPTION_SET_EXTERNAL_ID;
    public static final String PLAN_UUID = SourceColumns.PLAN_UUID;
    public static final String PLAN_EXTERNAL_ID = SourceColumns.PLAN_EXTERNAL_ID;
    public static final String AMOUNT_IN_CENTS = SourceColumns.AMOUNT_IN_CENTS;
    public static final String TAX_AMOUNT_IN_CENTS = SourceColumns.TAX_AMOUNT_IN_CENTS;
    public static final String QUANTITY = SourceColumns.QUANTITY;
    public static final String SERVICE_PERIOD_START = SourceColumns.SERVICE_PERIOD_START;
    public static final String SERVICE_PERIOD_END = SourceColumns.SERVICE_PERIOD_END;
    public static final String EVENT_ORDER = SourceColumns.EVENT_ORDER;
    public static final String CURRENCY = SourceColumns.CURRENCY;
    public static final String INVOICED_AT = SourceColumns.INVOICED_AT;
    public static final String DUE_AT = SourceColumns.DUE_AT;
    public static final String STATUS = SourceColumns.STATUS;
    public static final String TOTAL_IN_CENTS = SourceColumns.TOTAL_IN_CENTS;
    public static final String NAME = SourceColumns.NAME;
    public static final String INTERVAL = SourceColumns.INTERVAL;
    public static final String INTERVAL_COUNT = SourceColumns.INTERVAL_COUNT;
    public static final String TRANSACTED_AT = SourceColumns.TRANSACTED_AT;
    public static final String RESULT = SourceColumns.RESULT;
    public static final String EVENT_TYPE = SourceColumns.EVENT_TYPE;
    public static final String EVENT_DATE = SourceColumns.EVENT_DATE;
    public static final String EFFECTIVE_DATE = SourceColumns.EFFECTIVE_DATE;
    public static final String RETRACTED = SourceColumns.RETRACTED;
    public static final String DATE = SourceColumns.DATE;
    public static final String RATE = SourceColumns.RATE;
    public static final String FULL_NAME = SourceColumns.FULL_NAME;
    public static final String DESCRIPTION = SourceColumns.DESCRIPTION;
    public static final String EMAIL = SourceColumns.EMAIL;
    public static final String COUNTRY = SourceColumns.COUNTRY;
    public static final String STATE = SourceColumns.STATE;
    public static final String CITY = SourceColumns.CITY;
    public static final String ADDRESS_ZIP = SourceColumns.ADDRESS_ZIP;
    public static final String LEAD_CREATED_AT = SourceColumns.LEAD_CREATED_AT;
    public static final String FREE_TRIAL_STARTED_AT = SourceColumns.FREE_TRIAL_STARTED_AT;
    public static final String CREATED_AT = SourceColumns.CREATED_AT;
    public static final String UNMAPPED_ATTRIBUTES = SourceColumns.UNMAPPED_ATTRIBUTES;
    public static final String LEAD_STATUS = "LEAD_STATUS";
    public static final String CUSTOMER_EXTERNAL_ID = SourceColumns.CUSTOMER_EXTERNAL_ID;
    public static final String KEY = SourceColumns.KEY;
    public static final String VALUE = SourceColumns.VALUE;
    public static final String TAG = SourceColumns.TAG;

    // Item facts handed to the ledger.
    public static final String ITEM_UUID = "ITEM_UUID";
    public static final String ITEM_EXTERNAL_ID = "ITEM_EXTERNAL_ID";
    public static final String PLAN_NAME = "PLAN_NAME";
    public static final String NET = "NET";
    public static final String PRORATED = "PRORATED";
    public static final String PRORATION_TYPE = "PRORATION_TYPE";
    public static final String INVOICE_PAID = "INVOICE_PAID";
    public static final String START_DAY = "START_DAY";
    public static final String RATE_ACCOUNT = "RATE_ACCOUNT";
    public static final String RATE_INVOICE = "RATE_INVOICE";
    public static final String PAID_IN_CENTS = "PAID_IN_CENTS";
    public static final String DAY = "DAY";
    /** The date of the source rate a day's rate comes from (RateTable forward-fills). */
    public static final String RATE_DATE = "RATE_DATE";

    // Calculated columns.
    public static final String RANK = "RANK";
    public static final String CUSTOMER_NAME = "CUSTOMER_NAME";
    public static final String BILLING_CONNECTOR_UUID = "BILLING_CONNECTOR_UUID";
    public static final String PREVIOUS_PLAN_EXTERNAL_ID = "PREVIOUS_PLAN_EXTERNAL_ID";
    public static final String MOVEMENT_TYPE = "MOVEMENT_TYPE";
    public static final String MRR_MOVEMENT = "MRR_MOVEMENT";
    public static final String MRR = "MRR";
    public static final String ARR = "ARR";
    public static final String CURRENCY_CODE = "CURRENCY_CODE";
    public static final String INVOICE_CURRENCY = "INVOICE_CURRENCY";
    public static final String MRR_MOVEMENT_IN_INVOICE_CURRENCY = "MRR_MOVEMENT_IN_INVOICE_CURRENCY";
    public static final String ACTIVE_SUBSCRIPTION_QUANTITY = "ACTIVE_SUBSCRIPTION_QUANTITY";
    public static final String SUBSCRIPTION_UUID = "SUBSCRIPTION_UUID";
    public static final String START_DATE = "START_DATE";
    public static final String END_DATE = "END_DATE";
    public static final String MRR_IN_INVOICE_CURRENCY = "MRR_IN_INVOICE_CURRENCY";
    public static final String IS_FREE = "IS_FREE";
    public static final String IS_TRIAL = "IS_TRIAL";
    public static final String BILLING_CURRENCY = "BILLING_CURRENCY";
    public static final String INTERVAL_UNIT = "INTERVAL_UNIT";
    public static final String STARTED_AT = "STARTED_AT";
    public static final String CANCELLED_AT = "CANCELLED_AT";
    public static final String COMPANY = "COMPANY";
    public static final String EXTERNAL_IDS = "EXTERNAL_IDS";
    public static final String DATA_SOURCE_UUIDS = "DATA_SOURCE_UUIDS";
    public static final String SUBSCRIBER_SINCE = "SUBSCRIBER_SINCE";
    public static final String BILLING_CYCLE = "BILLING_CYCLE";
    public static final String NET_PAYMENTS = "NET_PAYMENTS";
    public static final String TAGS = "TAGS";
    public static final String CUSTOM_ATTRIBUTES = "CUSTOM_ATTRIBUTES";
    public static final String MONTH = "MONTH";
    public static final String MRR_START = "MRR_START";
    public static final String NEW_BIZ = "NEW_BIZ";
    public static final String EXPANSION = "EXPANSION";
    public static final String CONTRACTION = "CONTRACTION";
    public static final String CHURN = "CHURN";
    public static final String REACTIVATION = "REACTIVATION";
    public static final String FX_IMPACT = "FX_IMPACT";
    public static final String MRR_END = "MRR_END";
    public static final String ARR_END = "ARR_END";
    public static final String CUSTOMERS_START = "CUSTOMERS_START";
    public static final String CUSTOMERS_END = "CUSTOMERS_END";
    public static final String NEW_CUSTOMERS = "NEW_CUSTOMERS";
    public static final String CHURNED_CUSTOMERS = "CHURNED_CUSTOMERS";
    public static final String REACTIVATED_CUSTOMERS = "REACTIVATED_CUSTOMERS";
    public static final String ARPA = "ARPA";

    // Rejects.
    public static final String KIND = "KIND";
    public static final String REASON = "REASON";
    public static final String DETAIL = "DETAIL";
    public static final String SOURCE_FILE = "SOURCE_FILE";
    public static final String RAW = "RAW";
}
