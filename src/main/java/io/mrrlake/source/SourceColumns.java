package io.mrrlake.source;

/** Column names of the source datasets (docs/DATASETS.md "Source datasets"); the one place they are spelled. */
public final class SourceColumns {
    public static final String UUID = "UUID";
    public static final String DATA_SOURCE_UUID = "DATA_SOURCE_UUID";
    public static final String EXTERNAL_ID = "EXTERNAL_ID";
    public static final String CUSTOMER_UUID = "CUSTOMER_UUID";
    public static final String CUSTOMER_EXTERNAL_ID = "CUSTOMER_EXTERNAL_ID";
    public static final String DATA_SOURCE_CUSTOMER_EXTERNAL_ID = "DATA_SOURCE_CUSTOMER_EXTERNAL_ID";
    public static final String NAME = "NAME";
    public static final String SYSTEM = "SYSTEM";
    public static final String CREATED_AT = "CREATED_AT";
    public static final String UPDATED_AT = "UPDATED_AT";
    public static final String UNMAPPED_ATTRIBUTES = "UNMAPPED_ATTRIBUTES";

    public static final String FULL_NAME = "FULL_NAME";
    public static final String DESCRIPTION = "DESCRIPTION";
    public static final String EMAIL = "EMAIL";
    public static final String COUNTRY = "COUNTRY";
    public static final String STATE = "STATE";
    public static final String CITY = "CITY";
    public static final String ADDRESS_ZIP = "ADDRESS_ZIP";
    public static final String WEBSITE_URL = "WEBSITE_URL";
    public static final String LEAD_CREATED_AT = "LEAD_CREATED_AT";
    public static final String FREE_TRIAL_STARTED_AT = "FREE_TRIAL_STARTED_AT";

    public static final String FIRST_NAME = "FIRST_NAME";
    public static final String LAST_NAME = "LAST_NAME";
    public static final String POSITION = "POSITION";
    public static final String TITLE = "TITLE";
    public static final String PHONE = "PHONE";
    public static final String LINKED_IN = "LINKED_IN";
    public static final String TWITTER = "TWITTER";
    public static final String NOTES = "NOTES";
    public static final String CUSTOM = "CUSTOM";

    public static final String INTERVAL = "INTERVAL";
    public static final String INTERVAL_COUNT = "INTERVAL_COUNT";

    public static final String INVOICED_AT = "INVOICED_AT";
    public static final String DUE_AT = "DUE_AT";
    public static final String CURRENCY = "CURRENCY";
    public static final String STATUS = "STATUS";
    public static final String COLLECTION_METHOD = "COLLECTION_METHOD";
    public static final String TOTAL_IN_CENTS = "TOTAL_IN_CENTS";
    public static final String INVOICED_AT_MONTH = "INVOICED_AT_MONTH";

    public static final String INVOICE_UUID = "INVOICE_UUID";
    public static final String INVOICE_EXTERNAL_ID = "INVOICE_EXTERNAL_ID";
    public static final String TYPE = "TYPE";
    public static final String TYPE_DATA = "TYPE_DATA";
    public static final String SUBSCRIPTION_EXTERNAL_ID = "SUBSCRIPTION_EXTERNAL_ID";
    public static final String SUBSCRIPTION_SET_EXTERNAL_ID = "SUBSCRIPTION_SET_EXTERNAL_ID";
    public static final String PLAN_UUID = "PLAN_UUID";
    public static final String PLAN_EXTERNAL_ID = "PLAN_EXTERNAL_ID";
    public static final String AMOUNT_IN_CENTS = "AMOUNT_IN_CENTS";
    public static final String QUANTITY = "QUANTITY";
    public static final String DISCOUNT_CODE = "DISCOUNT_CODE";
    public static final String DISCOUNT_AMOUNT_IN_CENTS = "DISCOUNT_AMOUNT_IN_CENTS";
    public static final String DISCOUNT_DESCRIPTION = "DISCOUNT_DESCRIPTION";
    public static final String TAX_AMOUNT_IN_CENTS = "TAX_AMOUNT_IN_CENTS";
    public static final String TRANSACTION_FEES_IN_CENTS = "TRANSACTION_FEES_IN_CENTS";
    public static final String TRANSACTION_FEES_CURRENCY = "TRANSACTION_FEES_CURRENCY";
    public static final String SERVICE_PERIOD_START = "SERVICE_PERIOD_START";
    public static final String SERVICE_PERIOD_END = "SERVICE_PERIOD_END";
    public static final String EVENT_ORDER = "EVENT_ORDER";
    public static final String ACCOUNT_CODE = "ACCOUNT_CODE";
    public static final String SERVICE_PERIOD_START_MONTH = "SERVICE_PERIOD_START_MONTH";

    public static final String TRANSACTED_AT = "TRANSACTED_AT";
    public static final String RESULT = "RESULT";
    public static final String TRANSACTED_AT_MONTH = "TRANSACTED_AT_MONTH";

    public static final String EVENT_TYPE = "EVENT_TYPE";
    public static final String EVENT_TYPE_NAME = "EVENT_TYPE_NAME";
    public static final String EVENT_DATE = "EVENT_DATE";
    public static final String EFFECTIVE_DATE = "EFFECTIVE_DATE";
    public static final String PAYLOAD = "PAYLOAD";
    public static final String RETRACTED = "RETRACTED";
    public static final String EFFECTIVE_DATE_MONTH = "EFFECTIVE_DATE_MONTH";

    public static final String DATE = "DATE";
    public static final String RATE = "RATE";

    public static final String KEY = "KEY";
    public static final String VALUE = "VALUE";
    public static final String SOURCE = "SOURCE";
    public static final String TAG = "TAG";

    /** Working columns that never reach an output (prefixed "_"). */
    public static final String LEAD_STATUS = "_LEAD_STATUS";
    public static final String STATUS_NAME = "_STATUS_NAME";
    public static final String GIVEN_AMOUNT = "_GIVEN_AMOUNT";
    public static final String RETRACTED_EVENT_ID = "_RETRACTED_EVENT_ID";

    private SourceColumns() {}
}
