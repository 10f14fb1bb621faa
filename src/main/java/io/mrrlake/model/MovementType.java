package io.mrrlake.model;

/** The five MRR movement types; wire names are ChartMogul's. */
public enum MovementType {
    NEW_BIZ, EXPANSION, CONTRACTION, CHURN, REACTIVATION;

    public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
