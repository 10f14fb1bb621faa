package io.mrrlake.webhook;

/**
 * Points in an endpoint's batch loop where the run can be stopped: before a batch is sent (where the
 * job checks that its run lock is still its own), after it was sent and staged, and after it was
 * recorded in the ledger (where a test stops the run as a kill would).
 */
interface DeliveryHooks {
    DeliveryHooks NONE = new DeliveryHooks() {};

    /** Hooks that run {@code check} before each batch is sent: a check that throws ends the endpoint's pass there. */
    static DeliveryHooks checkingBeforeSend(Runnable check) {
        return new DeliveryHooks() {
            @Override
            public void beforeSend(String endpoint, int batch) {
                check.run();
            }
        };
    }

    default void beforeSend(String endpoint, int batch) {}

    default void afterSend(String endpoint, int batch) {}

    default void afterRecord(String endpoint, int batch) {}
}
