package io.mrrlake.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mrrlake.spark.JobDescription;
import io.mrrlake.spark.ParallelJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every dataset to every destination that takes it, destinations one after another and up to
 * {@code parallelism} datasets of a destination at the same time (each still its own write:
 * a Spark job per dataset, which the scheduler interleaves). A failure is kept to its destination and
 * dataset: the other datasets and destinations still get their writes, and the outcomes say
 * which failed so the run can exit 1 naming them.
 */
public final class DestinationWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWriter.class);

    private DestinationWriter() {}

    public static List<DestinationOutcome> writeAll(List<Destination> destinations, List<DatasetWrite> writes,
                                                    int parallelism) {
        List<DestinationOutcome> outcomes = new ArrayList<>();
        for (Destination d : destinations) {
            outcomes.add(writeOne(d, writes, parallelism));
        }
        return outcomes;
    }

    /** The failed destinations' names, for the run's exit message. */
    public static List<String> failed(List<DestinationOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(DestinationOutcome::name).toList();
    }

    private static DestinationOutcome writeOne(Destination d, List<DatasetWrite> writes, int parallelism) {
        Map<String, Callable<Long>> tasks = new LinkedHashMap<>();
        for (DatasetWrite w : writes) {
            if (d.accepts(w)) {
                tasks.put(w.dottedName(), () -> JobDescription.call(w.rows().sparkSession().sparkContext(),
                        "write " + w.dottedName() + " to " + d.name(), () -> d.writeAndCount(w)));
            }
        }
        // Outcomes come in the writes' order, so the summary does not depend on timing.
        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> failedDatasets = new ArrayList<>();
        String firstError = null;
        for (Map.Entry<String, ParallelJobs.Outcome<Long>> e : ParallelJobs.run(tasks, parallelism).entrySet()) {
            String dataset = e.getKey();
            if (e.getValue().ok()) {
                rows.put(dataset, e.getValue().value());
                continue;
            }
            String msg = describe(d, e.getValue().error());
            LOG.error("destination {}: writing {} failed: {}", d.name(), dataset, msg);
            failedDatasets.add(dataset);
            if (firstError == null) firstError = dataset + ": " + msg;
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
