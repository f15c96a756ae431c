package io.junction.cli.nats.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a health check in the Nagios plugin format the nats CLI uses: one line with the status, the
 * reasons and performance data after a pipe, and the exit status monitoring systems read (0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN).
 */
final class CheckResult {
    enum Status {
        OK,
        WARNING,
        CRITICAL,
        UNKNOWN
    }

    private final String name;
    private final List<String> ok = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> criticals = new ArrayList<>();
    private final List<String> performance = new ArrayList<>();
    private boolean unknown;

    CheckResult(String name) {
        this.name = name;
    }

    CheckResult ok(String text) {
        ok.add(text);
        return this;
    }

    CheckResult warning(String text) {
        warnings.add(text);
        return this;
    }

    CheckResult critical(String text) {
        criticals.add(text);
        return this;
    }

    CheckResult unknown(String text) {
        unknown = true;
        criticals.add(text);
        return this;
    }

    /** A measurement, with its warning and critical thresholds when it has them. */
    CheckResult measure(String label, double value, String unit, double warning, double critical) {
        var text = String.format(Locale.ROOT, "%s=%.4f%s;%.4f;%.4f", label, value, unit, warning, critical);
        performance.add(text);
        return this;
    }

    CheckResult measure(String label, long value) {
        performance.add(label + "=" + value);
        return this;
    }

    Status status() {
        if (unknown) {
            return Status.UNKNOWN;
        }
        if (!criticals.isEmpty()) {
            return Status.CRITICAL;
        }
        return warnings.isEmpty() ? Status.OK : Status.WARNING;
    }

    int exitCode() {
        return status().ordinal();
    }

    String line() {
        var parts = new ArrayList<String>();
        criticals.forEach(text -> parts.add("Crit:" + text));
        warnings.forEach(text -> parts.add("Warn:" + text));
        ok.forEach(text -> parts.add("OK:" + text));
        var text = status() + " " + name + " " + String.join(", ", parts);
        return performance.isEmpty() ? text : text + " | " + String.join(" ", performance);
    }
}
