package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ack floor as nats-server's consumer store moves it: from zero, only by the ack of the delivery right after it
 * (a redelivered message by its first delivery), to the delivered sequences once nothing is pending; and its
 * {@code last_active}, the time of the last ack.
 */
class AckFloorTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    void movesOnlyWithTheAckOfTheDeliveryRightAfterIt() throws Exception {
        publish(3);
        jsm.addOrUpdateConsumer(
                "ORDERS", consumer("new").deliverPolicy(DeliverPolicy.New).build());
        publish(3);
        var fetched = fetch("new", 3);

        fetched.get(1).ackSync(WAIT);
        var afterSecond = floorOf("new");
        fetched.get(0).ackSync(WAIT);
        var afterFirst = floorOf("new");
        fetched.get(2).ackSync(WAIT);
        var afterAll = floorOf("new");

        assertThat(afterSecond).containsExactly(0L, 0L);
        assertThat(afterFirst).containsExactly(2L, 5L);
        assertThat(afterAll).containsExactly(3L, 6L);
    }

    @Test
    void aRedeliveredMessageMovesTheFloorByItsFirstDelivery() throws Exception {
        publish(3);
        jsm.addOrUpdateConsumer("ORDERS", consumer("again").build());
        var fetched = fetch("again", 3);
        fetched.get(1).ackSync(WAIT);
        fetched.get(0).nak();
        var redelivered = fetch("again", 1).getFirst();

        redelivered.term();

        assertThat(redelivered.metaData().consumerSequence()).isEqualTo(4);
        await().atMost(WAIT).untilAsserted(() -> assertThat(floorOf("again")).containsExactly(2L, 2L));
    }

    @Test
    void reportsWhenTheLastAckArrivedAndLeavesTheLastDeliveryAlone() throws Exception {
        publish(2);
        jsm.addOrUpdateConsumer("ORDERS", consumer("timed").build());
        var fetched = fetch("timed", 2);
        var beforeAck = info("timed");

        fetched.get(1).ackSync(WAIT);
        var afterAck = info("timed");

        assertThat(beforeAck.path("ack_floor").has("last_active")).isFalse();
        assertThat(beforeAck.path("delivered").has("last_active")).isTrue();
        assertThat(Instant.parse(afterAck.path("ack_floor").path("last_active").asText()))
                .isAfter(Instant.parse(
                        beforeAck.path("delivered").path("last_active").asText()));
        assertThat(afterAck.path("delivered").path("last_active"))
                .isEqualTo(beforeAck.path("delivered").path("last_active"));
    }

    /** The ack floor's consumer and stream sequences. */
    private List<Long> floorOf(String consumer) throws Exception {
        var floor = jsm.getConsumerInfo("ORDERS", consumer).getAckFloor();
        return List.of(floor.getConsumerSequence(), floor.getStreamSequence());
    }

    private JsonNode info(String consumer) throws Exception {
        var reply = connection.request("$JS.API.CONSUMER.INFO.ORDERS." + consumer, new byte[0], WAIT);
        return MAPPER.readTree(reply.getData());
    }

    private static ConsumerConfiguration.Builder consumer(String name) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit);
    }

    private List<Message> fetch(String consumer, int batch) throws Exception {
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", consumer));
        var fetched = subscription.fetch(batch, WAIT);
        assertThat(fetched).hasSize(batch);
        return fetched;
    }

    private void publish(int count) throws Exception {
        for (var i = 0; i < count; i++) {
            connection.jetStream().publish("orders.x", new byte[] {(byte) i});
        }
    }
}
