package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectMappingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String QUIET =
            "{\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true}";

    private NatsServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start();
        server.addMapping("$JS.hub.API.STREAM.>", "$JS.API.STREAM.>");
        server.addMapping("$JS.hub.API.INFO", "$JS.API.INFO");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void routesAClientsPublishToTheMappedSubjectOnly() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB $JS.API.> 1\r\nSUB $JS.hub.API.> 2\r\n").sync();
            client.clear();

            client.send("PUB $JS.hub.API.STREAM.INFO.ORDERS r 2\r\nhi\r\nPUB $JS.hub.API.INFO 0\r\n\r\n");

            assertThat(client.sync())
                    .isEqualTo("MSG $JS.API.STREAM.INFO.ORDERS 1 r 2\r\nhi\r\nMSG $JS.API.INFO 1 0\r\n\r\nPONG\r\n");
        }
    }

    @Test
    void leavesSubjectsOutsideTheMappingsAlone() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB $JS.hub.API.> 2\r\n").sync();
            client.clear();

            client.send("PUB $JS.hub.API.INFO.MORE 0\r\n\r\nPUB $JS.hub.API.STREAM 0\r\n\r\n");

            assertThat(client.sync())
                    .isEqualTo("MSG $JS.hub.API.INFO.MORE 2 0\r\n\r\nMSG $JS.hub.API.STREAM 2 0\r\n\r\nPONG\r\n");
        }
    }

    @Test
    void answersNoRespondersWhenNothingListensOnTheMappedSubject() {
        try (var client = RawClient.connected(server, QUIET)) {
            client.send("SUB _INBOX.x 1\r\nPUB $JS.hub.API.INFO _INBOX.x 0\r\n\r\n");

            assertThat(client.readUntil("\r\n\r\n", WAIT))
                    .startsWith("HMSG _INBOX.x 1 ")
                    .contains("503");
        }
    }

    @Test
    void doesNotMapWhatTheServerItselfPublishes() {
        var received = new CopyOnWriteArrayList<String>();
        server.subscribe("$JS.hub.API.>", null, (subject, reply, headers, payload) -> received.add(subject));

        server.publish("$JS.hub.API.INFO", null, null, "x".getBytes(StandardCharsets.UTF_8));

        assertThat(received).containsExactly("$JS.hub.API.INFO");
    }

    @Test
    void refusesMappingsOtherThanLiteralsAndPrefixes() {
        assertThatThrownBy(() -> server.addMapping("a.*", "b.*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.addMapping("a.>", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
