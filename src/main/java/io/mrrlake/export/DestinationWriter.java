package io.mrrlake.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every dataset to every destination that takes it, destinations one after another and up to
 * {@code parallelism} datasets of a destination at the same time (each still its own atomic write:
 * a Spark job per dataset, which the scheduler interleaves). A failure is kept to its destination and
 * dataset: the other datasets and destinations still get their atomic writes, and the outcomes say
 * which failed so the run can exit 1 naming them.
 */
public final class DestinationWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWriter.class);

    private DestinationWriter() {}

    public static List<DestinationOutcome> writeAll(List<Destination> destinations, List<DatasetWrite> writes,
                                                    int parallelism) {
        List<DestinationOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "mrrlake-write");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Destination d : destinations) {
                outcomes.add(writeOne(d, writes, pool));
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /** The failed destinations' names, for the run's exit message. */
    public static List<String> failed(List<DestinationOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(DestinationOutcome::name).toList();
    }

    private static DestinationOutcome writeOne(Destination d, List<DatasetWrite> writes, ExecutorService pool) {
        Map<DatasetWrite, Future<Long>> running = new LinkedHashMap<>();
        for (DatasetWrite w : writes) {
            if (d.accepts(w)) {
                running.put(w, pool.submit(() -> d.writeAndCount(w)));
            }
        }
        // Outcomes are gathered in the writes' order, so the summary does not depend on timing.
        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> failedDatasets = new ArrayList<>();
        String firstError = null;
        for (Map.Entry<DatasetWrite, Future<Long>> e : running.entrySet()) {
            DatasetWrite w = e.getKey();
            try {
                rows.put(w.dottedName(), e.getValue().get());
            } catch (ExecutionException | InterruptedException ex) {
                Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                if (ex instanceof InterruptedException) Thread.currentThread().interrupt();
                String msg = describe(d, cause);
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
