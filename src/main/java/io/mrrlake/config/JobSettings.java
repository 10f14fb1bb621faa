package io.mrrlake.config;

import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;

/**
 * Everything a run needs, validated before Spark starts.
 *
 * @param outputOverwrite full | partitions, for the {@code output} shorthand destination
 * @param outputCatalog  where the {@code output} destination registers tables, or null
 * @param maxRejectRatio null when there is no limit
 * @param allowEmptyInput whether a run may go on (and replace outputs) with no customers or no invoices
 * @param lock           heartbeat and stale timeout of the run lock
 * @param datasets       dataset filters (names or globs such as "source.*"); empty means all
 * @param stateLocation  null when it follows the first files destination
 * @param parallelJobs how many Spark jobs run at the same time: materializing, writing (1 or more)
 * @param checkpointStorage where the run keeps the datasets it materializes
 * @param destinations   the raw `destinations` block, validated by the destinations' own factories
 */
public record JobSettings(
        String inputUri,
        String inputFormat,
        String outputUri,
        String outputFormat,
        String outputOverwrite,
        CatalogSettings outputCatalog,
        AsOf asOf,
        Double maxRejectRatio,
        boolean allowEmptyInput,
        LockSettings lock,
        List<String> datasets,
        String stateLocation,
        int parallelJobs,
        CheckpointStorage checkpointStorage,
        MrrSettings mrr,
        CustomerSettings customers,
        Map<String, String> sparkProperties,
        Config destinations,
        Config effective) {
}
