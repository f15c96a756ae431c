package io.junction.nats.config;

/**
 * A key and its value in a map. Errors about a setting point at its key, as nats-server's do.
 *
 * <p>nats-server lets a key serve as a variable: {@code PASS: secret} then {@code password: $PASS}. Such a key is
 * marked used, and a used key is never reported as an unknown field.
 */
final class ConfigEntry {
    private final String key;
    private final Position position;
    private final ConfigValue value;
    private boolean usedAsVariable;

    ConfigEntry(String key, Position position, ConfigValue value) {
        this.key = key;
        this.position = position;
        this.value = value;
    }

    String key() {
        return key;
    }

    Position position() {
        return position;
    }

    ConfigValue value() {
        return value;
    }

    boolean isUsedAsVariable() {
        return usedAsVariable;
    }

    void markUsedAsVariable() {
        usedAsVariable = true;
    }

    @Override
    public String toString() {
        return key + "@" + position;
    }
}
