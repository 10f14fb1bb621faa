package io.mrrlake.config;

/** A wrong configuration key or value: the message names the key, the value and what is allowed. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The full configuration key at fault, e.g. "destinations.hooks.url". */
    public String key() {
        return key;
    }
}
