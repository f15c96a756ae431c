package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValueOptions;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server in JetStream domain {@code hub}, reached through jnats' domain options, as nats-server serves it. */
class DomainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JetStreamOptions HUB =
            JetStreamOptions.builder().domain("hub").build();

    @TempDir
    Path storeDir;

    private JetStreamServer server;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = JetStreamServer.inDomain(storeDir, "hub");
        connection = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void createsPublishesAndConsumesThroughTheDomainsApi() throws Exception {
        var jsm = connection.jetStreamManagement(HUB);
        var js = connection.jetStream(HUB);

        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        var ack = js.publish("orders.a", "one".getBytes(StandardCharsets.UTF_8));
        var subscription = js.subscribe(
                "orders.>", PullSubscribeOptions.builder().durable("D").build());
        var messages = subscription.fetch(1, WAIT);

        assertThat(ack.getDomain()).isEqualTo("hub");
        assertThat(ack.getStream()).isEqualTo("ORDERS");
        assertThat(ack.getSeqno()).isEqualTo(1);
        assertThat(messages).hasSize(1);
        assertThat(new String(messages.getFirst().getData(), StandardCharsets.UTF_8))
                .isEqualTo("one");
        assertThat(jsm.getConsumerInfo("ORDERS", "D").getNumAckPending()).isEqualTo(1);
    }

    @Test
    void accountInfoNamesTheDomainOnBothApiPrefixes() throws Exception {
        var throughDomain = connection.jetStreamManagement(HUB).getAccountStatistics();
        var plain = connection.jetStreamManagement().getAccountStatistics();

        assertThat(throughDomain.getDomain()).isEqualTo("hub");
        assertThat(plain.getDomain()).isEqualTo("hub");
    }

    @Test
    void streamInfoAndListNameTheDomainButCreateDoesNot() throws Exception {
        var created = request("$JS.hub.API.STREAM.CREATE.ORDERS", "{\"name\":\"ORDERS\",\"subjects\":[\"orders.>\"]}");
        var info = request("$JS.hub.API.STREAM.INFO.ORDERS", "");
        var list = request("$JS.API.STREAM.LIST", "{}");

        assertThat(created.has("domain")).isFalse();
        assertThat(created.path("did_create").asBoolean()).isTrue();
        assertThat(info.path("domain").asText()).isEqualTo("hub");
        assertThat(list.path("streams").get(0).path("domain").asText()).isEqualTo("hub");
    }

    @Test
    void pubAckOfADuplicateNamesTheDomainAndARefusalDoesNot() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .maxMsgSize(64)
                        .build());
        var message = io.nats.client.impl.NatsMessage.builder()
                .subject("orders.a")
                .headers(new io.nats.client.impl.Headers().add("Nats-Msg-Id", "1"))
                .data("one")
                .build();
        connection.jetStream().publish(message);

        var duplicate = connection.request(message, WAIT);
        var refused = connection.request("orders.b", new byte[100], WAIT);

        assertThat(JSON.readTree(duplicate.getData()).path("domain").asText()).isEqualTo("hub");
        assertThat(JSON.readTree(duplicate.getData()).path("duplicate").asBoolean())
                .isTrue();
        assertThat(JSON.readTree(refused.getData()).has("error")).isTrue();
        assertThat(JSON.readTree(refused.getData()).has("domain")).isFalse();
    }

    @Test
    void keyValueWorksWithTheJetStreamDomain() throws Exception {
        var options = KeyValueOptions.builder().jsDomain("hub").build();
        connection
                .keyValueManagement(options)
                .create(KeyValueConfiguration.builder()
                        .name("CONFIG")
                        .maxHistoryPerKey(5)
                        .build());
        var kv = connection.keyValue("CONFIG", options);

        var revision = kv.put("color", "blue");
        kv.put("color", "green");

        assertThat(revision).isEqualTo(1);
        assertThat(kv.get("color").getValueAsString()).isEqualTo("green");
        assertThat(kv.history("color")).hasSize(2);
        assertThat(connection.keyValueManagement(options).getBucketNames()).containsExactly("CONFIG");
    }

    @Test
    void anotherDomainsApiHasNoRespondersRatherThanATimeout() {
        var leaf =
                JetStreamOptions.builder().domain("leaf").requestTimeout(WAIT).build();
        var started = System.nanoTime();

        assertThatThrownBy(() -> connection.jetStreamManagement(leaf).getAccountStatistics())
                .hasMessageContaining("no response");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        return JSON.readTree(reply.getData());
    }
}
