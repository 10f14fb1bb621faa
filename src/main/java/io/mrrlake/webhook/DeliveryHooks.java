package io.mrrlake.webhook;

/**
 * Points in an endpoint's pass where the run can be stopped: before it writes the endpoint's state
 * (recovering a killed run's staging, moving the watermark) and before each batch is sent, where the
 * job checks that its run lock is still its own; after a batch was sent and staged, and after it was
 * recorded in the ledger, where a test stops the run as a kill would.
 */
interface DeliveryHooks {
    DeliveryHooks NONE = new DeliveryHooks() {};

    /**
     * Hooks that run {@code check} before every write of the endpoint's state and before each batch
     * is sent: a check that throws ends the endpoint's pass there.
     */
    static DeliveryHooks checkingBeforeWrites(Runnable check) {
        return new DeliveryHooks() {
            @Override
            public void beforeStateWrite(String endpoint) {
                check.run();
            }

            @Override
            public void beforeSend(String endpoint, int batch) {
                check.run();
            }
        };
    }

    default void beforeStateWrite(String endpoint) {}

    default void beforeSend(String endpoint, int batch) {}

    default void afterSend(String endpoint, int batch) {}

    default void afterRecord(String endpoint, int batch) {}
}
