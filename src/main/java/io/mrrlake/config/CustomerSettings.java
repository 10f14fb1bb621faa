package io.mrrlake.config;

import java.io.Serializable;

/** customers.* settings (docs/MRR.md "Calculated customers"). */
public record CustomerSettings(AutoMerge autoMerge) implements Serializable {

    public enum AutoMerge { NONE, EXTERNAL_ID }

    public static CustomerSettings defaults() {
        return new CustomerSettings(AutoMerge.NONE);
    }
}
