package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** A push consumer made by a request delivers its first message after the request's response, as nats-server does. */
class PushConsumerStartTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path storeDir;

    @RepeatedTest(5)
    void answersTheCreateRequestBeforeDeliveringTheFirstMessage() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("EARLY")
                            .subjects("early")
                            .build());
            connection.jetStream().publish("early", new byte[] {1});
            // one subscription hears the response and the deliveries, in the order the server sent them
            var both = connection.subscribe("watch.>");
            // a wildcard does not bind a push consumer: a subscription to exactly its deliver subject does
            connection.subscribe("watch.deliver");
            connection.flush(WAIT);

            connection.publish(
                    "$JS.API.CONSUMER.CREATE.EARLY",
                    "watch.response",
                    "{\"stream_name\":\"EARLY\",\"config\":{\"deliver_subject\":\"watch.deliver\"}}"
                            .getBytes(StandardCharsets.UTF_8));
            var first = both.nextMessage(WAIT);
            var second = both.nextMessage(WAIT);

            assertThat(first.getSubject()).isEqualTo("watch.response");
            assertThat(new String(first.getData(), StandardCharsets.UTF_8)).contains("consumer_create_response");
            // a delivery keeps the stream message's own subject, and names its ack subject as the reply
            assertThat(second.getSubject()).isEqualTo("early");
            assertThat(second.getReplyTo()).startsWith("$JS.ACK.EARLY.");
        }
    }
}
