package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.FetchConsumeOptions;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Features the Java client turns on only for a server whose INFO version is 2.10 or later, used the way an
 * application uses them: the client decides by the version Junction reports, so these fail if that version is
 * lowered or if the server does not serve what it implies.
 */
class ClientFeaturesTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

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
    void reportsAServerVersionWithSeveralFilterSubjects() {
        assertThat(connection.getServerInfo().isNewerVersionThan("2.9.99")).isTrue();
    }

    @Test
    void aConsumerWithSeveralFilterSubjectsDeliversOnlyWhatTheyMatch() throws Exception {
        var js = connection.jetStream();
        for (var subject : new String[] {"orders.created", "orders.paid", "orders.shipped", "orders.created"}) {
            js.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
        }
        var jsm = connection.jetStreamManagement();

        var created = jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("billing")
                        .ackPolicy(AckPolicy.Explicit)
                        .filterSubjects("orders.created", "orders.shipped")
                        .build());
        var subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "billing"));
        var batch = subscription.fetch(10, Duration.ofSeconds(1));
        batch.forEach(Message::ack);

        assertThat(created.getConsumerConfiguration().getFilterSubjects())
                .containsExactly("orders.created", "orders.shipped");
        assertThat(created.getNumPending()).isEqualTo(3);
        assertThat(batch)
                .extracting(Message::getSubject)
                .containsExactly("orders.created", "orders.shipped", "orders.created");
        assertThat(jsm.getConsumerInfo("ORDERS", "billing").getNumPending()).isZero();
    }

    @Test
    void theSimplifiedConsumerApiFetchesWithSeveralFilterSubjects() throws Exception {
        var js = connection.jetStream();
        for (var i = 0; i < 6; i++) {
            js.publish("orders." + (i % 3), Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
        var stream = connection.getStreamContext("ORDERS");

        var consumer = stream.createOrUpdateConsumer(ConsumerConfiguration.builder()
                .name("zero-and-two")
                .filterSubjects("orders.0", "orders.2")
                .build());
        var received = new ArrayList<String>();
        try (var messages = consumer.fetch(
                FetchConsumeOptions.builder().maxMessages(10).expiresIn(1_000).build())) {
            for (var message = messages.nextMessage(); message != null; message = messages.nextMessage()) {
                received.add(new String(message.getData(), StandardCharsets.UTF_8));
                message.ack();
            }
        }

        assertThat(received).containsExactly("0", "2", "3", "5");
    }
}
