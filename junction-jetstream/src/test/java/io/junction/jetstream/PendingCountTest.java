package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code num_pending} stays exact while the stream takes publishes and clients read consumer info at the same time:
 * the writer appends between any two reads the consumer makes of the store.
 */
class PendingCountTest {
    private static final int MESSAGES = 10_000;

    @TempDir
    Path storeDir;

    @Test
    void countsPendingExactlyWhilePublishesAndInfoRequestsRace() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var publisher = Nats.connect(server.url());
                var reader = Nats.connect(server.url())) {
            var jsm = reader.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("PP").subjects("pp.>").build());
            for (var consumer : new String[] {"all", "only-a"}) {
                jsm.addOrUpdateConsumer(
                        "PP",
                        ConsumerConfiguration.builder()
                                .durable(consumer)
                                .ackPolicy(AckPolicy.Explicit)
                                .filterSubject(consumer.equals("all") ? "pp.>" : "pp.a")
                                .build());
            }
            var publishing = new AtomicBoolean(true);
            var polls = CompletableFuture.runAsync(() -> {
                while (publishing.get()) {
                    try {
                        jsm.getConsumerInfo("PP", "all");
                        jsm.getConsumerInfo("PP", "only-a");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });

            var js = publisher.jetStream();
            for (var batch = 0; batch < MESSAGES / 250; batch++) {
                var acks = new ArrayList<CompletableFuture<PublishAck>>();
                for (var i = 0; i < 250; i++) {
                    acks.add(js.publishAsync(i % 2 == 0 ? "pp.a" : "pp.b", new byte[16]));
                }
                acks.forEach(CompletableFuture::join);
            }
            publishing.set(false);
            polls.join();

            assertThat(jsm.getConsumerInfo("PP", "all").getNumPending()).isEqualTo(MESSAGES);
            assertThat(jsm.getConsumerInfo("PP", "only-a").getNumPending()).isEqualTo(MESSAGES / 2);
        }
    }

    @Test
    void countsNothingPendingOnceAConsumerFetchingDuringPublishesHasDrainedTheStream() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var publisher = Nats.connect(server.url());
                var reader = Nats.connect(server.url())) {
            var jsm = reader.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("PP").subjects("pp.>").build());
            jsm.addOrUpdateConsumer(
                    "PP",
                    ConsumerConfiguration.builder()
                            .durable("drainer")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            var subscription = reader.jetStream().subscribe(null, PullSubscribeOptions.bind("PP", "drainer"));
            var received = new AtomicInteger();
            var lastPending = new AtomicLong(-1);
            var publishing = new AtomicBoolean(true);
            var fetches = CompletableFuture.runAsync(() -> {
                while (publishing.get() || received.get() < MESSAGES) {
                    for (var message : subscription.fetch(100, Duration.ofMillis(200))) {
                        message.ack();
                        received.incrementAndGet();
                        lastPending.set(message.metaData().pendingCount());
                    }
                }
            });

            var js = publisher.jetStream();
            for (var batch = 0; batch < MESSAGES / 250; batch++) {
                var acks = new ArrayList<CompletableFuture<PublishAck>>();
                for (var i = 0; i < 250; i++) {
                    acks.add(js.publishAsync("pp.x", new byte[16]));
                }
                acks.forEach(CompletableFuture::join);
            }
            publishing.set(false);
            fetches.get(60, TimeUnit.SECONDS);

            assertThat(received.get()).isEqualTo(MESSAGES);
            assertThat(lastPending.get()).isZero();
            assertThat(jsm.getConsumerInfo("PP", "drainer").getNumPending()).isZero();
        }
    }
}
