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
import java.util.function.Function;

/**
 * The two Temporal servers of a run, each a {@link TemporalServerHost} child process started with the same JVM
 * options, and the SDK connected to each. Junction stores in a SQLite file in a directory made for this run.
 * Closing disconnects, stops the servers and deletes the directory; closing twice is harmless, so a shutdown hook
 * may close them as well.
 */
final class TemporalServers implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final TemporalOptions options;
    private final Path logDirectory;
    private final Map<TemporalTarget, ServerProcess> servers = new EnumMap<>(TemporalTarget.class);
    private final Map<TemporalTarget, TemporalConnection> connections = new EnumMap<>(TemporalTarget.class);
    private Path storeDirectory;

    TemporalServers(TemporalOptions options, Path logDirectory) {
        this.options = options;
        this.logDirectory = logDirectory;
    }

    /** Starts each server in turn, waits until it serves, and connects a client and a worker to it. */
    void start() throws IOException, InterruptedException {
        storeDirectory = Files.createTempDirectory(options.storeParent(), "temporal-junction-");
        for (var target : TemporalTarget.values()) {
            int port = ServerLaunch.freePort();
            var command = command(target, port);
            Printer.progress("starting " + target.label() + ": " + String.join(" ", command));
            var server =
                    ServerProcess.start(target.label(), command, port, logDirectory.resolve(target.key() + ".log"));
            servers.put(target, server);
            server.awaitLogLine(TemporalServerHost.READY, START_TIMEOUT);
            connections.put(target, TemporalConnection.open(port));
        }
    }

    private List<String> command(TemporalTarget target, int port) {
        var command = new ArrayList<String>();
        command.add(ServerLaunch.java().toString());
        command.addAll(options.serverJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TemporalServerHost.class.getName()));
        command.addAll(List.of(target.key(), Integer.toString(port)));
        if (target == TemporalTarget.JUNCTION) {
            command.add(jdbcUrl());
        }

        return command;
    }

    String jdbcUrl() {
        return "jdbc:sqlite:" + storeDirectory.resolve("temporal.db");
    }

    ServerProcess server(TemporalTarget target) {
        return servers.get(target);
    }

    TemporalConnection connection(TemporalTarget target) {
        return connections.get(target);
    }

    Map<TemporalTarget, ProcessProbe.Memory> memory() {
        return each(target -> ProcessProbe.memory(servers.get(target).handle()));
    }

    /** Warnings and errors in each server's log, as logback writes them. */
    Map<TemporalTarget, List<String>> logProblems() {
        return each(target -> ServerLogs.problems(
                servers.get(target).log(), line -> line.contains(" WARN ") || line.contains(" ERROR ")));
    }

    /** Disconnects the SDK and stops the servers, leaving their logs and Junction's database. */
    void stop() {
        connections.values().forEach(TemporalConnection::close);
        connections.clear();
        servers.values().forEach(ServerProcess::close);
    }

    @Override
    public void close() {
        stop();
        if (storeDirectory == null) {
            return;
        }
        try (var paths = Files.walk(storeDirectory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            Printer.progress("temporal: could not delete " + storeDirectory + ": " + e.getMessage());
        }
        storeDirectory = null;
    }

    private <T> Map<TemporalTarget, T> each(Function<TemporalTarget, T> value) {
        var map = new EnumMap<TemporalTarget, T>(TemporalTarget.class);
        servers.keySet().forEach(target -> map.put(target, value.apply(target)));

        return map;
    }
}
