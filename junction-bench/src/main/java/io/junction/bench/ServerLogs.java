package io.junction.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the servers' logs after the run. Both write nats-server's log format, so warnings, errors and slow consumers
 * are found the same way in each.
 */
final class ServerLogs {
    private static final int SHOWN = 5;
    // Both servers also log "Starting JetStream", which names a subsystem rather than the server.
    private static final Pattern STARTING = Pattern.compile("\\[INF] Starting (?!JetStream)(.*)$");
    private static final Pattern VERSION = Pattern.compile("\\[INF]\\s+Version:\\s+(\\S+)");

    private ServerLogs() {}

    /** The warnings, errors and slow-consumer notices in a log, the first few in full and then a count. */
    static List<String> problems(Path log) {
        return problems(
                log,
                line -> line.contains("[WRN]")
                        || line.contains("[ERR]")
                        || line.contains("[FTL]")
                        || line.toLowerCase(Locale.ROOT).contains("slow consumer"));
    }

    /** The lines of a log that {@code isProblem} picks, the first few in full and then a count. */
    static List<String> problems(Path log, Predicate<String> isProblem) {
        var found = new ArrayList<String>();
        int count = 0;
        for (var line : lines(log)) {
            if (isProblem.test(line)) {
                if (count++ < SHOWN) {
                    found.add(line.strip());
                }
            }
        }
        if (count > SHOWN) {
            found.add("... and " + (count - SHOWN) + " more in " + log);
        }

        return found;
    }

    /**
     * What the server said of itself when it started: nats-server logs its name and then a version line, Junction
     * one line with both.
     */
    static String startedAs(Path log) {
        String started = null;
        for (var line : lines(log)) {
            var starting = STARTING.matcher(line);
            var version = VERSION.matcher(line);
            if (starting.find() && started == null) {
                started = starting.group(1).strip();
            } else if (version.find() && started != null) {
                return started + " " + version.group(1);
            }
        }

        return started == null ? "version unknown" : started;
    }

    /** The first line of the log that contains {@code text}, stripped; null when none does. */
    static String lineContaining(Path log, String text) {
        for (var line : lines(log)) {
            if (line.contains(text)) {
                return line.strip();
            }
        }

        return null;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("[ERR] cannot read " + log + ": " + e.getMessage());
        }
    }
}
