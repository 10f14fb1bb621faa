package io.mrrlake.webhook;

/** Column names the webhook stage reads (docs/DATASETS.md) and writes (its ledger and watermarks). */
final class WebhookColumns {
    private WebhookColumns() {}

    // calculated/mrr_movements
    static final String M_UUID = "UUID";
    static final String M_DATE = "DATE";
    static final String M_RANK = "RANK";
    static final String M_CUSTOMER_UUID = "CUSTOMER_UUID";
    static final String M_CUSTOMER_NAME = "CUSTOMER_NAME";
    static final String M_CUSTOMER_EXTERNAL_ID = "CUSTOMER_EXTERNAL_ID";
    static final String M_SUBSCRIPTION_EXTERNAL_ID = "SUBSCRIPTION_EXTERNAL_ID";
    static final String M_MOVEMENT_TYPE = "MOVEMENT_TYPE";
    static final String M_MRR_MOVEMENT = "MRR_MOVEMENT";
    static final String M_MRR = "MRR";
    static final String M_CURRENCY_CODE = "CURRENCY_CODE";
    static final String M_INVOICE_CURRENCY = "INVOICE_CURRENCY";
    static final String M_MRR_MOVEMENT_IN_INVOICE_CURRENCY = "MRR_MOVEMENT_IN_INVOICE_CURRENCY";
    static final String M_DESCRIPTION = "DESCRIPTION";

    /** The movement columns the payload needs, checked up front. */
    static final String[] MOVEMENT_INPUT = {M_UUID, M_DATE, M_RANK, M_CUSTOMER_UUID, M_CUSTOMER_NAME,
            M_CUSTOMER_EXTERNAL_ID, M_SUBSCRIPTION_EXTERNAL_ID, M_MOVEMENT_TYPE, M_MRR_MOVEMENT, M_MRR,
            M_CURRENCY_CODE, M_INVOICE_CURRENCY, M_MRR_MOVEMENT_IN_INVOICE_CURRENCY, M_DESCRIPTION};

    // calculated/customers
    static final String C_UUID = "UUID";
    static final String C_NAME = "NAME";
    static final String C_EMAIL = "EMAIL";
    static final String C_STATUS = "STATUS";
    static final String C_COMPANY = "COMPANY";
    static final String C_CURRENCY = "CURRENCY";
    static final String C_EXTERNAL_ID = "EXTERNAL_ID";
    static final String C_EXTERNAL_IDS = "EXTERNAL_IDS";
    static final String C_DATA_SOURCE_UUID = "DATA_SOURCE_UUID";

    static final String[] CUSTOMER_INPUT = {C_UUID, C_NAME, C_EMAIL, C_STATUS, C_COMPANY, C_CURRENCY,
            C_EXTERNAL_ID, C_EXTERNAL_IDS, C_DATA_SOURCE_UUID};

    /** Customer columns are renamed with this prefix when joined to movements. */
    static final String CUSTOMER_PREFIX = "CUSTOMER__";

    static String customer(String column) {
        return CUSTOMER_PREFIX + column;
    }

    /** The delivery batch a candidate movement belongs to (all of a customer's movements share one). */
    static final String BATCH = "_BATCH";

    // ledger (Delta, partitioned by ENDPOINT)
    static final String L_ENDPOINT = "ENDPOINT";
    static final String L_MOVEMENT_UUID = "MOVEMENT_UUID";
    static final String L_CUSTOMER_UUID = "CUSTOMER_UUID";
    static final String L_MOVEMENT_DATE = "MOVEMENT_DATE";
    static final String L_STATUS = "STATUS";
    static final String L_ATTEMPTS = "ATTEMPTS";
    static final String L_LAST_STATUS_CODE = "LAST_STATUS_CODE";
    static final String L_LAST_ERROR = "LAST_ERROR";
    static final String L_FIRST_ATTEMPT_AT = "FIRST_ATTEMPT_AT";
    static final String L_LAST_ATTEMPT_AT = "LAST_ATTEMPT_AT";
    static final String L_DELIVERED_AT = "DELIVERED_AT";
    static final String L_AS_OF = "AS_OF";
    static final String L_BATCH_ID = "BATCH_ID";

    static final String STATUS_DELIVERED = "delivered";
    static final String STATUS_FAILED = "failed";
    /** Not attempted: an earlier movement of the same customer failed in the same run. */
    static final String STATUS_BLOCKED = "blocked";

    // watermarks (Delta)
    static final String W_ENDPOINT = "ENDPOINT";
    static final String W_WATERMARK = "WATERMARK";
    static final String W_UPDATED_AT = "UPDATED_AT";
}
