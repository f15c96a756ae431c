package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumers removed after their inactive threshold, and what counts as activity. */
class InactiveConsumerTest extends LiveJetStreamTest {
    @BeforeEach
    void start() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
    }

    @Test
    void removesAnUnusedEphemeralConsumerAfterItsThreshold() throws Exception {
        var jsm = connection.jetStreamManagement();

        jsm.addOrUpdateConsumer("ORDERS", pull("idle", Duration.ofMillis(500)));

        assertThat(jsm.getConsumerNames("ORDERS")).containsExactly("idle");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jsm.getConsumerNames("ORDERS").isEmpty());
    }

    @Test
    void namesAConsumerMadeWithoutANameWithEightCharactersAsNatsServerDoes() throws Exception {
        var jsm = connection.jetStreamManagement();
        // the clients may name consumers themselves, so the request goes out raw
        var request = "{\"stream_name\":\"ORDERS\",\"config\":{\"ack_policy\":\"none\"}}";

        var first = createdName(request);
        var second = createdName(request);

        assertThat(first).matches("[0-9A-Za-z]{8}");
        assertThat(second).matches("[0-9A-Za-z]{8}").isNotEqualTo(first);
        assertThat(jsm.getConsumerInfo("ORDERS", first)
                        .getConsumerConfiguration()
                        .getInactiveThreshold())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void keepsAPullConsumerWhileARequestWaitsAndRemovesItAfterwards() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer("ORDERS", pull("waiter", Duration.ofMillis(500)));
        var inbox = connection.createInbox();
        var replies = connection.subscribe(inbox);
        connection.flush(Duration.ofSeconds(1));

        var requestedNanos = System.nanoTime();
        connection.publish(
                "$JS.API.CONSUMER.MSG.NEXT.ORDERS.waiter",
                inbox,
                "{\"batch\":1,\"expires\":3000000000}".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(2_000);

        assertThat(jsm.getConsumerNames("ORDERS")).containsExactly("waiter");
        var timeout = replies.nextMessage(Duration.ofSeconds(3));
        assertThat(timeout.getStatus().getCode()).isEqualTo(408);
        assertThat(Duration.ofNanos(System.nanoTime() - requestedNanos)).isGreaterThan(Duration.ofMillis(2_500));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jsm.getConsumerNames("ORDERS").isEmpty());
    }

    @Test
    void consumersThatAreNotDurableShowTheDefaultThresholdTheyGet() throws Exception {
        var unnamed = create("$JS.API.CONSUMER.CREATE.ORDERS", "{\"ack_policy\":\"explicit\"}");
        var named = create("$JS.API.CONSUMER.CREATE.ORDERS.named", "{\"name\":\"named\"}");
        var push =
                create("$JS.API.CONSUMER.CREATE.ORDERS.pushed", "{\"name\":\"pushed\",\"deliver_subject\":\"push.x\"}");
        var durable = create("$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.kept", "{\"durable_name\":\"kept\"}");

        assertThat(unnamed.path("config").path("inactive_threshold").asLong()).isEqualTo(5_000_000_000L);
        assertThat(named.path("config").path("inactive_threshold").asLong()).isEqualTo(5_000_000_000L);
        assertThat(push.path("config").path("inactive_threshold").asLong()).isEqualTo(5_000_000_000L);
        assertThat(durable.path("config").has("inactive_threshold")).isFalse();
    }

    @Test
    void aSecondCreateOfAnEphemeralThatLeftItsThresholdToTheServerIsRefused() throws Exception {
        var request = "{\"name\":\"twice\",\"ack_policy\":\"explicit\"}";
        var first = create("$JS.API.CONSUMER.CREATE.ORDERS.twice", request, "create");

        var second = create("$JS.API.CONSUMER.CREATE.ORDERS.twice", request, "create");
        var withoutAction = create("$JS.API.CONSUMER.CREATE.ORDERS.twice", request, "");

        // nats-server compares the request with the configuration it completed with the default threshold
        assertThat(first.has("error")).isFalse();
        assertThat(second.path("error").path("err_code").asInt()).isEqualTo(10148);
        assertThat(withoutAction.path("name").asText()).isEqualTo("twice");
    }

    private JsonNode create(String subject, String config) throws Exception {
        return create(subject, config, "");
    }

    private JsonNode create(String subject, String config, String action) throws Exception {
        var body = "{\"stream_name\":\"ORDERS\",\"config\":" + config
                + (action.isEmpty() ? "" : ",\"action\":\"" + action + "\"") + "}";
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return new ObjectMapper().readTree(reply.getData());
    }

    private String createdName(String request) throws Exception {
        var reply = connection.request(
                "$JS.API.CONSUMER.CREATE.ORDERS", request.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return new ObjectMapper().readTree(reply.getData()).path("name").asText();
    }

    private static ConsumerConfiguration pull(String name, Duration threshold) {
        return ConsumerConfiguration.builder()
                .name(name)
                .ackPolicy(AckPolicy.Explicit)
                .inactiveThreshold(threshold)
                .build();
    }
}
