package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PurgeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.CompressionOption;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream snapshots and restores through the raw protocol, driven as {@code nats stream backup} and
 * {@code nats stream restore} drive it: what a snapshot holds comes back exactly, flow control holds a slow client to
 * its window, and a snapshot taken while publishes go on is one consistent cut.
 */
class StreamSnapshotTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path storeDir;

    private JetStreamServer server;
    private Connection connection;
    private SnapshotClient client;

    @BeforeEach
    void start() throws Exception {
        server = JetStreamServer.start(storeDir);
        connect();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    private void connect() throws Exception {
        connection = Nats.connect(server.url());
        client = new SnapshotClient(connection);
    }

    @Test
    void restoresMessagesSequencesDeletesAndConsumersExactly() throws Exception {
        var jsm = connection.jetStreamManagement();
        var stream = fillOrders(jsm);
        var workerBefore = jsm.getConsumerInfo("ORDERS", "WORKER");
        var auditBefore = jsm.getConsumerInfo("ORDERS", "AUDIT");
        var messagesBefore = messages(jsm, stream.lastSeq());

        var backup = client.snapshot("ORDERS", "{\"no_consumers\":false,\"chunk_size\":4096}");
        jsm.deleteStream("ORDERS");
        var restored = client.restore("ORDERS", backup.restoreRequest(), backup.archive());

        assertThat(backup.status()).isEqualTo(204);
        assertThat(backup.response().path("type").asText())
                .isEqualTo("io.nats.jetstream.api.v1.stream_snapshot_response");
        assertThat(backup.response().path("state").path("messages").asLong()).isEqualTo(stream.messages());
        assertThat(restored.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_create_response");
        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(restored.path("state").path("last_seq").asLong()).isEqualTo(stream.lastSeq());
        assertThat(StreamView.of(jsm)).isEqualTo(stream);
        assertThat(messages(jsm, stream.lastSeq())).isEqualTo(messagesBefore);
        assertThat(ConsumerView.of(jsm.getConsumerInfo("ORDERS", "WORKER"))).isEqualTo(ConsumerView.of(workerBefore));
        assertThat(ConsumerView.of(jsm.getConsumerInfo("ORDERS", "AUDIT"))).isEqualTo(ConsumerView.of(auditBefore));

        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connect();
        jsm = connection.jetStreamManagement();
        assertThat(StreamView.of(jsm)).isEqualTo(stream);
        assertThat(ConsumerView.of(jsm.getConsumerInfo("ORDERS", "WORKER"))).isEqualTo(ConsumerView.of(workerBefore));
        var next = connection.jetStream().publish("orders.a", "after".getBytes(StandardCharsets.UTF_8));
        assertThat(next.getSeqno()).isEqualTo(stream.lastSeq() + 1);
        var worker = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "WORKER"));
        var fetched = worker.fetch(1, WAIT);
        assertThat(fetched).hasSize(1);
        assertThat(fetched.getFirst().metaData().streamSequence())
                .isGreaterThan(workerBefore.getDelivered().getStreamSequence());
    }

    @Test
    void restoresAStreamAndAConsumerNamedInUtf8UnderTheirOwnNames() throws Exception {
        // the Java client refuses names that are not ASCII, so the API is asked directly
        client.request("$JS.API.STREAM.CREATE.ördërs", "{\"name\":\"ördërs\",\"subjects\":[\"orders.>\"]}");
        client.request(
                "$JS.API.CONSUMER.CREATE.ördërs.dür",
                "{\"stream_name\":\"ördërs\",\"config\":{\"durable_name\":\"dür\",\"ack_policy\":\"explicit\"}}");
        connection.jetStream().publish("orders.a", new byte[] {1});

        var backup = client.snapshot("ördërs", "{\"chunk_size\":4096}");
        client.request("$JS.API.STREAM.DELETE.ördërs", "");
        var restored = client.restore("ördërs", backup.restoreRequest(), backup.archive());
        var consumer = client.request("$JS.API.CONSUMER.INFO.ördërs.dür", "");
        var deleted = client.request("$JS.API.CONSUMER.DELETE.ördërs.dür", "");
        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connect();

        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(restored.path("state").path("messages").asLong()).isEqualTo(1);
        assertThat(consumer.path("num_pending").asLong()).isEqualTo(1);
        assertThat(deleted.path("success").asBoolean()).isTrue();
        assertThat(client.request("$JS.API.CONSUMER.NAMES.ördërs", "").path("consumers"))
                .isEmpty();
    }

    @Test
    void leavesConsumersOutWhenAskedTo() throws Exception {
        var jsm = connection.jetStreamManagement();
        var stream = fillOrders(jsm);

        var backup = client.snapshot("ORDERS", "{\"no_consumers\":true}");
        jsm.deleteStream("ORDERS");
        var restored = client.restore("ORDERS", backup.restoreRequest(), backup.archive());

        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(StreamView.of(jsm).withoutConsumers()).isEqualTo(stream.withoutConsumers());
        assertThat(jsm.getConsumerNames("ORDERS")).isEmpty();
    }

    @Test
    void restoresACompressedWorkQueueWhereItsConsumerLeftOff() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .compressionOption(CompressionOption.S2)
                .build());
        jsm.addOrUpdateConsumer(
                "JOBS",
                ConsumerConfiguration.builder()
                        .durable("RUNNER")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMinutes(5))
                        .build());
        for (var i = 1; i <= 30; i++) {
            connection.jetStream().publish("jobs", ("job " + i).repeat(20).getBytes(StandardCharsets.UTF_8));
        }
        var runner = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "RUNNER"));
        var taken = new ArrayList<io.nats.client.Message>();
        while (taken.size() < 12) {
            taken.addAll(runner.fetch(12 - taken.size(), WAIT));
        }
        for (var message : taken.subList(0, 10)) {
            message.ackSync(WAIT);
        }
        runner.unsubscribe();
        await().atMost(WAIT)
                .until(() -> jsm.getStreamInfo("JOBS").getStreamState().getMsgCount() == 20);
        var stream = StreamView.of(jsm, "JOBS");
        var consumer = ConsumerView.of(jsm.getConsumerInfo("JOBS", "RUNNER"));

        var backup = client.snapshot("JOBS", "{}");
        jsm.deleteStream("JOBS");
        var restored = client.restore("JOBS", backup.restoreRequest(), backup.archive());

        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(restored.path("config").path("compression").asText()).isEqualTo("s2");
        assertThat(StreamView.of(jsm, "JOBS")).isEqualTo(stream);
        assertThat(ConsumerView.of(jsm.getConsumerInfo("JOBS", "RUNNER"))).isEqualTo(consumer);
        var next = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "RUNNER"));
        var fetched = next.fetch(1, WAIT);
        assertThat(fetched).hasSize(1);
        assertThat(fetched.getFirst().metaData().streamSequence()).isEqualTo(13);
    }

    @Test
    void holdsASlowClientToItsWindowOfUnacknowledgedChunks() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(
                StreamConfiguration.builder().name("BLOBS").subjects("blobs").build());
        var random = new Random(7);
        for (var i = 0; i < 48; i++) {
            var payload = new byte[1024];
            random.nextBytes(payload);
            connection.jetStream().publish("blobs", payload);
        }
        var stream = StreamView.of(jsm, "BLOBS");

        var backup = client.snapshot("BLOBS", "{\"chunk_size\":1024,\"window_size\":4096}", Duration.ofMillis(10));
        jsm.deleteStream("BLOBS");
        var restored = client.restore("BLOBS", backup.restoreRequest(), backup.archive());

        assertThat(backup.status()).isEqualTo(204);
        assertThat(backup.chunks()).isGreaterThan(40);
        assertThat(backup.mostUnacknowledged()).isEqualTo(4);
        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(StreamView.of(jsm, "BLOBS")).isEqualTo(stream);
    }

    @Test
    void cutsOneConsistentMomentWhilePublishesGoOn() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(
                StreamConfiguration.builder().name("TICKS").subjects("ticks.*").build());
        for (var i = 0; i < 200; i++) {
            connection.jetStream().publish("ticks." + (i % 5), ("tick " + i).getBytes(StandardCharsets.UTF_8));
        }
        var publishing = new AtomicBoolean(true);
        var publisher = Thread.ofPlatform().start(() -> {
            for (var i = 0; publishing.get() && i < 1_000_000; i++) {
                connection.publish("ticks." + (i % 5), ("more " + i).getBytes(StandardCharsets.UTF_8));
            }
        });

        SnapshotClient.Backup backup;
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jsm.getStreamInfo("TICKS").getStreamState().getLastSequence() > 2_000);
            backup = client.snapshot("TICKS", "{}");
            var cutLast = backup.response().path("state").path("last_seq").asLong();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jsm.getStreamInfo("TICKS").getStreamState().getLastSequence() > cutLast + 100);
        } finally {
            publishing.set(false);
            publisher.join();
        }
        jsm.deleteStream("TICKS");
        var restored = client.restore("TICKS", backup.restoreRequest(), backup.archive());

        var atCut = backup.response().path("state");
        var after = jsm.getStreamInfo("TICKS").getStreamState();
        assertThat(restored.has("error")).as(restored.toString()).isFalse();
        assertThat(after.getMsgCount()).isEqualTo(atCut.path("messages").asLong());
        assertThat(after.getLastSequence()).isEqualTo(atCut.path("last_seq").asLong());
        assertThat(after.getByteCount()).isEqualTo(atCut.path("bytes").asLong());
        assertThat(after.getLastSequence()).isGreaterThan(2_000);
    }

    /**
     * ORDERS with 50 messages (some with headers), 1-4 purged, 10, 20 and the last deleted; WORKER has 6 of 10
     * fetched messages acknowledged and 4 pending, AUDIT (filtered) none.
     */
    private StreamView fillOrders(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File)
                .build());
        var js = connection.jetStream();
        for (var i = 1; i <= 50; i++) {
            var subject = i % 3 == 0 ? "orders.b" : "orders.a";
            var data = ("order " + i).getBytes(StandardCharsets.UTF_8);
            if (i % 7 == 0) {
                js.publish(io.nats.client.impl.NatsMessage.builder()
                        .subject(subject)
                        .headers(new Headers().add("Order-Id", "id-" + i))
                        .data(data)
                        .build());
            } else {
                js.publish(subject, data);
            }
        }
        jsm.purgeStream("ORDERS", PurgeOptions.builder().sequence(5).build());
        jsm.deleteMessage("ORDERS", 10);
        jsm.deleteMessage("ORDERS", 20, false);
        jsm.deleteMessage("ORDERS", 50);
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("WORKER")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMinutes(5))
                        .build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("AUDIT")
                        .filterSubject("orders.b")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        var worker = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "WORKER"));
        var fetched = new ArrayList<io.nats.client.Message>();
        while (fetched.size() < 10) {
            fetched.addAll(worker.fetch(10 - fetched.size(), WAIT));
        }
        for (var message : fetched.subList(0, 6)) {
            message.ackSync(WAIT);
        }
        worker.unsubscribe();
        return StreamView.of(jsm);
    }

    private static List<String> messages(JetStreamManagement jsm, long lastSeq) throws Exception {
        var messages = new ArrayList<String>();
        var deleted = jsm.getStreamInfo("ORDERS", StreamInfoOptions.deletedDetails())
                .getStreamState()
                .getDeleted();
        var first = jsm.getStreamInfo("ORDERS").getStreamState().getFirstSequence();
        for (var sequence = first; sequence <= lastSeq; sequence++) {
            if (deleted.contains(sequence) || sequence == lastSeq) {
                continue;
            }
            var message = jsm.getMessage("ORDERS", sequence);
            messages.add(message.getSeq() + " " + message.getSubject() + " "
                    + message.getTime().toInstant() + " "
                    + (message.getHeaders() == null ? "" : message.getHeaders().get("Order-Id")) + " "
                    + new String(message.getData(), StandardCharsets.UTF_8));
        }
        return messages;
    }

    /** What a stream's info says of its content and identity. */
    record StreamView(
            long messages,
            long bytes,
            long firstSeq,
            ZonedDateTime firstTime,
            long lastSeq,
            ZonedDateTime lastTime,
            long subjects,
            List<Long> deleted,
            long consumers,
            ZonedDateTime created) {
        static StreamView of(JetStreamManagement jsm) throws Exception {
            return of(jsm, "ORDERS");
        }

        static StreamView of(JetStreamManagement jsm, String name) throws Exception {
            var info = jsm.getStreamInfo(name, StreamInfoOptions.deletedDetails());
            var state = info.getStreamState();
            return new StreamView(
                    state.getMsgCount(),
                    state.getByteCount(),
                    state.getFirstSequence(),
                    state.getFirstTime(),
                    state.getLastSequence(),
                    state.getLastTime(),
                    state.getSubjectCount(),
                    state.getDeleted() == null ? List.of() : state.getDeleted(),
                    state.getConsumerCount(),
                    info.getCreateTime());
        }

        StreamView withoutConsumers() {
            return new StreamView(
                    messages, bytes, firstSeq, firstTime, lastSeq, lastTime, subjects, deleted, 0, created);
        }
    }

    /** What a consumer's info says of its position and acks. */
    record ConsumerView(
            String name,
            String filter,
            long deliveredConsumerSeq,
            long deliveredStreamSeq,
            long ackFloorConsumerSeq,
            long ackFloorStreamSeq,
            long ackPending,
            long redelivered,
            long pending,
            ZonedDateTime created) {
        static ConsumerView of(ConsumerInfo info) {
            return new ConsumerView(
                    info.getName(),
                    info.getConsumerConfiguration().getFilterSubject(),
                    info.getDelivered().getConsumerSequence(),
                    info.getDelivered().getStreamSequence(),
                    info.getAckFloor().getConsumerSequence(),
                    info.getAckFloor().getStreamSequence(),
                    info.getNumAckPending(),
                    info.getRedelivered(),
                    info.getNumPending(),
                    info.getCreationTime());
        }
    }

    static JsonNode error(JsonNode response) {
        return response.path("error");
    }
}
