package io.junction.cli.nats.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.junction.cli.nats.CliRunner;
import io.junction.cli.nats.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nats pub, sub, request, reply} against a live server, typed as the nats CLI's users type them. */
class MessagingCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path store;

    @TempDir
    Path config;

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(store);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void subOnAWildcardPrintsWhatPubSendsThroughTheSelectedContext() throws Exception {
        var cli = new CliRunner(config);
        assertThat(cli.run("nats", "context", "add", "local", "--server", server.url())
                        .exitCode())
                .isZero();
        assertThat(cli.run("nats", "context", "select", "local").exitCode()).isZero();
        var sub = cli.background("nats", "sub", "orders.>");
        await().atMost(WAIT).until(() -> sub.err().contains("Subscribing on orders.>"));

        var pub = cli.run("nats", "pub", "orders.created", "{\"id\": 123}");

        assertThat(pub.exitCode()).isZero();
        assertThat(pub.err()).contains("Published 11 bytes to \"orders.created\"");
        await().atMost(WAIT).until(() -> sub.out().contains("{\"id\": 123}"));
        var stopped = sub.stop();
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).isEqualTo("[#1] Received on \"orders.created\"\n{\"id\": 123}\n\n");
    }

    @Test
    void subPrintsNonAsciiSubjectsAsTheyWerePublished() throws Exception {
        var cli = new CliRunner(config);
        var sub = cli.background("nats", "sub", "--server", server.url(), "ü.>", "--count", "1");
        await().atMost(WAIT).until(() -> sub.err().contains("Subscribing on ü.>"));

        cli.run("nats", "--server", server.url(), "pub", "ü.订单", "x");

        await().atMost(WAIT).untilAsserted(() -> assertThat(sub.out()).contains("Received on \"ü.订单\""));
    }

    @Test
    void pubCountsWithTheTemplateAndHeadersAndSubStopsAtItsCount() throws Exception {
        var cli = new CliRunner(config);
        var sub = cli.background("nats", "sub", "--server", server.url(), "counted", "--count", "3");
        await().atMost(WAIT).until(() -> sub.err().contains("Subscribing on counted"));

        var pub = cli.run(
                "nats",
                "--server",
                server.url(),
                "pub",
                "counted",
                "message {{Count}}",
                "--count",
                "5",
                "-H",
                "trace:{{Count}}");

        assertThat(pub.exitCode()).isZero();
        var result = sub.await(WAIT);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("[#1] Received on \"counted\"\ntrace: 1\n\nmessage 1\n\n"
                        + "[#2] Received on \"counted\"\ntrace: 2\n\nmessage 2\n\n"
                        + "[#3] Received on \"counted\"\ntrace: 3\n\nmessage 3\n\n");
    }

    @Test
    void requestGetsTheFixedAnswerOfReply() throws Exception {
        var cli = new CliRunner(config);
        var reply = cli.background("nats", "reply", "service.ping", "pong", "-s", server.url());
        await().atMost(WAIT).until(() -> reply.err().contains("Listening on \"service.ping\""));

        var request = cli.run("nats", "request", "service.ping", "", "-s", server.url());

        assertThat(request.exitCode()).isZero();
        assertThat(request.out()).isEqualTo("pong\n");
        assertThat(request.err()).contains("Sending request on \"service.ping\"", "Received with rtt ");
        await().atMost(WAIT).until(() -> reply.out().contains("[#1] Received on \"service.ping\" with reply"));
        assertThat(reply.stop().exitCode()).isZero();
    }

    @Test
    void replyEchoesRequestsWithTheirHeadersAndStopsAtItsCount() throws Exception {
        var cli = new CliRunner(config);
        var reply = cli.background("nats", "reply", "echo", "--echo", "--count", "1", "-s", server.url());
        await().atMost(WAIT).until(() -> reply.err().contains("Listening on \"echo\""));

        var request = cli.run("nats", "request", "echo", "hello {{Count}}", "-H", "a:b", "-s", server.url());

        assertThat(request.out()).isEqualTo("a: b\n\nhello 1\n");
        assertThat(reply.await(WAIT).exitCode()).isZero();
    }

    @Test
    void queueSubscribersShareTheMessages() throws Exception {
        var cli = new CliRunner(config);
        var first = cli.background("nats", "sub", "work", "--queue", "workers", "-s", server.url(), "--raw");
        var second = cli.background("nats", "sub", "work", "--queue", "workers", "-s", server.url(), "--raw");
        await().atMost(WAIT)
                .until(() -> first.err().contains("in queue group workers")
                        && second.err().contains("in queue group workers"));

        cli.run("nats", "pub", "work", "job", "--count", "20", "-s", server.url());

        await().atMost(WAIT)
                .until(() -> first.out().lines().count() + second.out().lines().count() == 20);
        first.stop();
        second.stop();
    }

    @Test
    void requestWithoutResponderFailsWithOneLine() {
        var cli = new CliRunner(config);

        var result = cli.run("nats", "request", "nobody.home", "", "-s", server.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).endsWith("nats: error: no responders available for request on \"nobody.home\"\n");
    }

    @Test
    void anUnreachableServerFailsWithOneLine() {
        var cli = new CliRunner(config);

        var result = cli.run("nats", "pub", "x", "y", "--server", "nats://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("nats: error: could not connect to nats://127.0.0.1:1");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownOptionFailsWithOneLine() {
        var cli = new CliRunner(config);

        var result = cli.run("nats", "pub", "x", "y", "--no-such-flag");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("nats: error: Unknown option: '--no-such-flag'");
    }
}
