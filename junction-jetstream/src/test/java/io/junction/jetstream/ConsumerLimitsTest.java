package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerLimits;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stream's {@code consumer_limits} (nats-server 2.10): defaults for its consumers and the most they may ask. */
class ConsumerLimitsTest extends LiveJetStreamTest {
    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        jsm = connection.jetStreamManagement();
    }

    @Test
    void streamInfoEchoesTheLimitsAndTheyOutliveARestart() throws Exception {
        var info = jsm.addStream(limited(Duration.ofSeconds(30), 50).build());

        assertThat(info.getConfiguration().getConsumerLimits().getInactiveThreshold())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(info.getConfiguration().getConsumerLimits().getMaxAckPending())
                .isEqualTo(50);
        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
        var raw = connection.request("$JS.API.STREAM.INFO.ORDERS", new byte[0], Duration.ofSeconds(5));
        var limits = new ObjectMapper().readTree(raw.getData()).path("config").path("consumer_limits");
        assertThat(limits.path("inactive_threshold").asLong()).isEqualTo(30_000_000_000L);
        assertThat(limits.path("max_ack_pending").asLong()).isEqualTo(50);
    }

    @Test
    void consumersThatSetNeitherGetTheStreamsLimits() throws Exception {
        jsm.addStream(limited(Duration.ofSeconds(30), 50).build());

        var info = jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());

        assertThat(info.getConsumerConfiguration().getMaxAckPending()).isEqualTo(50);
        assertThat(info.getConsumerConfiguration().getInactiveThreshold()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void consumersMayAskForLessThanTheLimits() throws Exception {
        jsm.addStream(limited(Duration.ofSeconds(30), 50).build());

        var info = jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .maxAckPending(10)
                        .inactiveThreshold(Duration.ofSeconds(5))
                        .build());

        assertThat(info.getConsumerConfiguration().getMaxAckPending()).isEqualTo(10);
        assertThat(info.getConsumerConfiguration().getInactiveThreshold()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesAConsumerAskingForMoreAckPendingThanTheLimit() throws Exception {
        jsm.addStream(limited(Duration.ZERO, 50).build());

        assertThatThrownBy(() -> jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("greedy")
                                .ackPolicy(AckPolicy.Explicit)
                                .maxAckPending(51)
                                .build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(400);
                    assertThat(e.getApiErrorCode()).isEqualTo(10121);
                    assertThat(e.getErrorDescription())
                            .isEqualTo("consumer max ack pending exceeds system limit of 50");
                });
    }

    @Test
    void refusesAConsumerAskingForALongerInactiveThresholdThanTheLimit() throws Exception {
        jsm.addStream(limited(Duration.ofSeconds(90), 0).build());

        assertThatThrownBy(() -> jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("idle")
                                .inactiveThreshold(Duration.ofMinutes(2))
                                .build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(400);
                    assertThat(e.getApiErrorCode()).isEqualTo(10153);
                    assertThat(e.getErrorDescription())
                            .isEqualTo("consumer inactive threshold exceeds system limit of 1m30s");
                });
    }

    @Test
    void aDefaultedInactiveThresholdRemovesAnIdleDurable() throws Exception {
        jsm.addStream(limited(Duration.ofSeconds(1), 0).build());

        jsm.addOrUpdateConsumer(
                "ORDERS", ConsumerConfiguration.builder().durable("idle").build());

        await().atMost(Duration.ofSeconds(6))
                .until(() -> jsm.getConsumerNames("ORDERS").isEmpty());
    }

    @Test
    void refusesAnUpdateWhoseLimitsExistingConsumersExceed() throws Exception {
        jsm.addStream(limited(Duration.ZERO, 100).build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("wide")
                        .ackPolicy(AckPolicy.Explicit)
                        .maxAckPending(80)
                        .build());

        assertThatThrownBy(() -> jsm.updateStream(limited(Duration.ZERO, 40).build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(500);
                    assertThat(e.getApiErrorCode()).isEqualTo(10069);
                    assertThat(e.getErrorDescription()).isEqualTo("change to limits violates consumers: wide");
                });
        var updated = jsm.updateStream(limited(Duration.ZERO, 80).build());
        assertThat(updated.getConfiguration().getConsumerLimits().getMaxAckPending())
                .isEqualTo(80);
    }

    @Test
    void dropsALimitOnlyWhenNoConsumerHasThatSetting() throws Exception {
        jsm.addStream(limited(Duration.ZERO, 100).build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("wide")
                        .ackPolicy(AckPolicy.Explicit)
                        .maxAckPending(80)
                        .build());

        // nats-server compares each consumer with the new limits as they are, 0 included
        assertThatThrownBy(
                        () -> jsm.updateStream(limited(Duration.ofMinutes(1), 0).build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getErrorDescription())
                        .isEqualTo("change to limits violates consumers: wide"));
        jsm.deleteConsumer("ORDERS", "wide");
        var updated = jsm.updateStream(limited(Duration.ofMinutes(1), 0).build());
        assertThat(updated.getConfiguration().getConsumerLimits().getInactiveThreshold())
                .isEqualTo(Duration.ofMinutes(1));
    }

    private static StreamConfiguration.Builder limited(Duration inactiveThreshold, long maxAckPending) {
        return StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .consumerLimits(ConsumerLimits.builder()
                        .inactiveThreshold(inactiveThreshold)
                        .maxAckPending(maxAckPending)
                        .build());
    }
}
