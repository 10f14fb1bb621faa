package io.mrrlake.export;

import java.util.List;
import java.util.Map;

/**
 * What one destination did in a run, for the exit code and the run summary.
 *
 * @param rowsByDataset rows written per dataset (dotted name); -1 where the destination cannot tell
 *                      without computing the dataset again (BigQuery, Snowflake)
 * @param failedDatasets datasets whose write failed (each left as the previous run wrote it)
 * @param error          the first failure's message with secrets masked, or null when ok
 */
public record DestinationOutcome(String name, String type, boolean ok, String error,
                                 Map<String, Long> rowsByDataset, List<String> failedDatasets) {

    public List<String> datasetsWritten() {
        return List.copyOf(rowsByDataset.keySet());
    }

    /** Rows written where known. */
    public long rows() {
        return rowsByDataset.values().stream().filter(r -> r >= 0).mapToLong(Long::longValue).sum();
    }
}
