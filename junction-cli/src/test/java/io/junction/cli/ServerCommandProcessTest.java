package io.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code junction server} as users run it: flags, log lines, and a clean stop on SIGTERM. */
class ServerCommandProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void logsLikeNatsServerAndStopsCleanlyOnSigterm() throws Exception {
        try (var server = ServerProcess.start("server", "-a", "127.0.0.1", "-p", "-1", "-n", "junction-test")) {
            var port = server.awaitListening(WAIT);
            try (var connection = Nats.connect("nats://127.0.0.1:" + port)) {
                var subscription = connection.subscribe("greeting");
                connection.publish("greeting", "hello".getBytes(StandardCharsets.UTF_8));
                assertThat(subscription.nextMessage(Duration.ofSeconds(5)).getData())
                        .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            }

            server.process().destroy();

            assertThat(server.awaitExit(WAIT)).isIn(0, 143);
            assertThat(server.log())
                    .anyMatch(
                            line -> line.matches("\\[\\d+] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[INF] "
                                    + "Listening for client connections on 127\\.0\\.0\\.1:" + port))
                    .anyMatch(line -> line.endsWith("[INF] Server name: junction-test"))
                    .anyMatch(line -> line.endsWith("[INF] Server Exiting.."));
        }
    }

    @Test
    void logsProtocolDetailWithDebugAndTraceFlags() throws Exception {
        try (var server = ServerProcess.start("server", "-a", "127.0.0.1", "-p", "-1", "-DV")) {
            var port = server.awaitListening(WAIT);
            try (var connection = Nats.connect("nats://127.0.0.1:" + port)) {
                connection.flush(Duration.ofSeconds(5));
            }

            server.process().destroy();
            server.awaitExit(WAIT);

            assertThat(server.log())
                    .anyMatch(line ->
                            line.contains("[DBG] 127.0.0.1:") && line.endsWith(" - cid:1 - Client connection created"))
                    .anyMatch(line -> line.contains("[TRC] 127.0.0.1:") && line.contains(" - cid:1 - <<- [CONNECT {"))
                    .anyMatch(line -> line.contains(" - cid:1 - <<- [PING]"));
        }
    }

    @Test
    void refusesToStartWhenThePortIsTaken() throws Exception {
        try (var first = ServerProcess.start("server", "-a", "127.0.0.1", "-p", "-1")) {
            var port = first.awaitListening(WAIT);
            try (var second = ServerProcess.start("server", "-a", "127.0.0.1", "-p", String.valueOf(port))) {
                assertThat(second.awaitExit(WAIT)).isEqualTo(1);
                assertThat(second.log()).anyMatch(line -> line.contains("[ERR] could not start the server"));
            }
        }
    }

    @Test
    void exitsWithOneClearErrorWhenTheTemporalDatabaseUrlIsBad() throws Exception {
        try (var server = ServerProcess.start(
                "server",
                "-a",
                "127.0.0.1",
                "-p",
                "-1",
                "--temporal_port",
                String.valueOf(ServerProcess.freePort()),
                "--temporal_db",
                "jdbc:mysql://db/x")) {
            assertThat(server.awaitExit(WAIT)).isEqualTo(1);
            assertThat(server.log().stream().filter(line -> line.contains("[ERR]")))
                    .singleElement()
                    .asString()
                    .endsWith("[ERR] could not start Temporal: unsupported workflow database URL jdbc:mysql://db/x: "
                            + "use jdbc:sqlite:<file> or jdbc:postgresql://host/db");
        }
    }

    @Test
    void exitsWithOneClearErrorWhenTheStoreDirectoryCannotBeCreated() throws Exception {
        // with Temporal on too, as by default: its database would live in the same directory
        var temporalPort = Integer.toString(ServerProcess.freePort());
        try (var server = ServerProcess.start(
                "server",
                "-a",
                "127.0.0.1",
                "-p",
                "-1",
                "-sd",
                "/proc/nonexistent/x",
                "--temporal_port",
                temporalPort)) {
            assertThat(server.awaitExit(WAIT)).isEqualTo(1);
            assertThat(server.log().stream().filter(line -> line.contains("[ERR]")))
                    .singleElement()
                    .asString()
                    .endsWith("[ERR] Can't start JetStream: could not create storage directory - "
                            + "mkdir /proc/nonexistent: no such file or directory");
            assertThat(server.log()).noneMatch(line -> line.contains("JetStream started"));
        }
    }
}
