package io.mrrlake.mrr.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Tracks whether a customer counts (MRR above 0) at each month end and emits the changes. */
final class MonthEndCounter {
    private final ZoneId zone;
    private final List<CountChange> changes = new ArrayList<>();
    private String month;
    private boolean countedAtLastMonthEnd;
    private boolean countedNow;

    MonthEndCounter(ZoneId zone) {
        this.zone = zone;
    }

    /** Called in time order after every change of the customer's MRR. */
    void observe(Instant t, long mrr) {
        String m = monthOf(t);
        if (month != null && !m.equals(month)) flush();
        month = m;
        countedNow = mrr > 0;
    }

    /** The month of {@code t} in mrr.time_zone, as the monthly dataset buckets it ({@code yyyy-MM}). */
    String monthOf(Instant t) {
        return YearMonth.from(t.atZone(zone)).toString();
    }

    void finish() {
        if (month != null) flush();
    }

    List<CountChange> changes() { return changes; }

    private void flush() {
        if (countedNow != countedAtLastMonthEnd) changes.add(new CountChange(month, countedNow ? 1 : -1));
        countedAtLastMonthEnd = countedNow;
    }
}
