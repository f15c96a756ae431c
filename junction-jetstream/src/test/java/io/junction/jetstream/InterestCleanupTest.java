package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On an interest stream, deleting a consumer removes at once what no remaining consumer needs, as nats-server does. */
class InterestCleanupTest {
    private static final int MESSAGES = 5;

    @TempDir
    Path storeDir;

    @Test
    void deletingAConsumerRemovesWhatTheOthersAcknowledged() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            createStreamWithConsumers(connection, "a", "b");
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("EVENTS", "a"));
            var messages = subscription.fetch(MESSAGES, Duration.ofSeconds(5));
            assertThat(messages).hasSize(MESSAGES);
            messages.forEach(InterestCleanupTest::ackSync);
            assertThat(messageCount(connection)).isEqualTo(MESSAGES);

            connection.jetStreamManagement().deleteConsumer("EVENTS", "b");

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(messageCount(connection)).isZero());
        }
    }

    @Test
    void deletingTheOnlyConsumerRemovesEveryMessage() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            createStreamWithConsumers(connection, "a");

            connection.jetStreamManagement().deleteConsumer("EVENTS", "a");

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(messageCount(connection)).isZero());
        }
    }

    @Test
    void deletingAConsumerKeepsWhatAnotherStillOwes() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            createStreamWithConsumers(connection, "a", "b");

            connection.jetStreamManagement().deleteConsumer("EVENTS", "b");
            // acknowledged by the writer after the cleanup it queued
            connection.jetStream().publish("events.x", new byte[] {9});

            assertThat(messageCount(connection)).isEqualTo(MESSAGES + 1);
        }
    }

    private static void createStreamWithConsumers(Connection connection, String... names) throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("EVENTS")
                .subjects("events.>")
                .retentionPolicy(RetentionPolicy.Interest)
                .build());
        for (var name : names) {
            jsm.addOrUpdateConsumer(
                    "EVENTS",
                    ConsumerConfiguration.builder()
                            .durable(name)
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
        }
        for (var i = 0; i < MESSAGES; i++) {
            connection.jetStream().publish("events.x", new byte[] {(byte) i});
        }
    }

    private static long messageCount(Connection connection) throws Exception {
        return connection
                .jetStreamManagement()
                .getStreamInfo("EVENTS")
                .getStreamState()
                .getMsgCount();
    }

    private static void ackSync(Message message) {
        try {
            message.ackSync(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
