package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rate_limit_bps} as nats-server applies it: a push consumer's deliveries are held to that many bits per second,
 * with a burst of the stream's {@code max_msg_size}; a pull consumer may not have one.
 */
class ConsumerRateLimitTest extends LiveJetStreamTest {
    private static final int MESSAGES = 20;
    private static final int PAYLOAD = 1000;

    @BeforeEach
    void start() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("LIMITED")
                        .subjects("limited")
                        .maximumMessageSize(1100)
                        .build());
        for (var i = 0; i < MESSAGES; i++) {
            connection.jetStream().publish("limited", new byte[PAYLOAD]);
        }
    }

    @Test
    void holdsAPushConsumerToItsBitsPerSecond() throws Exception {
        var bitsPerSecond = 80_000;
        var started = System.nanoTime();

        var sub = connection
                .jetStream()
                .subscribe(
                        "limited",
                        PushSubscribeOptions.builder()
                                .configuration(ConsumerConfiguration.builder()
                                        .ackPolicy(AckPolicy.None)
                                        .rateLimit(bitsPerSecond)
                                        .build())
                                .build());
        for (var i = 0; i < MESSAGES; i++) {
            assertThat(sub.nextMessage(Duration.ofSeconds(10)))
                    .as("message %d", i)
                    .isNotNull();
        }

        // each delivery counts its payload, subject and ack reply; the first burst (1100 bytes) goes at once
        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        var seconds = ((double) MESSAGES * PAYLOAD - 1100) / (bitsPerSecond / 8.0);
        assertThat(elapsed).isGreaterThan(Duration.ofMillis((long) (seconds * 1000 * 0.8)));
        assertThat(sub.getConsumerInfo().getConsumerConfiguration().getRateLimit())
                .isEqualTo(bitsPerSecond);
    }

    @Test
    void refusesARateLimitOnAPullConsumer() {
        var jsm = assertThatThrownBy(() -> connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "LIMITED",
                        ConsumerConfiguration.builder()
                                .durable("puller")
                                .rateLimit(8_000)
                                .build()));

        jsm.isInstanceOfSatisfying(JetStreamApiException.class, e -> {
            assertThat(e.getApiErrorCode()).isEqualTo(10086);
            assertThat(e.getErrorDescription()).isEqualTo("consumer in pull mode can not have rate limit set");
        });
    }
}
