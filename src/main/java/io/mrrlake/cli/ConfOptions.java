package io.mrrlake.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** --conf and --set, shared by the commands that read configuration. */
public final class ConfOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "HOCON file laid over conf/application.conf; repeatable, later files win.")
    List<File> confFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any configuration key (e.g. mrr.churn_recognition=end_of_service_period), "
                    + "or a Spark property with spark.KEY=VALUE; repeatable.")
    List<String> overrides = new ArrayList<>();
}
