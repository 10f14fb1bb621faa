package io.mrrlake.model;

/** Column names shared by several datasets. Dataset-specific names live with their builder. */
public final class Columns {
    public static final String AS_OF = "AS_OF";
    public static final String UUID = "UUID";
    public static final String DATA_SOURCE_UUID = "DATA_SOURCE_UUID";
    public static final String CUSTOMER_UUID = "CUSTOMER_UUID";
    public static final String EXTERNAL_ID = "EXTERNAL_ID";

    /** Month partition values are "yyyy-MM" strings. */
    public static final String MONTH_FORMAT = "yyyy-MM";

    private Columns() {}
}
