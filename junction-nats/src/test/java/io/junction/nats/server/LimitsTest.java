package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits and protection: each closes or refuses exactly what nats-server does, and nothing else. */
class LimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";

    @Test
    void refusesConnectionsOverMaxConnectionsAfterSendingInfo() {
        try (var server = TestServers.start(options -> options.maxConnections(1));
                var first = RawClient.connected(server, QUIET);
                var second = new RawClient(server)) {
            assertThat(second.readLine(WAIT)).startsWith("INFO ");
            assertThat(second.awaitClosedByServer(WAIT)).isTrue();
            assertThat(second.text()).isEqualTo("-ERR 'maximum connections exceeded'\r\n");
            assertThat(first.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void refusesSubscriptionsOverMaxSubscriptionsAndKeepsTheConnection() {
        try (var server = TestServers.start(options -> options.maxSubscriptions(2));
                var client = RawClient.connected(server, QUIET)) {
            client.send("SUB a 1\r\nSUB b 2\r\nSUB c 3\r\nPUB a 1\r\nx\r\n");

            assertThat(client.sync()).isEqualTo("-ERR 'maximum subscriptions exceeded'\r\nMSG a 1 1\r\nx\r\nPONG\r\n");
        }
    }

    @Test
    void closesASlowConsumerAndKeepsServingEveryoneElse() {
        try (var server = TestServers.start(
                        options -> options.maxPending(256 * 1024).writeDeadline(Duration.ofSeconds(1)));
                var slow = RawClient.connected(server, QUIET);
                var healthy = RawClient.connected(server, QUIET);
                var publisher = RawClient.connected(server, QUIET)) {
            slow.send("SUB flood 1\r\n");
            slow.sync();
            healthy.send("SUB other 1\r\n");
            healthy.sync();
            healthy.clear();
            var payload = "x".repeat(1000);
            var burst = new StringBuilder();
            for (var i = 0; i < 100; i++) {
                burst.append("PUB flood 1000\r\n").append(payload).append("\r\n");
            }

            for (var i = 0; i < 200 && server.stats().slowConsumers() == 0; i++) {
                publisher.send(burst.toString());
            }
            publisher.send("PUB other 2\r\nok\r\n");

            await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().slowConsumers() == 1);
            assertThat(publisher.sync()).endsWith("PONG\r\n");
            assertThat(healthy.readUntil("ok\r\n", WAIT)).isEqualTo("MSG other 1 2\r\nok\r\n");
            // The publisher is stalled while the stuck receiver is backed up, as nats-server stalls fast producers,
            // so the receiver goes by whichever limit it reaches first.
            assertThat(server.closedConnections()).anySatisfy(info -> assertThat(info.reason())
                    .isIn("Slow Consumer (Pending Bytes)", "Slow Consumer (Write Deadline)"));
        }
    }

    @Test
    void keepsAReadingSubscriberUnderASmallMaxPendingWhileAStuckOneIsClosed() throws Exception {
        try (var server = TestServers.start(options -> options.maxPending(1024 * 1024));
                var stuck = RawClient.connected(server, QUIET);
                var healthy = io.nats.client.Nats.connect(server.clientUrl());
                var publisher = io.nats.client.Nats.connect(server.clientUrl())) {
            stuck.send("SUB bulk 1\r\n");
            stuck.sync();
            var received = new java.util.concurrent.atomic.AtomicInteger();
            healthy.createDispatcher(message -> received.incrementAndGet()).subscribe("bulk");
            healthy.flush(WAIT);
            var payload = new byte[8 * 1024];

            for (var i = 1; i <= 4000; i++) {
                publisher.publish("bulk", payload);
                if (i % 200 == 0) {
                    publisher.flush(WAIT);
                }
            }
            publisher.flush(WAIT);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received.get())
                    .as("received; closed: %s", server.closedConnections())
                    .isEqualTo(4000));
            assertThat(server.stats().slowConsumers()).isEqualTo(1);
        }
    }

    @Test
    void closesAClientThatSendsPingsWithoutReadingItsPongsOnceTheyPassMaxPending() {
        try (var server = TestServers.start(
                        options -> options.maxPending(64 * 1024).writeDeadline(Duration.ofMinutes(1)));
                var flooder = RawClient.connected(server, QUIET);
                var bystander = RawClient.connected(server, QUIET)) {
            var pings = "PING\r\n".repeat(100_000);

            for (var i = 0; i < 100 && server.stats().slowConsumers() == 0; i++) {
                try {
                    flooder.send(pings);
                } catch (UncheckedIOException closedByServer) {
                    break;
                }
            }

            await().atMost(WAIT).until(() -> server.stats().slowConsumers() == 1);
            assertThat(server.closedConnections())
                    .anySatisfy(info -> assertThat(info.reason()).isEqualTo("Slow Consumer (Pending Bytes)"));
            assertThat(bystander.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void leavesNoTraceOfAClientClosedBeforeItsInfoFitsInMaxPending() {
        try (var server = TestServers.start(options -> options.maxPending(100));
                var client = new RawClient(server)) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();

            await().atMost(WAIT).until(() -> server.stats().slowConsumers() == 1);
            assertThat(server.connections(false)).isEmpty();
        }
    }

    @Test
    void takesTheDefaultForEveryLimitLeftAtZero() {
        try (var server = TestServers.start(options -> options.maxPayload(0)
                        .maxControlLine(0)
                        .maxPending(0)
                        .maxConnections(0)
                        .pingInterval(Duration.ZERO)
                        .maxPingsOut(0)
                        .writeDeadline(Duration.ZERO)
                        .authTimeout(Duration.ZERO));
                var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nPUB foo 2\r\nhi\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 2\r\nhi\r\nPONG\r\n");
            assertThat(server.options())
                    .isEqualTo(ServerOptions.builder()
                            .host("127.0.0.1")
                            .port(ServerOptions.RANDOM_PORT)
                            .build());
        }
    }

    @Test
    void closesAConsumerThatStopsReadingPastTheWriteDeadline() {
        try (var server = TestServers.start(
                        options -> options.writeDeadline(Duration.ofMillis(300)).maxPending(1L << 30));
                var stuck = RawClient.connected(server, QUIET);
                var publisher = RawClient.connected(server, QUIET)) {
            stuck.send("SUB flood 1\r\n");
            stuck.sync();
            var payload = "x".repeat(60_000);
            var burst = new StringBuilder();
            for (var i = 0; i < 20; i++) {
                burst.append("PUB flood 60000\r\n").append(payload).append("\r\n");
            }

            for (var i = 0; i < 100 && server.stats().slowConsumers() == 0; i++) {
                publisher.send(burst.toString());
                publisher.sync();
            }

            await().atMost(WAIT).until(() -> server.stats().slowConsumers() == 1);
            assertThat(server.closedConnections())
                    .anySatisfy(info -> assertThat(info.reason()).isEqualTo("Slow Consumer (Write Deadline)"));
        }
    }

    @Test
    void closesAStaleConnectionAfterMissedPings() {
        try (var server = TestServers.start(
                        options -> options.pingInterval(Duration.ofMillis(100)).maxPingsOut(2));
                var client = RawClient.connected(server, QUIET)) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("PING\r\nPING\r\n-ERR 'Stale Connection'\r\n");
        }
    }

    @Test
    void keepsAConnectionThatAnswersPings() {
        try (var server = TestServers.start(
                        options -> options.pingInterval(Duration.ofMillis(50)).maxPingsOut(1));
                var client = RawClient.connected(server, QUIET)) {
            for (var i = 0; i < 6; i++) {
                client.readUntil("PING\r\n", WAIT);
                client.clear();
                client.send("PONG\r\n");
            }

            assertThat(client.sync()).endsWith("PONG\r\n");
        }
    }

    @Test
    void closesAClientThatDoesNotAuthenticateInTime() {
        var auth = new AuthOptions("s3cret", List.of(), null, Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth).authTimeout(Duration.ofMillis(200)));
                var client = new RawClient(server)) {
            assertThat(client.readLine(WAIT)).contains("\"auth_required\":true");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Authentication Timeout'\r\n");
        }
    }
}
