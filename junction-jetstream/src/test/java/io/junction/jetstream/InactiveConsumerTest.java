package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumers removed after their inactive threshold, and what counts as activity. */
class InactiveConsumerTest {
    @TempDir
    Path storeDir;

    private JetStreamServer server;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
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

    private static ConsumerConfiguration pull(String name, Duration threshold) {
        return ConsumerConfiguration.builder()
                .name(name)
                .ackPolicy(AckPolicy.Explicit)
                .inactiveThreshold(threshold)
                .build();
    }
}
