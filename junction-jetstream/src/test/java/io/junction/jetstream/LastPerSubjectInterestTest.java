package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an interest stream a {@code last_per_subject} consumer still wants the last messages it has not delivered yet,
 * so another consumer's acks do not remove them, as in nats-server.
 */
class LastPerSubjectInterestTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path storeDir;

    @Test
    void keepsTheLastMessagesItHasStillToDeliverWhenAnotherConsumerAcksThem() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("EVENTS")
                    .subjects("events.>")
                    .retentionPolicy(RetentionPolicy.Interest)
                    .build());
            jsm.addOrUpdateConsumer(
                    "EVENTS",
                    ConsumerConfiguration.builder()
                            .durable("all")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            connection.jetStream().publish("events.a", new byte[] {1});
            connection.jetStream().publish("events.b", new byte[] {2});
            jsm.addOrUpdateConsumer(
                    "EVENTS",
                    ConsumerConfiguration.builder()
                            .durable("latest")
                            .ackPolicy(AckPolicy.Explicit)
                            .deliverPolicy(DeliverPolicy.LastPerSubject)
                            .filterSubject("events.>")
                            .build());
            var js = connection.jetStream();

            js.subscribe(null, PullSubscribeOptions.bind("EVENTS", "all"))
                    .fetch(2, WAIT)
                    .forEach(message -> ackSync(message));
            var latest = js.subscribe(null, PullSubscribeOptions.bind("EVENTS", "latest"))
                    .fetch(5, Duration.ofSeconds(1));

            assertThat(latest).extracting(m -> m.metaData().streamSequence()).containsExactly(1L, 2L);
        }
    }

    private static void ackSync(Message message) {
        try {
            message.ackSync(WAIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
