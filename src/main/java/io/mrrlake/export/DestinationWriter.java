package io.mrrlake.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every dataset to every destination that takes it, one write at a time. A failure is kept to
 * its destination and dataset: the other datasets and destinations still get their atomic writes,
 * and the outcomes say which failed so the run can exit 1 naming them.
 */
public final class DestinationWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWriter.class);

    private DestinationWriter() {}

    public static List<DestinationOutcome> writeAll(List<Destination> destinations, List<DatasetWrite> writes) {
        List<DestinationOutcome> outcomes = new ArrayList<>();
        for (Destination d : destinations) {
            outcomes.add(writeOne(d, writes));
        }
        return outcomes;
    }

    /** The failed destinations' names, for the run's exit message. */
    public static List<String> failed(List<DestinationOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(DestinationOutcome::name).toList();
    }

    private static DestinationOutcome writeOne(Destination d, List<DatasetWrite> writes) {
        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> failedDatasets = new ArrayList<>();
        String firstError = null;
        for (DatasetWrite w : writes) {
            if (!d.accepts(w)) {
                continue;
            }
            try {
                rows.put(w.dottedName(), d.writeAndCount(w));
            } catch (Exception | LinkageError e) {
                String msg = describe(d, e);
                LOG.error("destination {}: writing {} failed: {}", d.name(), w.dottedName(), msg);
                failedDatasets.add(w.dottedName());
                if (firstError == null) firstError = w.dottedName() + ": " + msg;
            }
        }
        try {
            d.close();
        } catch (Exception e) {
            String msg = describe(d, e);
            LOG.error("destination {}: closing failed: {}", d.name(), msg);
            if (firstError == null) firstError = "close: " + msg;
        }
        String type = d instanceof FilteredDestination f ? f.type() : d.getClass().getSimpleName();
        return new DestinationOutcome(d.name(), type, firstError == null, firstError, rows, failedDatasets);
    }

    /** The innermost useful message, with the destination's secrets masked. */
    static String describe(Destination d, Throwable e) {
        Throwable t = e;
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) msg = msg + " / caused by " + t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        if (d instanceof FilteredDestination f) {
            for (String secret : f.secrets()) {
                if (secret != null && !secret.isEmpty()) msg = msg.replace(secret, "****");
            }
        }
        return msg.length() > 2000 ? msg.substring(0, 2000) + "…" : msg;
    }
}
