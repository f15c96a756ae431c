package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.ArrayValue;
import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.config.ConfigValue.IntegerValue;
import io.junction.nats.config.ConfigValue.StringValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting being applied: its key, where the problem should be reported, and typed access to its value.
 *
 * <p>A value of the wrong type fails with a {@link ConfigException} naming the file, line, key and what was found,
 * where nats-server would fail with a Go type assertion.
 */
record Setting(String key, Position position, ConfigValue value) {
    static Setting of(ConfigEntry entry) {
        return new Setting(entry.key(), entry.position(), entry.value());
    }

    /** The key in lower case: nats-server matches setting names in any case. */
    String name() {
        return key.toLowerCase(Locale.ROOT);
    }

    /** An element of this setting's array, reported at its own position. */
    Setting element(ConfigValue element) {
        return new Setting(key, element.position(), element);
    }

    String string() {
        if (value instanceof StringValue text) {
            return text.value();
        }
        throw wrongType("a string");
    }

    long integer() {
        if (value instanceof IntegerValue number) {
            return number.value();
        }
        throw wrongType("an integer");
    }

    /** An integer that must fit in 32 bits, as nats-server's {@code int32} limits must. */
    int int32() {
        var number = integer();
        if (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
            throw problem(key + " value is too big");
        }
        return (int) number;
    }

    /** A file or directory name. */
    Path path() {
        var name = string();
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw problem("'" + name + "' is not a valid path for '" + key + "': " + e.getReason());
        }
    }

    boolean bool() {
        if (value instanceof BoolValue flag) {
            return flag.value();
        }
        throw wrongType("a boolean (true, false, yes, no, on or off)");
    }

    ConfigMap map() {
        if (value instanceof ConfigMap map) {
            return map;
        }
        throw wrongType("a map");
    }

    List<Setting> array() {
        if (value instanceof ArrayValue array) {
            var elements = new ArrayList<Setting>();
            array.values().forEach(element -> elements.add(element(element)));
            return elements;
        }
        throw wrongType("an array");
    }

    /** A duration string in Go's format, such as {@code "2m"} or {@code "1h30m"}. */
    Duration goDuration() {
        if (!(value instanceof StringValue text)) {
            throw wrongType("a duration string such as \"2m\"");
        }
        try {
            return GoDuration.parse(text.value());
        } catch (IllegalArgumentException e) {
            throw problem("error parsing " + key + ": " + e.getMessage());
        }
    }

    ConfigException problem(String message) {
        return ConfigException.at(position, message);
    }

    ConfigException wrongType(String expected) {
        return problem("expected " + expected + " for '" + key + "', got " + value.describe());
    }
}
