package io.mrrlake.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which configuration keys hold secrets. Secrets come from the environment ({@code ${?VAR}} in a conf
 * file) or from a file, never from the command line: a {@code --set} value shows in the process list,
 * in shell history and in the JVM's recorded command line (Spark's event log keeps it).
 */
public final class SecretKeys {
    /**
     * Spark's default {@code spark.redaction.regex} ({@code (?i)secret|password|token|access[.]key})
     * misses writer options such as Snowflake's {@code pem_private_key} and settings such as
     * {@code spark.hadoop.fs.azure.account.key.<account>}; the job adds those. Spark hides the value of
     * every property and data-source option whose key or value matches, in its UI, event log and plans.
     */
    public static final String REDACTION_REGEX =
            "(?i)secret|password|token|access[.]key|private[._]?key|account[.]key|credential";

    public static final String SPARK_REDACTION_KEY = "spark.redaction.regex";

    /** Leaf keys of a destination block that hold secrets (jdbc/snowflake password, private_key, webhook secret). */
    private static final Set<String> DESTINATION_SECRETS = Set.of("password", "private_key", "secret");

    private static final Pattern REDACTION = Pattern.compile(REDACTION_REGEX);

    private SecretKeys() {}

    /** Whether a configuration key (as given to --set) holds a secret. */
    public static boolean isSecret(String key) {
        List<String> parts = List.of(key.trim().split("\\."));
        if (parts.size() >= 3 && parts.get(0).equals("destinations")) {
            return DESTINATION_SECRETS.contains(parts.get(parts.size() - 1).replace("\"", ""));
        }
        return key.trim().startsWith("spark.") && REDACTION.matcher(key).find();
    }

    /** The user's own redaction pattern (may be null) widened by the job's. */
    public static String redactionRegex(String userRegex) {
        if (userRegex == null || userRegex.isBlank() || userRegex.equals(REDACTION_REGEX)) {
            return REDACTION_REGEX;
        }
        if (userRegex.endsWith("|" + REDACTION_REGEX)) {
            return userRegex;
        }
        return userRegex + "|" + REDACTION_REGEX;
    }
}
