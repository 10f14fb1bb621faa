package io.mrrlake.model;

import java.util.Arrays;
import java.util.Optional;

/** Subscription event types, numbered 0–9 in docs/LANDING.md's order (the exported EVENT_TYPE). */
public enum EventType {
    SUBSCRIPTION_START_SCHEDULED,
    SUBSCRIPTION_START,
    SCHEDULED_SUBSCRIPTION_START_RETRACTED,
    SUBSCRIPTION_CANCELLATION_SCHEDULED,
    SUBSCRIPTION_CANCELLED,
    SCHEDULED_SUBSCRIPTION_CANCELLATION_RETRACTED,
    SUBSCRIPTION_UPDATE_SCHEDULED,
    SUBSCRIPTION_UPDATED,
    SCHEDULED_SUBSCRIPTION_UPDATE_RETRACTED,
    SUBSCRIPTION_EVENT_RETRACTED;

    public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<EventType> fromWire(String s) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(s)).findFirst();
    }
}
