package io.mrrlake.model;

import java.util.Arrays;
import java.util.Optional;

/** Invoice statuses, numbered as the exported STATUS column (0 open … 4 voided). */
public enum InvoiceStatus {
    OPEN, PAID, REFUNDED, WRITTEN_OFF, VOIDED;

    public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<InvoiceStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(s)).findFirst();
    }
}
