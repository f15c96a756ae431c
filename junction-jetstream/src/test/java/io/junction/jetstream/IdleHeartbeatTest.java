package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle heartbeats carry the last delivered consumer and stream sequences ({@code Nats-Last-Consumer},
 * {@code Nats-Last-Stream}), to a push consumer's deliver subject and to a pull request alike, as nats-server's
 * sendIdleHeartbeat sends them.
 */
class IdleHeartbeatTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeEach
    void start() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        for (var i = 0; i < 3; i++) {
            connection.jetStream().publish("orders.x", new byte[] {(byte) i});
        }
    }

    @Test
    void aPullRequestsHeartbeatCarriesTheLastDeliveredSequences() throws Exception {
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("puller")
                                .ackPolicy(AckPolicy.Explicit)
                                .build());
        connection
                .jetStream()
                .subscribe(null, PullSubscribeOptions.bind("ORDERS", "puller"))
                .fetch(3, WAIT);
        var inbox = connection.createInbox();
        var replies = connection.subscribe(inbox);

        connection.publish(
                "$JS.API.CONSUMER.MSG.NEXT.ORDERS.puller",
                inbox,
                "{\"batch\":1,\"expires\":2000000000,\"idle_heartbeat\":200000000}".getBytes(StandardCharsets.UTF_8));
        var heartbeat = replies.nextMessage(WAIT);

        assertHeartbeat(heartbeat, "3", "3");
    }

    @Test
    void aPushConsumersHeartbeatCarriesTheLastDeliveredSequences() throws Exception {
        var deliveries = connection.subscribe("push.orders");
        connection.flush(WAIT);
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("pusher")
                                .deliverSubject("push.orders")
                                .ackPolicy(AckPolicy.None)
                                .idleHeartbeat(Duration.ofMillis(200))
                                .build());

        for (var i = 0; i < 3; i++) {
            assertThat(deliveries.nextMessage(WAIT).isStatusMessage()).isFalse();
        }
        var heartbeat = deliveries.nextMessage(WAIT);

        assertHeartbeat(heartbeat, "3", "3");
    }

    private static void assertHeartbeat(Message heartbeat, String lastConsumer, String lastStream) {
        assertThat(heartbeat).isNotNull();
        assertThat(heartbeat.isStatusMessage()).isTrue();
        assertThat(heartbeat.getStatus().getCode()).isEqualTo(100);
        assertThat(heartbeat.getStatus().getMessage()).isEqualTo("Idle Heartbeat");
        assertThat(heartbeat.getHeaders()).as("the heartbeat's headers").isNotNull();
        assertThat(heartbeat.getHeaders().getFirst("Nats-Last-Consumer")).isEqualTo(lastConsumer);
        assertThat(heartbeat.getHeaders().getFirst("Nats-Last-Stream")).isEqualTo(lastStream);
    }
}
