package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.CompressionOption;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream with {@code compression: s2} through the official Java client, across restarts and updates. */
class CompressedStreamTest {
    private static final String PAYLOAD = "{\"order\":%d,\"status\":\"created\",\"note\":\"" + "x".repeat(300) + "\"}";

    @TempDir
    Path storeDir;

    private static byte[] payload(int order) {
        return PAYLOAD.formatted(order).getBytes(StandardCharsets.UTF_8);
    }

    private static StreamConfiguration.Builder orders(CompressionOption compression) {
        return StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File)
                .compressionOption(compression);
    }

    private static void publish(Connection connection, int from, int to) throws Exception {
        var js = connection.jetStream();
        for (var order = from; order <= to; order++) {
            var headers = new Headers().add("Order", Integer.toString(order));
            assertThat(js.publish("orders.created", headers, payload(order)).getSeqno())
                    .isEqualTo(order);
        }
    }

    private long segmentBytes() throws IOException {
        var total = 0L;
        try (var files = Files.walk(storeDir)) {
            for (var file :
                    files.filter(path -> path.toString().endsWith(".seg")).toList()) {
                total += Files.size(file);
            }
        }

        return total;
    }

    @Test
    void twoCompressedStreamsTakingPublishesTogetherKeepEveryMessageIntact() throws Exception {
        var count = 3_000;
        try (var server = JetStreamServer.start(storeDir);
                var first = Nats.connect(server.url());
                var second = Nats.connect(server.url())) {
            var jsm = first.jetStreamManagement();
            for (var name : new String[] {"A", "B"}) {
                jsm.addStream(StreamConfiguration.builder()
                        .name(name)
                        .subjects(name.toLowerCase() + ".>")
                        .compressionOption(CompressionOption.S2)
                        .build());
            }

            var publishers = new ArrayList<CompletableFuture<Void>>();
            for (var pair : List.of(Map.entry(first.jetStream(), "a"), Map.entry(second.jetStream(), "b"))) {
                publishers.add(CompletableFuture.runAsync(() -> {
                    var acks = new ArrayList<CompletableFuture<PublishAck>>();
                    for (var order = 1; order <= count; order++) {
                        acks.add(pair.getKey().publishAsync(pair.getValue() + ".created", payload(order)));
                    }
                    acks.forEach(CompletableFuture::join);
                }));
            }
            publishers.forEach(CompletableFuture::join);

            for (var name : new String[] {"A", "B"}) {
                for (var order = 1; order <= count; order++) {
                    assertThat(jsm.getMessage(name, order).getData())
                            .as("%s seq %d", name, order)
                            .isEqualTo(payload(order));
                }
            }
        }
    }

    @Test
    void publishesGetsAndConsumesCompressedMessagesAcrossARestart() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var info = connection
                    .jetStreamManagement()
                    .addStream(orders(CompressionOption.S2).build());
            assertThat(info.getConfiguration().getCompressionOption()).isEqualTo(CompressionOption.S2);

            publish(connection, 1, 50);

            assertThat(segmentBytes()).isLessThan(50L * payload(1).length / 2);
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var info = jsm.getStreamInfo("ORDERS");
            assertThat(info.getConfiguration().getCompressionOption()).isEqualTo(CompressionOption.S2);
            assertThat(info.getStreamState().getMsgCount()).isEqualTo(50);
            var message = jsm.getMessage("ORDERS", 7);
            assertThat(message.getData()).isEqualTo(payload(7));
            assertThat(message.getHeaders().getFirst("Order")).isEqualTo("7");

            var js = connection.jetStream();
            jsm.addOrUpdateConsumer(
                    "ORDERS", ConsumerConfiguration.builder().durable("audit").build());
            var subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "audit"));
            var fetched = subscription.fetch(50, Duration.ofSeconds(5));
            assertThat(fetched).hasSize(50);
            for (var i = 0; i < fetched.size(); i++) {
                assertThat(fetched.get(i).getData()).isEqualTo(payload(i + 1));
                assertThat(fetched.get(i).getHeaders().getFirst("Order")).isEqualTo(Integer.toString(i + 1));
                fetched.get(i).ack();
            }
        }
    }

    /** nats-server accepts a change of compression on update; old messages stay readable, new ones follow it. */
    @Test
    void readsEveryMessageAfterCompressionIsTurnedOffAndOnAgain() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(orders(CompressionOption.S2).build());
            publish(connection, 1, 10);

            var updated = jsm.updateStream(orders(CompressionOption.None).build());
            publish(connection, 11, 20);
            jsm.updateStream(orders(CompressionOption.S2).build());
            publish(connection, 21, 30);

            assertThat(updated.getConfiguration().getCompressionOption()).isEqualTo(CompressionOption.None);
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            assertThat(jsm.getStreamInfo("ORDERS").getConfiguration().getCompressionOption())
                    .isEqualTo(CompressionOption.S2);
            for (var order = 1; order <= 30; order++) {
                assertThat(jsm.getMessage("ORDERS", order).getData()).isEqualTo(payload(order));
            }
        }
    }

    /**
     * A work queue whose consumer acknowledges as it goes, with every hundredth message left unacknowledged as a slow
     * task would: compaction brings the disk down near the live messages, though every segment keeps some.
     */
    @Test
    void aDrainedWorkQueueGivesItsSegmentsSpaceBack() throws Exception {
        var body = new byte[4096];
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(orders(CompressionOption.None)
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .build());
            jsm.addOrUpdateConsumer(
                    "ORDERS", ConsumerConfiguration.builder().durable("worker").build());
            var js = connection.jetStream();
            var subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "worker"));
            var published = 0;
            for (var round = 0; round < 16; round++) {
                var acks = new ArrayList<CompletableFuture<PublishAck>>();
                for (var i = 0; i < 500; i++) {
                    acks.add(js.publishAsync("orders.created", body));
                }
                acks.forEach(CompletableFuture::join);
                published += acks.size();
                // a loaded machine may hand out a batch in parts: fetch until this round's messages are all seen
                var seen = 0;
                var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (seen < acks.size() && System.nanoTime() < deadline) {
                    for (var message : subscription.fetch(acks.size() - seen, Duration.ofSeconds(5))) {
                        seen++;
                        if (message.metaData().streamSequence() % 100 != 0) {
                            message.ack();
                        }
                    }
                }
                assertThat(seen).isEqualTo(acks.size());
            }
            var written = (long) published * body.length;
            var pinned = published / 100;

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount() == pinned);

            // once idle the writer compacts every segment worth it, but the newest, which alone holds about a quarter
            await().atMost(Duration.ofSeconds(10)).until(() -> segmentBytes() < written / 3);
            assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(pinned);
        }
    }

    @Test
    void refusesAnUnknownCompressionAlgorithmAsNatsServerDoes() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            for (var compression : new String[] {"\"lz4\"", "\"\"", "\"S2\"", "null", "5"}) {
                var body = "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"compression\":" + compression + "}";

                var reply = connection.request(
                        "$JS.API.STREAM.CREATE.T", body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

                assertThat(new String(reply.getData(), StandardCharsets.UTF_8))
                        .as(compression)
                        .contains("\"error\":{\"code\":400,\"err_code\":10025,\"description\":\"invalid JSON\"}");
            }
            assertThat(connection.jetStreamManagement().getStreamNames()).isEmpty();
        }
    }
}
