package io.mrrlake.export;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigValueType;
import io.mrrlake.config.ConfigException;

/**
 * Reads one {@code destinations.<name>} block and remembers which keys it read, so that
 * {@link #rejectUnknownKeys} can name any key nobody reads (a typo). Secret values never appear in
 * messages.
 */
final class ConfigBlock {
    private final String path;
    private final Config config;
    private final Set<String> read = new HashSet<>();

    ConfigBlock(String path, Config config) {
        this.path = path;
        this.config = config;
    }

    String key(String k) {
        return path + "." + k;
    }

    boolean has(String k) {
        read.add(k);
        return config.hasPath(k);
    }

    String string(String k, String dflt) {
        if (!has(k)) return dflt;
        try {
            String v = config.getString(k);
            if (v.isBlank()) throw new ConfigException(key(k), "is empty; give a value or remove the key");
            return v;
        } catch (WrongType e) {
            throw new ConfigException(key(k), "'" + config.getValue(k).unwrapped() + "' must be a string");
        }
    }

    String requiredString(String k, String allowed) {
        String v = string(k, null);
        if (v == null) throw new ConfigException(key(k), "is missing; expected " + allowed);
        return v;
    }

    /** A secret filled from the environment; its value is never shown. */
    String secret(String k) {
        if (!has(k)) return null;
        if (config.getValue(k).valueType() != ConfigValueType.STRING) {
            throw new ConfigException(key(k), "must be a string (value not shown: it is a secret)");
        }
        String v = config.getString(k);
        return v.isBlank() ? null : v;
    }

    String requiredSecret(String k, String envVar) {
        String v = secret(k);
        if (v == null) {
            throw new ConfigException(key(k), "is missing; it is a secret: set the environment variable " + envVar
                    + " (the conf file reads it with ${?" + envVar + "})");
        }
        return v;
    }

    int integer(String k, int dflt, int min, int max) {
        if (!has(k)) return dflt;
        int v;
        try {
            v = config.getInt(k);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(key(k), "'" + config.getValue(k).unwrapped() + "' is not a whole number; allowed: "
                    + min + ".." + max);
        }
        if (v < min || v > max) throw new ConfigException(key(k), "'" + v + "' is out of range; allowed: " + min + ".." + max);
        return v;
    }

    List<String> stringList(String k) {
        if (!has(k)) return List.of();
        try {
            return config.getStringList(k);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(key(k), "'" + config.getValue(k).unwrapped()
                    + "' must be a list of strings, e.g. [\"calculated.*\", \"source.customers\"]");
        }
    }

    /** A nested block such as {@code catalog { ... }}, or null when absent. */
    ConfigBlock block(String k) {
        if (!has(k)) return null;
        if (config.getValue(k).valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException(key(k), "must be a block { ... }");
        }
        return new ConfigBlock(key(k), config.getConfig(k));
    }

    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(config.root().keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String k = unknown.iterator().next();
            throw new ConfigException(key(k), "is not a known key for this destination type; allowed: "
                    + String.join(", ", new TreeSet<>(read)));
        }
    }
}
