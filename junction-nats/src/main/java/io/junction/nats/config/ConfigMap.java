package io.junction.nats.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of settings in file order. A key written twice keeps its first place and its last value, as in
 * nats-server, where the later assignment wins.
 *
 * <p>Filled by the parser, read by the loader; copies made by {@link #at} share the entries.
 */
final class ConfigMap implements ConfigValue {
    private final Map<String, ConfigEntry> entries;
    private final Position position;

    ConfigMap(Position position) {
        this(new LinkedHashMap<>(), position);
    }

    private ConfigMap(Map<String, ConfigEntry> entries, Position position) {
        this.entries = entries;
        this.position = position;
    }

    void put(ConfigEntry entry) {
        entries.put(entry.key(), entry);
    }

    /** The entry with exactly this key, or null. */
    ConfigEntry entry(String key) {
        return entries.get(key);
    }

    Collection<ConfigEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public ConfigValue at(Position where) {
        return new ConfigMap(entries, where);
    }

    @Override
    public String describe() {
        return "map";
    }

    @Override
    public String toString() {
        return entries.values().toString();
    }
}
