package io.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction server} killed with SIGKILL in the middle of publishing and acknowledging, then restarted on the
 * same store directory, several times over: what the server acknowledged must be there after every restart.
 */
class JetStreamKillTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STREAM = "CRASH";
    private static final String WORKER = "worker";
    private static final int KILLS = 4;

    @TempDir
    Path storeDir;

    @Test
    void keepsEveryAcknowledgedPublishAndAckSyncAcrossKills() throws Exception {
        var seed = Long.getLong("junction.crash.seed", System.nanoTime());
        var random = new Random(seed);
        var acked = new ConcurrentHashMap<Long, CrashPublisher.Published>();
        Set<Long> confirmed = ConcurrentHashMap.newKeySet();
        Set<Long> unconfirmed = ConcurrentHashMap.newKeySet();
        var context = "seed " + seed + " (rerun with -Djunction.crash.seed=" + seed + ")";

        for (var kill = 0; kill <= KILLS; kill++) {
            try (var server = startServer();
                    var connection = connect(server)) {
                if (kill == 0) {
                    createStreamAndWorker(connection);
                } else {
                    verifyAfterRestart(
                            connection, acked, confirmed, unconfirmed, context + ", after kill " + kill, server);
                }
                if (kill == KILLS) {
                    break;
                }

                var run = "k" + kill;
                var publisher = new CrashPublisher(connection.jetStream(), STREAM, run, acked);
                var worker = new CrashWorker(workerSubscription(connection), confirmed, unconfirmed, random.nextLong());
                var threads = new Thread[] {
                    Thread.ofPlatform().name("publisher-" + run).start(publisher),
                    Thread.ofPlatform().name("worker-" + run).start(worker)
                };
                Thread.sleep(300 + random.nextInt(900));

                server.process().destroyForcibly();
                assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                publisher.stop();
                worker.stop();
                connection.close();
                for (var thread : threads) {
                    thread.join(10_000);
                }
                assertThat(publisher.problems()).as(context).isEmpty();
                assertThat(worker.problems()).as(context).isEmpty();
                assertThat(acked)
                        .as("nothing was acknowledged before kill %d; %s", kill + 1, context)
                        .isNotEmpty();
            }
        }
    }

    @Test
    void keepsTheLastSequenceOfAWorkQueueEmptiedByAcksAcrossAKill() throws Exception {
        try (var server = startServer();
                var connection = connect(server)) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("JOBS")
                    .subjects("jobs.>")
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .storageType(StorageType.File)
                    .build());
            jsm.addOrUpdateConsumer(
                    "JOBS",
                    ConsumerConfiguration.builder()
                            .durable("w")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            for (var i = 0; i < 20; i++) {
                connection.jetStream().publish("jobs." + i % 3, new byte[] {(byte) i});
            }
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));
            for (var message : subscription.fetch(20, WAIT)) {
                message.ackSync(WAIT);
            }
            await().atMost(WAIT)
                    .until(() -> jsm.getStreamInfo("JOBS").getStreamState().getMsgCount() == 0);

            server.process().destroyForcibly();
            assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        try (var server = startServer();
                var connection = connect(server)) {
            var jsm = connection.jetStreamManagement();
            var state = jsm.getStreamInfo("JOBS").getStreamState();
            var next = connection.jetStream().publish("jobs.0", new byte[] {20});
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));

            assertThat(state.getMsgCount()).isZero();
            assertThat(state.getLastSequence()).isEqualTo(20);
            assertThat(state.getFirstSequence()).isEqualTo(21);
            assertThat(next.getSeqno()).isEqualTo(21);
            assertThat(subscription.fetch(5, Duration.ofSeconds(1)))
                    .extracting(message -> message.metaData().streamSequence())
                    .containsExactly(21L);
        }
    }

    @Test
    void keepsWhereANewDurableConsumerStartsWhenKilledRightAfterItsCreation() throws Exception {
        try (var server = startServer();
                var connection = connect(server)) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("EVENTS")
                    .subjects("events.>")
                    .storageType(StorageType.File)
                    .build());
            connection.jetStream().publish("events.old", new byte[] {0});
            jsm.addOrUpdateConsumer(
                    "EVENTS",
                    ConsumerConfiguration.builder()
                            .durable("fresh")
                            .ackPolicy(AckPolicy.Explicit)
                            .deliverPolicy(DeliverPolicy.New)
                            .build());
            var acks = new ArrayList<CompletableFuture<PublishAck>>();
            for (var i = 1; i <= 3; i++) {
                acks.add(connection.jetStream().publishAsync("events.new", new byte[] {(byte) i}));
            }
            for (var ack : acks) {
                ack.get(10, TimeUnit.SECONDS);
            }

            server.process().destroyForcibly();
            assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        try (var server = startServer();
                var connection = connect(server)) {
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("EVENTS", "fresh"));

            assertThat(subscription.fetch(5, Duration.ofSeconds(2)))
                    .extracting(message -> message.metaData().streamSequence())
                    .containsExactly(2L, 3L, 4L);
        }
    }

    private void createStreamAndWorker(Connection connection) throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name(STREAM)
                .subjects("crash.>")
                .storageType(StorageType.File)
                .build());
        jsm.addOrUpdateConsumer(
                STREAM,
                ConsumerConfiguration.builder()
                        .durable(WORKER)
                        .filterSubject(CrashPublisher.WORK)
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofSeconds(30))
                        .build());
    }

    private static void verifyAfterRestart(
            Connection connection,
            ConcurrentHashMap<Long, CrashPublisher.Published> acked,
            Set<Long> confirmed,
            Set<Long> unconfirmed,
            String context,
            ServerProcess server)
            throws Exception {
        var state = connection.jetStreamManagement().getStreamInfo(STREAM).getStreamState();
        var stored = verifyStored(connection, acked, context);
        verifyWorker(connection, stored, confirmed, unconfirmed, context);

        var payload = ("after-" + context).getBytes(StandardCharsets.UTF_8);
        var next = connection.jetStream().publish(CrashPublisher.BULK, payload);
        assertThat(next.getSeqno()).as(context).isEqualTo(state.getLastSequence() + 1);
        acked.put(next.getSeqno(), new CrashPublisher.Published(CrashPublisher.BULK, payload));
        assertThat(server.log()).as(context).noneMatch(line -> line.contains("[ERR]"));
    }

    /** Every acked message at its sequence, every message once, sequences without gaps; returns them by sequence. */
    private static TreeMap<Long, CrashPublisher.Published> verifyStored(
            Connection connection, Map<Long, CrashPublisher.Published> acked, String context) throws Exception {
        var state = connection.jetStreamManagement().getStreamInfo(STREAM).getStreamState();
        var stored = StreamAudit.readAll(connection, STREAM);
        var bySequence = new TreeMap<Long, CrashPublisher.Published>();
        var byPayload = new HashMap<String, Long>();
        for (var message : stored) {
            bySequence.put(message.sequence(), message.message());
            var twice = byPayload.put(message.message().text(), message.sequence());
            assertThat(twice)
                    .as("%s stored twice; %s", message.message(), context)
                    .isNull();
        }

        assertThat(stored)
                .as(context)
                .extracting(StreamAudit.Stored::sequence)
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(state.getFirstSequence()).as(context).isEqualTo(1);
        assertThat(stored).as(context).hasSize((int) state.getLastSequence());
        assertThat(state.getLastSequence()).as(context).isGreaterThanOrEqualTo(Collections.max(acked.keySet()));
        acked.forEach((sequence, published) -> {
            var found = bySequence.get(sequence);
            assertThat(found)
                    .as("acked sequence %d (%s); %s", sequence, published, context)
                    .isNotNull();
            assertThat(found.subject()).as(context).isEqualTo(published.subject());
            assertThat(found.text())
                    .as("acked sequence %d; %s", sequence, context)
                    .isEqualTo(published.text());
        });
        return bySequence;
    }

    /** The ack floor kept every confirmed AckSync; what was not acknowledged comes again, what was does not. */
    private static void verifyWorker(
            Connection connection,
            TreeMap<Long, CrashPublisher.Published> stored,
            Set<Long> confirmed,
            Set<Long> unconfirmed,
            String context)
            throws Exception {
        var jsm = connection.jetStreamManagement();
        var floor = confirmedAckFloor(stored, confirmed);
        var info = jsm.getConsumerInfo(STREAM, WORKER);
        assertThat(info.getAckFloor().getStreamSequence())
                .as("ack floor of %s after restart; confirmed up to %d; %s", WORKER, floor, context)
                .isGreaterThanOrEqualTo(floor);

        var worker = new CrashWorker(workerSubscription(connection), confirmed, unconfirmed, 0);
        worker.drain(jsm, STREAM, WORKER);

        assertThat(worker.problems()).as(context).isEmpty();
        var acknowledged = new HashSet<>(confirmed);
        acknowledged.addAll(unconfirmed);
        var work = stored.entrySet().stream()
                .filter(entry -> entry.getValue().subject().equals(CrashPublisher.WORK))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(acknowledged)
                .as("every work message was delivered again until acknowledged; %s", context)
                .containsAll(work);
    }

    /** The highest stream sequence up to which every work message had its AckSync confirmed. */
    private static long confirmedAckFloor(TreeMap<Long, CrashPublisher.Published> stored, Set<Long> confirmed) {
        var floor = 0L;
        for (var entry : stored.entrySet()) {
            if (!entry.getValue().subject().equals(CrashPublisher.WORK)) {
                continue;
            }
            if (!confirmed.contains(entry.getKey())) {
                break;
            }
            floor = entry.getKey();
        }
        return floor;
    }

    private static JetStreamSubscription workerSubscription(Connection connection) throws Exception {
        return connection.jetStream().subscribe(null, PullSubscribeOptions.bind(STREAM, WORKER));
    }

    private ServerProcess startServer() throws Exception {
        return ServerProcess.start("server", "-a", "127.0.0.1", "-p", "-1", "-sd", storeDir.toString());
    }

    private static Connection connect(ServerProcess server) throws Exception {
        var port = server.awaitListening(WAIT);
        return Nats.connect(Options.builder()
                .server("nats://127.0.0.1:" + port)
                .maxReconnects(0)
                .connectionTimeout(WAIT)
                .errorListener(new ErrorListener() {})
                .build());
    }
}
