package io.mrrlake.config;

import java.io.File;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.mrrlake.model.MinorUnits;

/**
 * Loads HOCON settings: the documented defaults (conf/application.conf, packaged in the jar), then
 * each --conf file, then --set overrides, and checks every key and value before Spark starts.
 */
public final class ConfigLoader {
    /** Blocks whose keys are not fixed: Spark properties and named destinations. */
    private static final Set<String> OPEN_BLOCKS = Set.of("spark", "destinations");
    private static final String DEFAULTS_RESOURCE = "io/mrrlake/application.conf";

    private ConfigLoader() {}

    public static Config defaults() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /**
     * @param confFiles  files given with --conf, later ones winning
     * @param overrides  KEY=VALUE pairs (--set and the command's own options), later ones winning
     */
    public static Config load(List<File> confFiles, List<String> overrides) {
        Config user = ConfigFactory.empty();
        for (File f : confFiles) {
            if (!f.isFile()) {
                throw new ConfigException("--conf", "file '" + f + "' does not exist");
            }
            user = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(user);
        }
        for (String kv : overrides) {
            user = override(kv).withFallback(user);
        }
        Config defaults = defaults();
        checkKnownKeys(user, defaults);
        try {
            return user.withFallback(defaults)
                    .resolveWith(ConfigFactory.systemEnvironment(), ConfigResolveOptions.defaults());
        } catch (com.typesafe.config.ConfigException.UnresolvedSubstitution e) {
            throw new ConfigException(e.getMessage(), "a substitution has no value; set the environment variable it names");
        }
    }

    /** "mrr.time_zone=Europe/Berlin" or "mrr.exclude_invoice_statuses=[voided,refunded]". */
    static Config override(String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(kv, "expected KEY=VALUE");
        }
        String key = kv.substring(0, eq).trim();
        String value = kv.substring(eq + 1).trim();
        String path = key.startsWith("spark.") && !key.startsWith("spark.\"")
                ? "spark." + ConfigUtil.quoteString(key.substring("spark.".length()))
                : key;
        if (value.startsWith("[")) {
            try {
                return ConfigFactory.parseString(path + " = " + value);
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException(key, "'" + value + "' is not a list: " + e.getMessage());
            }
        }
        try {
            ConfigUtil.splitPath(path);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(key, "not a valid key");
        }
        return ConfigFactory.empty().withValue(path,
                "null".equals(value) ? ConfigValueFactory.fromAnyRef(null) : ConfigValueFactory.fromAnyRef(value));
    }

    private static void checkKnownKeys(Config user, Config defaults) {
        for (Map.Entry<String, ConfigValue> e : user.root().entrySet()) {
            checkKnownKeys(e.getKey(), e.getValue(), defaults);
        }
    }

    private static void checkKnownKeys(String path, ConfigValue value, Config defaults) {
        String top = ConfigUtil.splitPath(path).get(0);
        if (OPEN_BLOCKS.contains(top)) {
            return;
        }
        if (!defaults.hasPathOrNull(path)) {
            throw new ConfigException(path, "unknown key" + suggestion(path, defaults));
        }
        if (value.valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e : ((com.typesafe.config.ConfigObject) value).entrySet()) {
                checkKnownKeys(path + "." + ConfigUtil.quoteString(e.getKey()).replace("\"", ""), e.getValue(), defaults);
            }
        }
    }

    private static String suggestion(String path, Config defaults) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        List<String> known = new ArrayList<>();
        collectPaths("", defaults.root(), known);
        return known.stream()
                .filter(k -> k.endsWith("." + leaf) || levenshtein(k, path) <= 3)
                .findFirst()
                .map(k -> "; did you mean '" + k + "'?")
                .orElse("; known keys: " + String.join(", ", known));
    }

    private static void collectPaths(String prefix, com.typesafe.config.ConfigObject obj, List<String> out) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (OPEN_BLOCKS.contains(p)) continue;
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                collectPaths(p, (com.typesafe.config.ConfigObject) e.getValue(), out);
            } else {
                out.add(p);
            }
        }
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    // ---- typed settings ------------------------------------------------------------------------

    /**
     * Typed, validated settings.
     *
     * @param requireInput whether input.uri must be set (run, validate)
     * @param requireAsOf  whether run.as_of must be set (run)
     */
    public static JobSettings settings(Config c, boolean requireInput, boolean requireAsOf) {
        MrrSettings mrr = mrrSettings(c);
        CustomerSettings customers = new CustomerSettings(
                enumValue(c, "customers.auto_merge", CustomerSettings.AutoMerge.class));
        String input = optionalLocation(c, "input.uri");
        if (requireInput && input == null) {
            throw new ConfigException("input.uri", "missing: give --input URI");
        }
        String inputFormat = oneOf(c, "input.format", List.of("json", "parquet", "avro", "csv", "delta"));
        String outputFormat = oneOf(c, "output.format", List.of("delta", "parquet"));
        String outputOverwrite = oneOf(c, "output.overwrite", List.of("full", "partitions"));
        String catalogDatabase = optionalString(c, "output.catalog.database");
        CatalogSettings outputCatalog = catalogDatabase == null ? null
                : CatalogSettings.of("output.catalog", catalogDatabase, c.getString("output.catalog.table_prefix"));
        String asOfText = optionalString(c, "run.as_of");
        if (requireAsOf && asOfText == null) {
            throw new ConfigException("run.as_of", "missing: give --as-of DATE|INSTANT");
        }
        AsOf asOf = asOfText == null ? null : AsOf.parse(asOfText, mrr.timeZone());
        Double ratio = null;
        if (!c.getIsNull("run.max_reject_ratio")) {
            ratio = number(c, "run.max_reject_ratio");
            if (ratio < 0 || ratio > 1) {
                throw new ConfigException("run.max_reject_ratio", "'" + ratio + "' must be between 0 and 1");
            }
        }
        boolean allowEmptyInput = bool(c, "run.allow_empty_input");
        LockSettings lock = LockSettings.of(
                positiveSeconds(c, "run.lock.heartbeat_seconds"), positiveSeconds(c, "run.lock.stale_after_seconds"));
        List<String> datasets = stringList(c, "run.datasets");
        int parallelJobs = nonNegativeInt(c, "run.parallel_jobs");
        if (parallelJobs < 1) {
            throw new ConfigException("run.parallel_jobs", "'0' must be 1 or more");
        }
        return new JobSettings(input, inputFormat, optionalLocation(c, "output.uri"), outputFormat, outputOverwrite,
                outputCatalog, asOf, ratio, allowEmptyInput, lock, datasets, optionalLocation(c, "run.state_location"),
                parallelJobs, enumValue(c, "run.checkpoint_storage", CheckpointStorage.class), mrr, customers, sparkProperties(c),
                c.getConfig("destinations"), c);
    }

    public static MrrSettings mrrSettings(Config c) {
        String currency = c.getString("mrr.account_currency");
        if (!isIsoCurrency(currency)) {
            throw new ConfigException("mrr.account_currency", "'" + currency + "' is not an ISO-4217 currency code with a minor unit");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(c.getString("mrr.time_zone"));
        } catch (DateTimeException e) {
            throw new ConfigException("mrr.time_zone", "'" + c.getString("mrr.time_zone")
                    + "' is not a time zone id (e.g. UTC, Europe/Berlin)");
        }
        int grouping = nonNegativeInt(c, "mrr.activity_grouping_minutes");
        Set<String> excluded = new LinkedHashSet<>(stringList(c, "mrr.exclude_invoice_statuses"));
        for (String s : excluded) {
            if (!List.of("voided", "written_off", "refunded").contains(s)) {
                throw new ConfigException("mrr.exclude_invoice_statuses",
                        "'" + s + "' is not allowed; allowed: voided, written_off, refunded");
            }
        }
        Integer autoChurn = null;
        String ac = c.getIsNull("mrr.auto_churn_days") ? "off" : c.getAnyRef("mrr.auto_churn_days").toString();
        if (!ac.equals("off")) {
            autoChurn = nonNegativeInt(c, "mrr.auto_churn_days");
            if (autoChurn == 0) {
                throw new ConfigException("mrr.auto_churn_days", "'0' is not allowed; give off or a number of days >= 1");
            }
        }
        int maxRateAge = nonNegativeInt(c, "mrr.max_rate_age_days");
        return new MrrSettings(currency, zone,
                enumValue(c, "mrr.churn_recognition", MrrSettings.ChurnRecognition.class),
                grouping,
                enumValue(c, "mrr.new_subscriber_invoice", MrrSettings.NewSubscriberInvoice.class),
                Set.copyOf(excluded), autoChurn,
                enumValue(c, "mrr.free_plan", MrrSettings.FreePlan.class),
                maxRateAge);
    }

    /** An upper-case ISO 4217 code whose currency has a minor unit (not XAU or XXX): amounts are kept in it. */
    static boolean isIsoCurrency(String code) {
        return MinorUnits.codes().contains(code);
    }

    static Map<String, String> sparkProperties(Config c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("spark").entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
            out.put(key.startsWith("spark.") ? key : "spark." + key, String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    public static <E extends Enum<E>> E enumValue(Config c, String key, Class<E> type) {
        String v = string(c, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        throw new ConfigException(key, "'" + v + "' is not allowed; allowed: " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    public static String oneOf(Config c, String key, List<String> allowed) {
        String v = string(c, key);
        if (!allowed.contains(v)) {
            throw new ConfigException(key, "'" + v + "' is not allowed; allowed: " + String.join(", ", allowed));
        }
        return v;
    }

    public static String string(Config c, String key) {
        if (c.getIsNull(key)) {
            throw new ConfigException(key, "missing");
        }
        ConfigValue v = c.getValue(key);
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            throw new ConfigException(key, "expected a single value, got " + v.valueType().name().toLowerCase(Locale.ROOT));
        }
        return String.valueOf(v.unwrapped());
    }

    public static String optionalString(Config c, String key) {
        return c.getIsNull(key) ? null : string(c, key);
    }

    /**
     * A folder or file location that may be unset (null) but not empty or blank (--input "", --set
     * run.state_location=): Hadoop cannot make a path of one, and the run stopped with exit 1 and
     * "Can not create a Path from an empty string", naming no key.
     */
    static String optionalLocation(Config c, String key) {
        String v = optionalString(c, key);
        if (v != null && v.isBlank()) {
            throw new ConfigException(key, "'" + v + "' is not allowed; allowed: a URI or path (file:/…, s3a://bucket/prefix, "
                    + "gs://…, abfss://…, or a local path)");
        }
        return v;
    }

    public static int nonNegativeInt(Config c, String key) {
        String v = string(c, key);
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + v + "' is not a whole number >= 0");
        }
    }

    public static boolean bool(Config c, String key) {
        String v = string(c, key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key, "'" + v + "' is not allowed; allowed: true, false");
        }
        return Boolean.parseBoolean(v);
    }

    private static java.time.Duration positiveSeconds(Config c, String key) {
        int n = nonNegativeInt(c, key);
        if (n < 1) {
            throw new ConfigException(key, "'0' must be 1 or more (seconds)");
        }
        return java.time.Duration.ofSeconds(n);
    }

    public static double number(Config c, String key) {
        String v = string(c, key);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + v + "' is not a number");
        }
    }

    public static List<String> stringList(Config c, String key) {
        ConfigValue v = c.getValue(key);
        if (v.valueType() == ConfigValueType.LIST) {
            try {
                return c.getStringList(key);
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException(key, "expected a list of strings");
            }
        }
        // A comma-separated string, as --datasets and --set give it.
        String s = string(c, key).trim();
        if (s.isEmpty()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
