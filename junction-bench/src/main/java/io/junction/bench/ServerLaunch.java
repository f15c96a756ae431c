package io.junction.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines of the two servers under test, both bound to loopback on a free port. */
final class ServerLaunch {
    private ServerLaunch() {}

    static List<String> natsServer(BenchOptions options, int port) {
        return List.of(natsServerBinary(options), "-p", Integer.toString(port), "-a", ServerProcess.HOST);
    }

    static List<String> junction(BenchOptions options, int port) {
        if (!Files.isRegularFile(options.junctionJar())) {
            throw new BenchException(
                    "no Junction jar at " + options.junctionJar().toAbsolutePath()
                            + "; build it with ./mvnw -pl junction-cli -am package or pass --junction-jar");
        }
        var command = new ArrayList<String>();
        command.add(java().toString());
        command.addAll(options.junctionJvmOptions());
        command.addAll(List.of("-jar", options.junctionJar().toString(), "server"));
        command.addAll(List.of("-p", Integer.toString(port), "-a", ServerProcess.HOST));

        return command;
    }

    /** The JDK in JAVA_HOME, as ./junction uses; else the one running the benchmark. */
    static Path java() {
        var javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            return Path.of(javaHome, "bin", "java");
        }

        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static String natsServerBinary(BenchOptions options) {
        if (options.natsServer() != null) {
            return options.natsServer();
        }
        var path = System.getenv().getOrDefault("PATH", "");
        for (var dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nats-server"))) {
                return Path.of(dir, "nats-server").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nats-server"))) {
            return "/usr/sbin/nats-server";
        }
        throw new BenchException("no nats-server on PATH or in /usr/sbin; apt-get install nats-server");
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(ServerProcess.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
