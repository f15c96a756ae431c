package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code num_redelivered} as nats-server 2.10 counts it: the messages awaiting their ack that went out more than
 * once (and those that reached {@code max_deliver}), not the redeliveries ever made; an ack or a term takes a message
 * out, and a restart keeps the count.
 */
class RedeliveredCountTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeEach
    void start() throws Exception {
        jsm().addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        for (var i = 0; i < 3; i++) {
            connection.jetStream().publish("orders.x", new byte[] {(byte) i});
        }
    }

    @Test
    void countsMessagesAwaitingTheirAckThatWentOutMoreThanOnce() throws Exception {
        jsm().addOrUpdateConsumer("ORDERS", consumer("retry").build());
        var first = fetch("retry", 3);
        first.get(0).nak();
        first.get(1).nak();
        var second = fetch("retry", 2);
        second.get(0).nak();
        var third = fetch("retry", 1);

        var afterThreeRedeliveries = redelivered("retry");
        third.getFirst().ackSync(WAIT);
        var afterAck = redelivered("retry");
        second.get(1).term();

        assertThat(third.getFirst().metaData().deliveredCount()).isEqualTo(3);
        assertThat(afterThreeRedeliveries).isEqualTo(2);
        assertThat(afterAck).isEqualTo(1);
        await().atMost(WAIT).until(() -> redelivered("retry") == 0);
        assertThat(jsm().getConsumerInfo("ORDERS", "retry").getNumAckPending()).isEqualTo(1);
    }

    @Test
    void keepsTheCountAcrossARestart() throws Exception {
        jsm().addOrUpdateConsumer("ORDERS", consumer("durable").build());
        fetch("durable", 2).forEach(Message::nak);
        var redeliveries = fetch("durable", 2);
        redeliveries.getFirst().ackSync(WAIT);
        assertThat(redelivered("durable")).isEqualTo(1);

        restart();

        assertThat(redelivered("durable")).isEqualTo(1);
        // the ack subject of a delivery made before the restart still acknowledges it
        connection.request(redeliveries.get(1).getReplyTo(), "+ACK".getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(redelivered("durable")).isZero();
    }

    @Test
    void countsAMessagePastMaxDeliverUntilItIsAcknowledged() throws Exception {
        connection.jetStream().publish("orders.once", new byte[1]);
        jsm().addOrUpdateConsumer(
                        "ORDERS",
                        consumer("limited")
                                .filterSubject("orders.once")
                                .ackWait(Duration.ofMillis(300))
                                .maxDeliver(2)
                                .build());
        fetch("limited", 1);
        var last = fetch("limited", 1).getFirst();
        await().atMost(WAIT)
                .until(() -> jsm().getConsumerInfo("ORDERS", "limited").getNumAckPending() == 0);

        var beforeAck = redelivered("limited");
        last.ackSync(WAIT);

        assertThat(last.metaData().deliveredCount()).isEqualTo(2);
        assertThat(beforeAck).isEqualTo(1);
        assertThat(redelivered("limited")).isZero();
    }

    private long redelivered(String consumer) throws Exception {
        return jsm().getConsumerInfo("ORDERS", consumer).getRedelivered();
    }

    private void restart() throws Exception {
        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
    }

    private JetStreamManagement jsm() throws Exception {
        return connection.jetStreamManagement();
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
}
