package io.junction.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code junction server} as a child process, on this test's class path, with its output captured in a file (a
 * pipe read while the process exits can lose its last lines). The process is the JVM itself, not a shell, so
 * {@link Process#destroyForcibly()} is a SIGKILL of the server.
 *
 * <p>Temporal is off ({@code --temporal_port 0}) unless the arguments give a Temporal port, so that tests do not
 * contend for port 7233 with each other or with a Temporal server on the machine.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on .*:(\\d+)");
    private static final Pattern TEMPORAL_LISTENING =
            Pattern.compile("Temporal WorkflowService listening on .*:(\\d+)");

    private final Process process;
    private final Path output;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ServerProcess start(String... args) throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path"), Junction.class.getName()), args);
    }

    /** {@code java -jar jar args}, as the {@code junction} script runs the shaded jar. */
    static ServerProcess startJar(Path jar, String... args) throws IOException {
        return start(List.of("-jar", jar.toString()), args);
    }

    private static ServerProcess start(List<String> launch, String... args) throws IOException {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(launch);
        command.addAll(List.of(args));
        if (!command.contains("--temporal_port")) {
            command.addAll(List.of("--temporal_port", "0"));
        }
        var output = Files.createTempFile("junction-server", ".log");
        output.toFile().deleteOnExit();
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        return new ServerProcess(builder.start(), output);
    }

    /** A port that was free a moment ago, for a server that must come back on the same port after a restart. */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for the listening line and returns the client port. */
    int awaitListening(Duration timeout) throws InterruptedException {
        return awaitPort(LISTENING, timeout);
    }

    /** Waits for Temporal's listening line and returns its port. */
    int awaitTemporalListening(Duration timeout) throws InterruptedException {
        return awaitPort(TEMPORAL_LISTENING, timeout);
    }

    private int awaitPort(Pattern listening, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (var line : log()) {
                var matcher = listening.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("server did not start; log:\n" + String.join("\n", log()));
    }

    Process process() {
        return process;
    }

    List<String> log() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to exit and for its last log lines to be read. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not exit; log:\n" + String.join("\n", log()));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
