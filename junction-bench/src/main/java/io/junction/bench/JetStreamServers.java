package io.junction.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The servers of one JetStream run, each a child process with a store directory made for this run. Closing stops
 * them and deletes their store directories; closing twice is harmless, so a shutdown hook may close them as well.
 */
final class JetStreamServers implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final JetStreamOptions options;
    private final Path logDirectory;
    private final Map<JetStreamTarget, ServerProcess> servers = new EnumMap<>(JetStreamTarget.class);
    private final List<Path> storeDirectories = new CopyOnWriteArrayList<>();

    JetStreamServers(JetStreamOptions options, Path logDirectory) {
        this.options = options;
        this.logDirectory = logDirectory;
    }

    /** Starts each server in turn and waits until it greets a client. */
    void start(Set<JetStreamTarget> targets) throws IOException, InterruptedException {
        for (var target : targets) {
            var storeDirectory = Files.createTempDirectory(options.storeParent(), "jetstream-" + target.key() + "-");
            storeDirectories.add(storeDirectory);
            int port = ServerLaunch.freePort();
            var command = target.command(options, port, storeDirectory);
            Printer.progress("starting " + target.label() + ": " + String.join(" ", command));
            var log = logDirectory.resolve(target.key() + ".log");
            var server = ServerProcess.start(target.label(), command, port, log);
            servers.put(target, server);
            server.awaitReady(START_TIMEOUT);
        }
    }

    ServerProcess get(JetStreamTarget target) {
        return servers.get(target);
    }

    Set<JetStreamTarget> targets() {
        return servers.keySet();
    }

    Map<JetStreamTarget, ProcessProbe.Memory> memory() {
        return each(target -> ProcessProbe.memory(servers.get(target).handle()));
    }

    Map<JetStreamTarget, String> versions() {
        return each(target -> ServerLogs.startedAs(servers.get(target).log()));
    }

    Map<JetStreamTarget, List<String>> logProblems() {
        return each(target -> ServerLogs.problems(servers.get(target).log()));
    }

    /**
     * A line for each Junction whose log does not state the sync policy it was started with: a row that claims one
     * durability and measures another would mislead.
     */
    List<String> syncProblems() {
        var problems = new ArrayList<String>();
        for (var target : servers.keySet()) {
            var expected = target.expectedSyncLog();
            if (expected == null) {
                continue;
            }
            var line = ServerLogs.lineContaining(servers.get(target).log(), "Sync:");
            if (line == null || !line.contains(expected)) {
                problems.add(target.label() + " does not run as configured: expected a log line with \"" + expected
                        + "\", found " + (line == null ? "no Sync: line" : "\"" + line + "\"")
                        + "; its rows measure another durability than their label says");
            }
        }

        return problems;
    }

    /** Stops the servers, leaving their logs and store directories. */
    void stop() {
        servers.values().forEach(ServerProcess::close);
    }

    @Override
    public void close() {
        stop();
        for (var directory : storeDirectories) {
            deleteTree(directory);
        }
        storeDirectories.clear();
    }

    private <T> Map<JetStreamTarget, T> each(Function<JetStreamTarget, T> value) {
        var map = new EnumMap<JetStreamTarget, T>(JetStreamTarget.class);
        servers.keySet().forEach(target -> map.put(target, value.apply(target)));

        return map;
    }

    private static void deleteTree(Path directory) {
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            Printer.progress("jetstream: could not delete " + directory + ": " + e.getMessage());
        }
    }
}
