package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corners of the client protocol where Junction once answered differently from nats-server 2.9.10; each expected
 * reply was taken from nats-server given the same bytes.
 */
class ProtocolExactnessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private static final String HEADERS = "{\"verbose\":false,\"pedantic\":false,\"headers\":true}";

    private NatsServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start(options -> options.maxControlLine(256));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void answersAPingWhateverFollowsItUpToTheLineFeed() {
        try (var client = RawClient.connected(server, QUIET)) {
            // More than one read's worth, so that the server sees the line before its end.
            client.send("PING " + "x".repeat(200_000));

            assertThat(client.send("\r\n").readUntil("PONG\r\n", WAIT)).isEqualTo("PONG\r\n");
            client.clear();
            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void ignoresAPongOrOkWithTrailingBytes() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PONG " + "y".repeat(200_000) + "\r\n+OKfoo\r\n");

            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUB", "HPUB", "SUB", "UNSUB", "-ERR"})
    void refusesAnOperationEndingWithoutASeparatorAsUnknown(String operation) {
        try (var client = RawClient.connected(server, HEADERS)) {
            client.send(operation + "\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'Unknown Protocol Operation'\r\n");
        }
    }

    @Test
    void closesSilentlyOnAPayloadSizeOfTenDigits() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("PUB foo 1000000000\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void unsubscribesAtOnceWhenTheMaximumHasTenDigits() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nUNSUB 1 1000000000\r\nPUB foo 1\r\nx\r\n");

            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void splitsSubscribeAndUnsubscribeArgumentsOnCarriageReturns() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo\r1\r\nSUB foo 2\r\nUNSUB 2\r1\r\nPUB foo 1\r\nx\r\nPUB foo 1\r\ny\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 1\r\nx\r\nMSG foo 2 1\r\nx\r\nMSG foo 1 1\r\ny\r\nPONG\r\n");
        }
    }

    @Test
    void dropsTheByteBeforeALoneLineFeedOnceACarriageReturnCameAmongTheArguments() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo 1\r\nUNSUB 1 2\r9\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 1\r\na\r\nMSG foo 1 1\r\nb\r\nPONG\r\n");
        }
    }

    @Test
    void closesSilentlyWhenTheDroppedByteLeavesASubscriptionWithoutSid() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo \r4\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void deliversNothingOnASubjectWithAnEmptyToken() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB > 1\r\nSUB *.* 2\r\n");
            client.send("PUB foo..bar 1\r\na\r\nPUB .foo 1\r\nb\r\nPUB foo. 1\r\nc\r\nPUB . 1\r\nd\r\n");
            client.send("PUB foo.bar 1\r\ne\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo.bar 1 1\r\ne\r\nMSG foo.bar 2 1\r\ne\r\nPONG\r\n");
        }
    }

    @Test
    void warnsOfAnInvalidPublishSubjectBeforeItsPayloadArrives() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"pedantic\":true}")) {
            client.send("PUB foo.* 5\r\nab");

            assertThat(client.readUntil("'\r\n", WAIT)).isEqualTo("-ERR 'Invalid Publish Subject'\r\n");
            client.clear();
            client.send("cde\r\n");
            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void stripsHeadersForASubscriberThatDidNotEnableThem() {
        try (var plain = RawClient.connected(server, QUIET);
                var publisher = RawClient.connected(server, HEADERS)) {
            plain.send("SUB foo 1\r\n").sync();
            plain.clear();

            publisher
                    .send("HPUB foo reply 22 24\r\nNATS/1.0\r\nKey: Val\r\n\r\nhi\r\n")
                    .sync();

            assertThat(plain.sync()).isEqualTo("MSG foo 1 reply 2\r\nhi\r\nPONG\r\n");
        }
    }

    @Test
    void deliversAnEmptyHeaderBlockAsAPlainMessage() {
        try (var client = RawClient.connected(server, HEADERS)) {
            client.send("SUB foo 1\r\nHPUB foo 0 2\r\nhi\r\n");

            assertThat(client.sync()).isEqualTo("MSG foo 1 2\r\nhi\r\nPONG\r\n");
        }
    }

    @Test
    void refusesPublishingToAGatewayRoutedReplySubject() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB > 1\r\nPUB _GR_.x.y 1\r\nx\r\n");

            assertThat(client.sync()).isEqualTo("-ERR 'Permissions Violation for Publish to \"_GR_.x.y\"'\r\nPONG\r\n");
        }
    }

    @Test
    void refusesTheSystemQueueGroup() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB foo _sys_ 1\r\nPUB foo 1\r\nx\r\n");

            assertThat(client.sync())
                    .isEqualTo("-ERR 'Permissions Violation for Subscription to \"foo\" using queue \"_sys_\"'\r\n"
                            + "PONG\r\n");
            assertThat(server.index().count()).isZero();
        }
    }

    @Test
    void takesTheArgumentOfConnectAndInfoRightAfterTheWord() {
        try (var client = new RawClient(server)) {
            client.readLine(WAIT);

            client.send("CONNECT{\"verbose\":false}\r\nINFO{}\r\n");

            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO junk", "INFO", "INFO []"})
    void closesSilentlyOnAnInfoThatIsNotAJsonObject(String line) {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send(line + "\r\nPING\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void closesSilentlyOnBytesAfterTheConnectJson() {
        try (var client = RawClient.connected(server, "{\"verbose\":false} junk")) {
            client.send("PING\r\n");

            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }

    @Test
    void takesTheDefaultsFromANullConnect() {
        try (var client = RawClient.connected(server, "null")) {
            assertThat(client.sync()).isEqualTo("+OK\r\nPONG\r\n");
        }
    }

    @Test
    void readsConnectFieldNamesInAnyCase() {
        try (var client = RawClient.connected(server, "{\"Verbose\":false,\"PEDANTIC\":false}")) {
            client.send("PUB foo.* 1\r\nx\r\n");

            assertThat(client.sync()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void refusesAProtocolPastIntRangeAsAnInvalidClientProtocol() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"protocol\":99999999999}")) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEqualTo("-ERR 'invalid client protocol'\r\n");
        }
    }

    @Test
    void closesSilentlyOnAProtocolPastSixtyFourBits() {
        try (var client = RawClient.connected(server, "{\"verbose\":false,\"protocol\":99999999999999999999}")) {
            assertThat(client.awaitClosedByServer(WAIT)).isTrue();
            assertThat(client.text()).isEmpty();
        }
    }
}
