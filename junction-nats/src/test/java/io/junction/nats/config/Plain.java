package io.junction.nats.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Parsed configuration as plain Java values, positions dropped, for comparing in tests. */
final class Plain {
    static final Function<String, String> NO_ENVIRONMENT = name -> null;

    private Plain() {}

    static Object of(ConfigValue value) {
        return switch (value) {
            case ConfigValue.StringValue v -> v.value();
            case ConfigValue.BoolValue v -> v.value();
            case ConfigValue.IntegerValue v -> v.value();
            case ConfigValue.FloatValue v -> v.value();
            case ConfigValue.DateTimeValue v -> v.value();
            case ConfigValue.ArrayValue v -> {
                var list = new ArrayList<>();
                v.values().forEach(element -> list.add(of(element)));
                yield list;
            }
            case ConfigMap v -> {
                var map = new LinkedHashMap<String, Object>();
                v.entries().forEach(entry -> map.put(entry.key(), of(entry.value())));
                yield map;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> asMap(ConfigMap map) {
        return (LinkedHashMap<String, Object>) of(map);
    }

    /** Parses text as the file {@code test.conf} in the working directory, with no environment variables. */
    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> parse(String text) {
        return (LinkedHashMap<String, Object>) of(map(text));
    }

    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> parse(String text, Map<String, String> environment) {
        return (LinkedHashMap<String, Object>)
                of(new ConfigParser(environment::get).parseText(text, "test.conf", null));
    }

    static ConfigMap map(String text) {
        return new ConfigParser(NO_ENVIRONMENT).parseText(text, "test.conf", null);
    }
}
