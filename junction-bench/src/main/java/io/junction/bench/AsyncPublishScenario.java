package io.junction.bench;

import java.time.Duration;
import java.util.ArrayList;

/**
 * Publishers on their own connections, each a thread calling {@code publishAsync} with a bounded window of acks
 * outstanding, into a file stream made afresh for every round. The round ends when every ack has come or the drain
 * timeout has passed; only acked messages count, and the stream must hold exactly that many.
 */
final class AsyncPublishScenario implements Scenario {
    private static final String STREAM = "BENCH_PUBLISH";
    private static final String SUBJECT = "bench.publish";

    private final JetStreamLoad load;
    private final byte[] payload;
    private final String key;
    private final String title;
    private final String description;

    private AsyncPublishScenario(JetStreamLoad load, String key, String title, String description) {
        this.load = load;
        this.payload = load.payload();
        this.key = key;
        this.title = title;
        this.description = description;
    }

    /** The row of Junction as it runs by default, acknowledging a publish after the fsync that covers it. */
    static AsyncPublishScenario fsyncBeforeAck(JetStreamLoad load) {
        return new AsyncPublishScenario(
                load,
                "publish",
                "async publish",
                load.publishers() + " publisher connections, publishAsync with at most " + load.window()
                        + " acks outstanding each, into a file stream made afresh each round; counts acked messages");
    }

    /** The same load, in a row of its own, against Junction started with nats-server's looser durability. */
    static AsyncPublishScenario syncInterval(JetStreamLoad load) {
        return new AsyncPublishScenario(
                load,
                "publish-sync-interval",
                "  " + JetStreamTarget.JUNCTION_SYNC_INTERVAL.label(),
                "the async publish load against Junction started with jetstream { sync_interval: \""
                        + JetStreamTarget.SYNC_INTERVAL
                        + "\" }, acknowledging before the fsync as nats-server 2.9 does");
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        try (var clients = new Clients(server.url())) {
            var management = clients.connect(key + "-admin").jetStreamManagement();
            Streams.recreate(management, Streams.fileStream(STREAM, SUBJECT));
            try {
                var workers = new Workers(clock, duration, clients.problems());
                var publishers = new ArrayList<AsyncPublisher>();
                for (int i = 0; i < load.publishers(); i++) {
                    var name = key + "-pub-" + i;
                    var connection = clients.connect(name);
                    var publisher = new AsyncPublisher(
                            connection.jetStream(), SUBJECT, payload, load.window(), name, clients.problems());
                    publishers.add(publisher);
                    workers.add(
                            name,
                            () -> publisher.publish(workers.deadlineNanos(), Long.MAX_VALUE, load.drainTimeout()));
                }

                workers.run();
                clients.checkConnected();
                long acked =
                        publishers.stream().mapToLong(AsyncPublisher::acked).sum();
                long stored = Streams.messages(management, STREAM);
                if (stored != acked) {
                    clients.problems().add("the stream holds " + stored + " messages but " + acked + " were acked");
                }

                return RoundResult.of(
                        acked,
                        clock,
                        publishers.stream().mapToLong(AsyncPublisher::missing).sum(),
                        publishers.stream()
                                .mapToLong(AsyncPublisher::duplicates)
                                .sum(),
                        null,
                        clients.problems().list());
            } finally {
                Streams.deleteIfPresent(management, STREAM);
            }
        }
    }
}
