package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a new consumer starts and what it reports as delivered and acknowledged before its first delivery, as
 * nats-server 2.10's selectStartingSeqNo has it: the policy's start kept within the stream, one below it reported as
 * delivered, the ack floor at zero.
 */
class ConsumerStartingPointTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
    }

    @Test
    void aStartSequencePastTheLastMessageDeliversTheMessagesPublishedAfterIt() throws Exception {
        publish("orders.old", 12);

        var created = jsm.addOrUpdateConsumer(
                "ORDERS",
                durable("late")
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(100)
                        .build());
        publish("orders.new", 3);

        assertThat(created.getDelivered().getStreamSequence()).isEqualTo(12);
        assertThat(created.getAckFloor().getStreamSequence()).isZero();
        assertThat(created.getNumPending()).isZero();
        await().atMost(WAIT).until(() -> jsm.getConsumerInfo("ORDERS", "late").getNumPending() == 3);
        var fetched = fetch("late", 5);
        assertThat(fetched).extracting(m -> m.metaData().streamSequence()).containsExactly(13L, 14L, 15L);
        fetched.forEach(Message::ack);
        await().atMost(WAIT).untilAsserted(() -> {
            var info = jsm.getConsumerInfo("ORDERS", "late");
            assertThat(info.getDelivered().getStreamSequence()).isEqualTo(15);
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(15);
            assertThat(info.getAckFloor().getConsumerSequence()).isEqualTo(3);
        });
    }

    @Test
    void aStartTimePastTheLastMessageDeliversTheMessagesPublishedAfterIt() throws Exception {
        publish("orders.old", 2);

        var created = jsm.addOrUpdateConsumer(
                "ORDERS",
                durable("future")
                        .deliverPolicy(DeliverPolicy.ByStartTime)
                        .startTime(ZonedDateTime.now().plusHours(1))
                        .build());
        publish("orders.new", 1);

        assertThat(created.getDelivered().getStreamSequence()).isEqualTo(2);
        assertThat(created.getAckFloor().getStreamSequence()).isZero();
        assertThat(fetch("future", 5))
                .extracting(m -> m.metaData().streamSequence())
                .containsExactly(3L);
    }

    @Test
    void lastPerSubjectReportsTheSequenceBeforeItsFirstMessageAsDelivered() throws Exception {
        for (var subject : List.of("orders.a", "orders.b", "orders.a", "orders.c", "orders.a")) {
            publish(subject, 1);
        }

        var created = jsm.addOrUpdateConsumer(
                "ORDERS",
                durable("latest")
                        .deliverPolicy(DeliverPolicy.LastPerSubject)
                        .filterSubject("orders.>")
                        .build());

        // the last messages are 2 (b), 4 (c) and 5 (a): delivery starts at 2
        assertThat(created.getDelivered().getStreamSequence()).isEqualTo(1);
        assertThat(created.getAckFloor().getStreamSequence()).isZero();
        assertThat(created.getNumPending()).isEqualTo(3);
        assertThat(fetch("latest", 5))
                .extracting(m -> m.metaData().streamSequence())
                .containsExactly(2L, 4L, 5L);
        var info = jsm.getConsumerInfo("ORDERS", "latest");
        assertThat(info.getDelivered().getStreamSequence()).isEqualTo(5);
        assertThat(info.getDelivered().getConsumerSequence()).isEqualTo(3);
    }

    @Test
    void deliverLastStartsAtTheLastMatchingMessageOrAtTheFirstWhenNoneMatches() throws Exception {
        publish("orders.a", 3);
        publish("orders.b", 2);

        var matching = jsm.addOrUpdateConsumer(
                "ORDERS",
                durable("last-a")
                        .deliverPolicy(DeliverPolicy.Last)
                        .filterSubject("orders.a")
                        .build());
        var none = jsm.addOrUpdateConsumer(
                "ORDERS",
                durable("last-none")
                        .deliverPolicy(DeliverPolicy.Last)
                        .filterSubject("orders.none")
                        .build());

        assertThat(startOf(matching)).containsExactly(2L, 0L, 1L);
        assertThat(startOf(none)).containsExactly(0L, 0L, 0L);
        assertThat(fetch("last-a", 5))
                .extracting(m -> m.metaData().streamSequence())
                .containsExactly(3L);
    }

    /** The delivered and ack floor stream sequences and the pending count a consumer reports. */
    private static List<Long> startOf(ConsumerInfo info) {
        return List.of(
                info.getDelivered().getStreamSequence(), info.getAckFloor().getStreamSequence(), info.getNumPending());
    }

    private static ConsumerConfiguration.Builder durable(String name) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit);
    }

    private List<Message> fetch(String consumer, int batch) throws Exception {
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", consumer));
        return subscription.fetch(batch, Duration.ofSeconds(1));
    }

    private void publish(String subject, int count) throws Exception {
        for (var i = 0; i < count; i++) {
            connection.jetStream().publish(subject, new byte[] {(byte) i});
        }
    }
}
