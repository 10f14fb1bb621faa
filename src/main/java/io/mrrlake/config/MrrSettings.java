package io.mrrlake.config;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Set;

/**
 * The settings of docs/MRR.md, typed and already validated (see {@link ConfigLoader}).
 * Serializable because the engine ships it to the executors.
 *
 * @param autoChurnDays null when auto churn is off (the default)
 */
public record MrrSettings(
        String accountCurrency,
        ZoneId timeZone,
        ChurnRecognition churnRecognition,
        int activityGroupingMinutes,
        NewSubscriberInvoice newSubscriberInvoice,
        Set<String> excludeInvoiceStatuses,
        Integer autoChurnDays,
        FreePlan freePlan,
        int maxRateAgeDays) implements Serializable {

    public enum ChurnRecognition { AT_CANCELLATION, END_OF_SERVICE_PERIOD }

    public enum NewSubscriberInvoice { PAID, ISSUED }

    public enum FreePlan { KEEP_ACTIVE, CHURN }

    /** The defaults of docs/MRR.md (and of conf/application.conf). */
    public static MrrSettings defaults() {
        return new MrrSettings("USD", ZoneId.of("UTC"), ChurnRecognition.AT_CANCELLATION, 60,
                NewSubscriberInvoice.PAID, Set.of("voided"), null, FreePlan.KEEP_ACTIVE, 7);
    }
}
