package io.mrrlake.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mrrlake.bench.IoFloor;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.landing.LandingKind;
import io.mrrlake.landing.LandingZone;
import io.mrrlake.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * scripts/bench's yardstick: the landing zone read with the job's schemas and written as Parquet,
 * in a session set up like the job's. Hidden: it is a measuring tool, not part of the product.
 */
@Command(name = "io-floor", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark floor: read every landing kind with the job's schemas, write it as Parquet, nothing else.")
public final class IoFloorCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "URI", description = "Landing zone root.")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, parquet, avro, csv or delta. Default: ${DEFAULT-VALUE}.")
    String inputFormat;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Folder for the Parquet copies.")
    String output;

    @Override
    public Integer call() {
        InputFormat format = InputFormat.parse(inputFormat);
        SparkSession spark = Runtime.isLocalLauncher() ? SparkSessions.local(Map.of()) : SparkSessions.existingOrNew(Map.of());
        List<LandingKind> copied = IoFloor.copy(LandingZone.open(spark, input, format), output);
        System.out.println("io-floor: copied " + copied.size() + " kinds to " + output);
        return ExitCodes.OK;
    }
}
