package io.junction.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running as a child process, its output going to a log file. Closing it sends SIGTERM and,
 * after five seconds, SIGKILL; closing twice is harmless, so a shutdown hook may close it as well.
 */
final class ServerProcess implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final byte[] GREETING = "INFO ".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServerProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServerProcess start(String name, List<String> command, int port, Path log) {
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();

            return new ServerProcess(name, port, log, process);
        } catch (IOException e) {
            throw new BenchException("cannot start " + name + " with " + command + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the server accepts a TCP connection and greets it with INFO, as NATS servers do; fails early when
     * the process has exited.
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchException(name + " exited with status " + process.exitValue()
                        + " before accepting connections; see " + log);
            }
            if (greets()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new BenchException(name + " did not accept connections on " + HOST + ":" + port + " within " + timeout);
    }

    /**
     * Waits until the server's log has a line containing {@code text}, for servers that greet no one, such as gRPC
     * servers; fails early when the process has exited.
     */
    void awaitLogLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchException(
                        name + " exited with status " + process.exitValue() + " before it was ready; see " + log);
            }
            if (ServerLogs.lineContaining(log, text) != null) {
                return;
            }
            Thread.sleep(50);
        }
        throw new BenchException(name + " did not log \"" + text + "\" within " + timeout + "; see " + log);
    }

    private boolean greets() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            socket.setSoTimeout(1000);
            var greeting = socket.getInputStream().readNBytes(GREETING.length);

            return Arrays.equals(greeting, GREETING);
        } catch (IOException e) {
            return false;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "nats://" + HOST + ":" + port;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
