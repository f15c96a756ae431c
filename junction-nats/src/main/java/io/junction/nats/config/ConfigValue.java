package io.junction.nats.config;

import java.time.Instant;
import java.util.List;

/** A parsed configuration value and where it was written. */
sealed interface ConfigValue
        permits ConfigValue.StringValue,
                ConfigValue.BoolValue,
                ConfigValue.IntegerValue,
                ConfigValue.FloatValue,
                ConfigValue.DateTimeValue,
                ConfigValue.ArrayValue,
                ConfigMap {
    Position position();

    /** The same value as if written at another place: a variable's value takes the place of its reference. */
    ConfigValue at(Position position);

    /** The value's kind and, for scalars, the value itself, for error messages. */
    String describe();

    record StringValue(String value, Position position) implements ConfigValue {
        @Override
        public ConfigValue at(Position where) {
            return new StringValue(value, where);
        }

        @Override
        public String describe() {
            return "string \"" + value + "\"";
        }
    }

    record BoolValue(boolean value, Position position) implements ConfigValue {
        @Override
        public ConfigValue at(Position where) {
            return new BoolValue(value, where);
        }

        @Override
        public String describe() {
            return "boolean " + value;
        }
    }

    /** An integer with any size suffix already applied. */
    record IntegerValue(long value, Position position) implements ConfigValue {
        @Override
        public ConfigValue at(Position where) {
            return new IntegerValue(value, where);
        }

        @Override
        public String describe() {
            return "integer " + value;
        }
    }

    record FloatValue(double value, Position position) implements ConfigValue {
        @Override
        public ConfigValue at(Position where) {
            return new FloatValue(value, where);
        }

        @Override
        public String describe() {
            return "float " + value;
        }
    }

    record DateTimeValue(Instant value, Position position) implements ConfigValue {
        @Override
        public ConfigValue at(Position where) {
            return new DateTimeValue(value, where);
        }

        @Override
        public String describe() {
            return "date " + value;
        }
    }

    record ArrayValue(List<ConfigValue> values, Position position) implements ConfigValue {
        public ArrayValue {
            values = List.copyOf(values);
        }

        @Override
        public ConfigValue at(Position where) {
            return new ArrayValue(values, where);
        }

        @Override
        public String describe() {
            return "array";
        }
    }
}
