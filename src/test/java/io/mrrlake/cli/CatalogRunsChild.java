package io.mrrlake.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a JVM of its own by {@link CatalogTablesJobTest}: a session with Hive support and an embedded
 * Derby metastore cannot share a JVM with the other tests' session. Runs the job once per as-of given,
 * each with Hive support and the metastore in the folder given, then counts every table of the
 * metastore's database through SQL and writes {table: rows} as JSON.
 *
 * <p>Arguments: work folder, result file, database, then the run's arguments (without --as-of),
 * "--", and the as-of dates in order.
 */
public final class CatalogRunsChild {
    private CatalogRunsChild() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path result = Path.of(args[1]);
        String database = args[2];
        int dashes = List.of(args).indexOf("--");
        List<String> runArgs = new ArrayList<>(List.of(args).subList(3, dashes));
        // Derby writes its log to the working directory unless told otherwise.
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        // The shared test session's small-machine settings, so the child costs what a test does.
        runArgs.addAll(List.of("--set", "spark.master=local[2]", "--set", "spark.sql.shuffle.partitions=2",
                "--set", "spark.databricks.delta.snapshotPartitions=2", "--set", "spark.ui.enabled=false"));
        runArgs.addAll(List.of("--set", "spark.sql.catalogImplementation=hive",
                "--set", "spark.sql.warehouse.dir=" + work.resolve("warehouse"),
                "--set", "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                        + work.resolve("metastore_db") + ";create=true"));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        for (String asOf : List.of(args).subList(dashes + 1, args.length)) {
            List<String> a = new ArrayList<>(runArgs);
            a.addAll(List.of("--as-of", asOf));
            int code = Main.execute(out, err, a.toArray(String[]::new));
            if (code != 0) {
                err.println("run for " + asOf + " exited " + code);
                System.exit(code);
            }
        }
        SparkSession spark = SparkSession.active();
        Map<String, Long> counts = new TreeMap<>();
        for (var t : spark.catalog().listTables(database).collectAsList()) {
            counts.put(t.name(), spark.sql("SELECT count(*) FROM " + database + "." + t.name()).first().getLong(0));
        }
        Files.writeString(result, new ObjectMapper().writeValueAsString(counts));
        System.exit(0);
    }
}
