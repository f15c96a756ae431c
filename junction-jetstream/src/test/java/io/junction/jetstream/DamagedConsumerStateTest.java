package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.jetstream.consumer.ConsumerRegistry;
import io.junction.jetstream.store.LogCapture;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A durable consumer whose {@code consumer.state} was damaged while the server was down is kept with a fresh state,
 * as nats-server keeps it: it delivers again what it still owed, and nothing it acknowledged on a work-queue stream.
 */
class DamagedConsumerStateTest {
    @TempDir
    Path storeDir;

    @ParameterizedTest
    @ValueSource(strings = {"flipped", "truncated", "empty"})
    void keepsADurableConsumerWhoseStateIsDamaged(String damage) throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("JOBS")
                    .subjects("jobs.>")
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .build());
            jsm.addOrUpdateConsumer(
                    "JOBS",
                    ConsumerConfiguration.builder()
                            .durable("w")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            for (var i = 1; i <= 3; i++) {
                connection.jetStream().publish("jobs.x", new byte[] {(byte) i});
            }
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));
            var first = subscription.fetch(1, Duration.ofSeconds(5));
            first.forEach(DamagedConsumerStateTest::ackSync);
            subscription.fetch(1, Duration.ofSeconds(5));
        }
        var state = storeDir.resolve("jetstream/$G/streams/JOBS/obs/w/consumer.state");
        var bytes = Files.readAllBytes(state);
        switch (damage) {
            case "flipped" -> bytes[bytes.length - 3] ^= 0x01;
            case "truncated" -> bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
            default -> bytes = new byte[0];
        }
        Files.write(state, bytes);

        try (var log = new LogCapture(ConsumerRegistry.class);
                var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var info = connection.jetStreamManagement().getConsumerInfo("JOBS", "w");
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));
            var messages = subscription.fetch(5, Duration.ofSeconds(2));

            assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains(state.toString()));
            assertThat(info.getNumPending()).isEqualTo(2);
            assertThat(messages)
                    .extracting(message -> message.metaData().streamSequence())
                    .containsExactly(2L, 3L);
        }
    }

    private static void ackSync(Message message) {
        try {
            message.ackSync(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
