package io.junction.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the values of command-line options, each failure naming the option that was given a bad value. */
final class OptionValues {
    private OptionValues() {}

    static int atLeastOne(String name, String value) {
        int number = whole(name, value);
        if (number < 1) {
            throw new BenchException(name + " must be at least 1, got " + value);
        }

        return number;
    }

    static int whole(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new BenchException(name + " takes a whole number of 0 or more, got " + value);
    }

    static Duration seconds(String name, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0 && seconds < 86_400) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new BenchException(name + " takes a number of seconds, got " + value);
    }

    /** A comma-separated subset of the scenario names, in the order given. */
    static Set<String> subset(String value, List<String> all) {
        var chosen = new LinkedHashSet<String>();
        for (var key : value.split(",")) {
            if (!all.contains(key.trim())) {
                throw new BenchException("unknown scenario " + key + "; choose from " + all);
            }
            chosen.add(key.trim());
        }

        return chosen;
    }
}
