package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart keeps each pending message's deadline, as nats-server keeps its delivery time: the message comes back
 * when its ack wait or nak delay runs out, not at once.
 */
class PendingDeadlineRecoveryTest {
    @TempDir
    Path storeDir;

    @Test
    void aMessageWithinItsAckWaitIsNotRedeliveredRightAfterARestart() throws Exception {
        deliverOneUnacknowledged(Duration.ofSeconds(30), null);

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var messages = bind(connection).fetch(1, Duration.ofSeconds(2));
            var info = connection.jetStreamManagement().getConsumerInfo("ORDERS", "c");

            assertThat(messages).isEmpty();
            assertThat(info.getNumAckPending()).isEqualTo(1);
        }
    }

    @Test
    void aNakDelayOutlastsARestartAndThenRunsOut() throws Exception {
        deliverOneUnacknowledged(Duration.ofSeconds(30), Duration.ofSeconds(4));

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var subscription = bind(connection);
            var early = subscription.fetch(1, Duration.ofMillis(1500));
            var later = subscription.fetch(1, Duration.ofSeconds(8));

            assertThat(early).isEmpty();
            assertThat(later).hasSize(1);
            assertThat(later.get(0).metaData().deliveredCount()).isEqualTo(2);
        }
    }

    @Test
    void aMessageWhoseAckWaitRanOutWhileTheServerWasDownIsRedeliveredAtOnce() throws Exception {
        deliverOneUnacknowledged(Duration.ofSeconds(2), null);
        Thread.sleep(2500); // the downtime during which the ack wait runs out

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var messages = bind(connection).fetch(1, Duration.ofSeconds(1));

            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).metaData().deliveredCount()).isEqualTo(2);
        }
    }

    private void deliverOneUnacknowledged(Duration ackWait, Duration nakDelay) throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jsm.addOrUpdateConsumer(
                    "ORDERS",
                    ConsumerConfiguration.builder()
                            .durable("c")
                            .ackPolicy(AckPolicy.Explicit)
                            .ackWait(ackWait)
                            .build());
            connection.jetStream().publish("orders.new", new byte[] {1});
            List<Message> messages = bind(connection).fetch(1, Duration.ofSeconds(5));
            assertThat(messages).hasSize(1);
            if (nakDelay != null) {
                messages.get(0).nakWithDelay(nakDelay);
                connection.flush(Duration.ofSeconds(5));
            }
        }
    }

    private static JetStreamSubscription bind(io.nats.client.Connection connection) throws Exception {
        return connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "c"));
    }
}
