package io.mrrlake.config;

/**
 * A wrong configuration key, a wrong value or a missing secret. The message names the key, the value
 * given (never a secret's value) and what is allowed, so the run can stop with exit code 2 before
 * Spark starts.
 */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The full configuration path that is wrong, e.g. "destinations.warehouse.port". */
    public String key() {
        return key;
    }
}
