package io.mrrlake.config;

import java.io.Serializable;

/** customers.* settings (mrr-rules.md section 5). */
public record CustomerSettings(AutoMerge autoMerge) implements Serializable {

    public enum AutoMerge { NONE, EXTERNAL_ID }

    public static CustomerSettings defaults() {
        return new CustomerSettings(AutoMerge.NONE);
    }
}
