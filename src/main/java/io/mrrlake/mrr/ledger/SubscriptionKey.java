package io.mrrlake.mrr.ledger;

import io.mrrlake.model.Ids;

/** A subscription is (data_source_uuid, subscription_external_id). */
final class SubscriptionKey {
    private SubscriptionKey() {}

    static String of(String dataSourceUuid, String subscriptionExternalId) {
        return Ids.key(dataSourceUuid, subscriptionExternalId);
    }
}
