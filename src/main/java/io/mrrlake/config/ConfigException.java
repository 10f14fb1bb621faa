package io.mrrlake.config;

/** A wrong configuration key or value. The message names the key, the value and what is allowed. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
