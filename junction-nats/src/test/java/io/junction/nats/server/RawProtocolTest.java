package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact bytes nats-server 2.9 sends back, over a plain socket. */
class RawProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";

    private NatsServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start(options -> options.maxPayload(1024).maxControlLine(256));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsInfoWithTheFieldsClientsReadOnConnect() {
        try (var client = new RawClient(server)) {
            var info = client.readLine(WAIT);

            assertThat(info).startsWith("INFO {");
            assertThat(info)
                    .contains("\"server_id\":\"N")
                    .contains("\"version\":\"2.10.29\"")
                    .contains("\"proto\":1")
                    .contains("\"headers\":true")
                    .contains("\"max_payload\":1024")
                    .contains("\"port\":" + server.port())
                    .contains("\"client_id\":")
                    .doesNotContain("auth_required");
        }
    }

    @Test
    void answersVerboseOperationsWithOk() {
        try (var client = RawClient.connected(server, "{\"verbose\":true}")) {
            client.send("SUB foo 1\r\nPUB foo 2\r\nhi\r\nUNSUB 1\r\nPING\r\n");

            assertThat(client.readUntil("PONG\r\n", WAIT))
                    .isEqualTo("+OK\r\n+OK\r\n+OK\r\nMSG foo 1 2\r\nhi\r\n+OK\r\nPONG\r\n");
        }
    }

    @Test
    void defaultsToVerboseWhenConnectLeavesItOut() {
        try (var client = RawClient.connected(server, "{}")) {
            client.send("PING\r\n");

            assertThat(client.readUntil("PONG\r\n", WAIT)).isEqualTo("+OK\r\nPONG\r\n");
        }
    }

    @Test
    void refusesAnUnknownOperationAndCloses() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("FOO bar\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Unknown Protocol Operation'\r\n");
        }
    }

    @Test
    void refusesAnUnknownOperationBeforeItsLineEnds() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUX");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Unknown Protocol Operation'\r\n");
        }
    }

    @Test
    void keepsTheConnectionOpenAfterAnInvalidSubscriptionSubject() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo..bar 1\r\nSUB foo.>.bar 2\r\nSUB foo 3\r\nPUB foo 2\r\nok\r\n");

            assertThat(client.sync())
                    .isEqualTo("-ERR 'Invalid Subject'\r\n-ERR 'Invalid Subject'\r\nMSG foo 3 2\r\nok\r\nPONG\r\n");
        }
    }

    @Test
    void closesOnAPayloadOverMaxPayload() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo 1025\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Maximum Payload Violation'\r\n");
        }
    }

    @Test
    void closesOnAHeaderPublishOverMaxPayload() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"headers\":true}")) {
            client.send("HPUB foo 12 1025\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Maximum Payload Violation'\r\n");
        }
    }

    @Test
    void closesOnAControlLineOverMaxControlLine() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo.bar " + "x".repeat(300) + " 2\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'maximum control line exceeded'\r\n");
        }
    }

    @Test
    void closesOnAPartialControlLineOverMaxControlLineWithoutWaitingForItsEnd() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB " + "x".repeat(400));

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'maximum control line exceeded'\r\n");
        }
    }

    @Test
    void closesWhenThePayloadDoesNotEndWhereAnnounced() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo 2\r\nhello\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Unknown Protocol Operation'\r\n");
        }
    }

    @Test
    void closesWithoutAnErrorOnMalformedPublishArguments() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo bar\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void closesWithoutAnErrorOnInvalidConnectJson() {
        try (var client = new RawClient(server)) {
            client.readLine(WAIT);
            client.send("CONNECT {\"verbose\":\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void closesWhenAClientWithoutHeadersSendsHeaderPublish() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
        }
    }

    @Test
    void refusesAnUnsupportedClientProtocol() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"protocol\":2}")) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'invalid client protocol'\r\n");
        }
    }

    @Test
    void refusesNoRespondersWithoutHeaders() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"no_responders\":true}")) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'no responders requires headers support'\r\n");
        }
    }

    @Test
    void warnsAboutAWildcardPublishSubjectInPedanticMode() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"pedantic\":true}")) {
            client.send("PUB foo.* 2\r\nhi\r\n");

            assertThat(client.sync()).isEqualTo("-ERR 'Invalid Publish Subject'\r\nPONG\r\n");
        }
    }

    @Test
    void acceptsAWildcardPublishSubjectOutsidePedanticMode() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo.* 2\r\nhi\r\n");

            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void answersARequestWithoutRespondersWithStatus503() {
        var connect = "{\"verbose\":false,\"headers\":true,\"no_responders\":true}";
        try (var client = RawClient.connected(server, connect)) {
            client.send("SUB _INBOX.abc.* 7\r\nPUB nobody.home _INBOX.abc.1 2\r\nhi\r\n");

            assertThat(client.sync()).isEqualTo("HMSG _INBOX.abc.1 7 16 16\r\nNATS/1.0 503\r\n\r\n\r\nPONG\r\n");
        }
    }

    @Test
    void deliversHeaderMessagesAsHmsgWithTheirSizes() {
        var connect = "{\"verbose\":false,\"headers\":true}";
        try (var client = RawClient.connected(server, connect)) {
            client.send("SUB foo 1\r\nHPUB foo reply.to 24 29\r\nNATS/1.0\r\nA: B\r\nC: D\r\n\r\nhello\r\n");

            assertThat(client.sync())
                    .isEqualTo("HMSG foo 1 reply.to 24 29\r\nNATS/1.0\r\nA: B\r\nC: D\r\n\r\nhello\r\nPONG\r\n");
        }
    }

    @Test
    void unsubscribesAfterTheGivenNumberOfMessages() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nUNSUB 1 2\r\n");
            for (var i = 0; i < 4; i++) {
                client.send("PUB foo 1\r\n" + i + "\r\n");
            }

            assertThat(client.sync()).isEqualTo("MSG foo 1 1\r\n0\r\nMSG foo 1 1\r\n1\r\nPONG\r\n");
            assertThat(server.index().count()).isZero();
        }
    }

    @Test
    void unsubscribesAtOnceWhenTheLimitIsAlreadyReached() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nUNSUB 1 2\r\nPUB foo 1\r\nc\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 1\r\na\r\nMSG foo 1 1\r\nb\r\nPONG\r\n");
        }
    }

    @Test
    void ignoresASecondSubscriptionWithTheSameSid() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nSUB foo 1\r\nPUB foo 1\r\na\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 1\r\na\r\nPONG\r\n");
            assertThat(server.index().count()).isEqualTo(1);
        }
    }

    @Test
    void withholdsOwnMessagesWhenEchoIsOff() {
        try (var quiet = RawClient.connected(server, "{\"verbose\":false,\"echo\":false}");
                var other = RawClient.connected(server, QUIET)) {
            quiet.send("SUB foo 1\r\n");
            other.send("SUB foo 1\r\n");
            quiet.sync();
            other.sync();
            quiet.clear();
            other.clear();

            quiet.send("PUB foo 2\r\nhi\r\n");

            assertThat(quiet.sync()).isEqualTo("PONG\r\n");
            assertThat(other.readUntil("hi\r\n", WAIT)).isEqualTo("MSG foo 1 2\r\nhi\r\n");
        }
    }

    @Test
    void acceptsOperationsInAnyCaseAndTabsAsSeparators() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("sub\tfoo  1\r\npub foo\t 2\r\nhi\r\nping\r\n");

            assertThat(client.readUntil("PONG\r\n", WAIT)).isEqualTo("MSG foo 1 2\r\nhi\r\nPONG\r\n");
        }
    }

    @Test
    void handlesEveryOperationSplitAtEveryByte() {
        var stream = "SUB foo.* q 1\r\nSUB foo.> 2\r\nPUB foo.bar reply 5\r\nhello\r\n"
                + "HPUB foo.baz 12 14\r\nNATS/1.0\r\n\r\nhi\r\nUNSUB 2\r\nPUB foo.x 0\r\n\r\nPING\r\n";
        // Plain subscriptions are served before queue groups, as nats-server does.
        var expected = "MSG foo.bar 2 reply 5\r\nhello\r\nMSG foo.bar 1 reply 5\r\nhello\r\n"
                + "HMSG foo.baz 2 12 14\r\nNATS/1.0\r\n\r\nhi\r\nHMSG foo.baz 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
                + "MSG foo.x 1 0\r\n\r\nPONG\r\n";
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"headers\":true}")) {
            for (var b : stream.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) {
                client.send(new byte[] {b});
            }

            assertThat(client.readUntil("PONG\r\n", WAIT)).isEqualTo(expected);
        }
    }

    @Test
    void keepsServingOthersAfterAClientSendsGarbage() {
        var random = new java.util.Random(42);
        for (var round = 0; round < 20; round++) {
            var garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            try (var client = new RawClient(server)) {
                client.readLine(WAIT);
                client.send(garbage);
                client.drain(Duration.ofMillis(20));
            }
        }

        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nPUB foo 2\r\nok\r\n");
            assertThat(client.sync()).isEqualTo("MSG foo 1 2\r\nok\r\nPONG\r\n");
        }
    }
}
