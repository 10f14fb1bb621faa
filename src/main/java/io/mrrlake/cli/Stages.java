package io.mrrlake.cli;

import java.util.function.Supplier;

import io.mrrlake.report.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times each stage of a run and logs its start and end, so a person watching a long run knows
 * where it is; durations go into the run summary.
 */
final class Stages {
    private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
    private final RunSummary summary;

    Stages(RunSummary summary) {
        this.summary = summary;
    }

    <T> T run(String stage, Supplier<T> work) {
        LOG.info("stage {}: started", stage);
        long t0 = System.nanoTime();
        try {
            T result = work.get();
            double seconds = seconds(t0);
            summary.stageSeconds.put(stage, seconds);
            LOG.info("stage {}: done in {} s", stage, String.format("%.1f", seconds));
            return result;
        } catch (RuntimeException e) {
            summary.stageSeconds.put(stage, seconds(t0));
            LOG.info("stage {}: failed after {} s", stage, String.format("%.1f", seconds(t0)));
            throw e;
        }
    }

    void run(String stage, Runnable work) {
        run(stage, () -> {
            work.run();
            return null;
        });
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }
}
