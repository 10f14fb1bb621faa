package io.mrrlake.mrr;

import java.time.ZoneId;
import java.util.Set;
import java.util.function.Consumer;

import io.mrrlake.config.MrrSettings;

/** MrrSettings with a few fields changed from the defaults, for tests. */
final class Settings {
    String accountCurrency = "USD";
    ZoneId timeZone = ZoneId.of("UTC");
    MrrSettings.ChurnRecognition churnRecognition = MrrSettings.ChurnRecognition.AT_CANCELLATION;
    int activityGroupingMinutes = 60;
    MrrSettings.NewSubscriberInvoice newSubscriberInvoice = MrrSettings.NewSubscriberInvoice.PAID;
    Set<String> excludeInvoiceStatuses = Set.of("voided");
    Integer autoChurnDays;
    MrrSettings.FreePlan freePlan = MrrSettings.FreePlan.KEEP_ACTIVE;
    int maxRateAgeDays = 7;

    static MrrSettings of(Consumer<Settings> change) {
        Settings s = new Settings();
        change.accept(s);
        MrrSettings built = new MrrSettings(s.accountCurrency, s.timeZone, s.churnRecognition, s.activityGroupingMinutes,
                s.newSubscriberInvoice, s.excludeInvoiceStatuses, s.autoChurnDays, s.freePlan, s.maxRateAgeDays);
        return built;
    }
}
