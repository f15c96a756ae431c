package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.jetstream.consumer.Consumer;
import io.junction.jetstream.store.LogCapture;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Durable consumers deleted while their state is being written. */
class ConsumerDeleteTest extends LiveJetStreamTest {
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
    void deletesADurableConsumerRightAfterAnAckWithoutFailingToWriteItsState() throws Exception {
        var jsm = connection.jetStreamManagement();
        var js = connection.jetStream();
        js.publish("orders.a", new byte[1]);
        var consumers = storeDir.resolve("jetstream/$G/streams/ORDERS/obs");

        try (var log = new LogCapture(Consumer.class)) {
            for (var round = 0; round < 30; round++) {
                var name = "c" + round;
                jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable(name)
                                .ackPolicy(AckPolicy.Explicit)
                                .build());
                var subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", name));
                subscription.fetch(1, Duration.ofSeconds(5)).getFirst().ack();
                // the state is written about 20 ms after a change: delete while that write runs
                Thread.sleep(17 + round % 8);

                jsm.deleteConsumer("ORDERS", name);
                subscription.unsubscribe();
            }
            Thread.sleep(100);

            assertThat(log.warnings()).isEmpty();
        }
        try (var left = Files.list(consumers)) {
            assertThat(left).isEmpty();
        }
    }
}
