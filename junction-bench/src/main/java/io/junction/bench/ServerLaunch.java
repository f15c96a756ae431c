package io.junction.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines of the servers under test, all bound to loopback on a free port. */
final class ServerLaunch {
    private ServerLaunch() {}

    static List<String> natsServer(BenchOptions options, int port) {
        return natsServer(natsServerBinary(options.natsServer()), port, List.of());
    }

    static List<String> junction(BenchOptions options, int port) {
        return junction(options.junctionJar(), options.junctionJvmOptions(), port, List.of());
    }

    /** nats-server on loopback, followed by {@code extra} arguments such as {@code -js -sd <dir>}. */
    static List<String> natsServer(String binary, int port, List<String> extra) {
        var command = new ArrayList<>(List.of(binary, "-p", Integer.toString(port), "-a", ServerProcess.HOST));
        command.addAll(extra);

        return command;
    }

    /**
     * Junction's {@code server} command on loopback, with Temporal off, followed by {@code extra} arguments. The NATS
     * benchmarks measure NATS alone, and Temporal's fixed default port would keep a second Junction from starting.
     */
    static List<String> junction(Path jar, List<String> jvmOptions, int port, List<String> extra) {
        if (!Files.isRegularFile(jar)) {
            throw new BenchException("no Junction jar at " + jar.toAbsolutePath()
                    + "; build it with ./mvnw -pl junction-cli -am package or pass --junction-jar");
        }
        var command = new ArrayList<String>();
        command.add(java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "server"));
        command.addAll(List.of("-p", Integer.toString(port), "-a", ServerProcess.HOST, "--temporal_port", "0"));
        command.addAll(extra);

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

    /** The nats-server given with --nats-server, else the one on PATH, else Debian's in /usr/sbin. */
    static String natsServerBinary(String given) {
        if (given != null) {
            return given;
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
