package io.mrrlake.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.config.ConfigException;
import io.mrrlake.config.SecretKeys;
import picocli.CommandLine.Option;

/** --conf and --set, shared by the commands that read configuration. */
public final class ConfOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "HOCON file laid over conf/application.conf; repeatable, later files win.")
    List<File> confFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any configuration key (e.g. mrr.churn_recognition=end_of_service_period), "
                    + "or a Spark property with spark.KEY=VALUE; repeatable. Not for secrets: those come from "
                    + "environment variables in a --conf file.")
    List<String> overrides = new ArrayList<>();

    /** The --set pairs; a secret's key among them stops the run (exit 2) before its value goes anywhere. */
    List<String> overrides() {
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            String key = (eq < 0 ? kv : kv.substring(0, eq)).trim();
            if (SecretKeys.isSecret(key)) {
                throw new ConfigException(key, "holds a secret and cannot be given with --set (the command line shows "
                        + "in process lists, shell history and Spark's event log); set it in a --conf file from an "
                        + "environment variable, e.g. " + key.substring(key.lastIndexOf('.') + 1) + " = ${?MY_SECRET}");
            }
        }
        return overrides;
    }
}
