package io.mrrlake.webhook;

/**
 * Points in an endpoint's batch loop where a test can stop the run, as a kill would: after a batch
 * was sent and staged, and after it was recorded in the ledger. The job passes {@link #NONE}.
 */
interface DeliveryHooks {
    DeliveryHooks NONE = new DeliveryHooks() {};

    default void afterSend(String endpoint, int batch) {}

    default void afterRecord(String endpoint, int batch) {}
}
