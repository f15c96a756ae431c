package io.junction.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * One client fetching batches from a durable pull consumer with explicit acks and acking every message, over a
 * stream filled once per server before its first round. Each round makes the consumer afresh, so every round reads
 * the stream from its first message. The round ends when the server has taken in every ack (the consumer's ack
 * floor reaches what was delivered) and counts only those acks.
 */
final class PullFetchScenario implements Scenario {
    private static final String STREAM = "BENCH_FETCH";
    private static final String SUBJECT = "bench.fetch";
    private static final String DURABLE = "bench-fetch";
    private static final Duration FETCH_WAIT = Duration.ofSeconds(2);
    private static final Duration PREFILL_TIMEOUT = Duration.ofMinutes(5);
    private static final long ACK_POLL_NANOS = 1_000_000;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final JetStreamLoad load;
    private final byte[] payload;

    PullFetchScenario(JetStreamLoad load) {
        this.load = load;
        this.payload = load.payload();
    }

    @Override
    public String key() {
        return "fetch";
    }

    @Override
    public String title() {
        return "pull fetch + ack";
    }

    @Override
    public String description() {
        return "1 client fetching batches of " + load.batch() + " from a durable pull consumer (explicit acks) over a"
                + " file stream of " + String.format(Locale.ROOT, "%,d", load.prefill())
                + " messages, acking each; counts acks the server took in";
    }

    @Override
    public void prepare(ServerProcess server) throws Exception {
        try (var clients = new Clients(server.url())) {
            prefill(server, clients.connect("fetch-prefill"), clients.problems());
        }
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        try (var clients = new Clients(server.url())) {
            var admin = clients.connect("fetch-admin");
            var management = admin.jetStreamManagement();
            prefill(server, admin, clients.problems());
            deleteConsumer(management);
            management.addOrUpdateConsumer(STREAM, consumer());
            try {
                var connection = clients.connect("fetch-consumer");
                var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind(STREAM, DURABLE));
                var counts = new Counts();
                var workers = new Workers(clock, duration, clients.problems());
                workers.add("fetch-consumer", () -> {
                    fetchUntil(subscription, workers.deadlineNanos(), counts);
                    awaitAcks(management, counts.acked);
                });

                workers.run();
                subscription.unsubscribe();
                clients.checkConnected();
                long confirmed = management
                        .getConsumerInfo(STREAM, DURABLE)
                        .getAckFloor()
                        .getConsumerSequence();
                if (counts.exhausted) {
                    clients.problems().add("the stream ran out before the round's time; raise --prefill");
                }

                return RoundResult.of(
                        Math.min(confirmed, counts.acked),
                        clock,
                        Math.max(0, counts.acked - confirmed),
                        counts.redelivered + counts.malformed,
                        null,
                        clients.problems().list());
            } finally {
                deleteConsumer(management);
            }
        }
    }

    /** What the fetching thread saw; read once it has finished. */
    private static final class Counts {
        long acked;
        long redelivered;
        long malformed;
        boolean exhausted;
    }

    private ConsumerConfiguration consumer() {
        return ConsumerConfiguration.builder()
                .durable(DURABLE)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .maxAckPending(Math.max(1000, 10L * load.batch()))
                .build();
    }

    private void fetchUntil(JetStreamSubscription subscription, long deadline, Counts counts) {
        while (System.nanoTime() < deadline) {
            if (counts.acked >= load.prefill()) {
                counts.exhausted = true;
                return;
            }
            var messages = subscription.fetch(load.batch(), FETCH_WAIT);
            if (messages.isEmpty()) {
                throw new IllegalStateException("a fetch returned nothing after " + counts.acked + " messages");
            }
            for (var message : messages) {
                if (message.getData().length != payload.length) {
                    counts.malformed++;
                }
                if (message.metaData().deliveredCount() > 1) {
                    counts.redelivered++;
                }
                message.ack();
                counts.acked++;
            }
        }
    }

    /** Waits until the consumer's ack floor covers every ack sent, or the drain timeout passes. */
    private void awaitAcks(JetStreamManagement management, long acked) throws IOException, JetStreamApiException {
        long deadline = System.nanoTime() + load.drainTimeout().toNanos();
        while (management.getConsumerInfo(STREAM, DURABLE).getAckFloor().getConsumerSequence() < acked
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(ACK_POLL_NANOS);
        }
    }

    /** Fills the stream once per server; later rounds find it full and reuse it. */
    private void prefill(ServerProcess server, Connection admin, ClientProblems problems) throws Exception {
        var management = admin.jetStreamManagement();
        if (Streams.messages(management, STREAM) == load.prefill()) {
            return;
        }
        Streams.recreate(management, Streams.fileStream(STREAM, SUBJECT));
        var publisher =
                new AsyncPublisher(admin.jetStream(), SUBJECT, payload, load.window(), "fetch-prefill", problems);
        long start = System.nanoTime();
        publisher.publish(start + PREFILL_TIMEOUT.toNanos(), load.prefill(), load.drainTimeout());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (publisher.acked() != load.prefill()) {
            throw new BenchException("could not fill " + STREAM + " on " + server.name() + ": " + publisher.acked()
                    + " of " + load.prefill() + " publishes acked; " + problems.list());
        }
        Printer.progress(String.format(
                Locale.ROOT,
                "filled %s on %s with %,d messages in %.1f s (1 connection, %,.0f msgs/s)",
                STREAM,
                server.name(),
                load.prefill(),
                seconds,
                load.prefill() / seconds));
    }

    private static void deleteConsumer(JetStreamManagement management) throws IOException, JetStreamApiException {
        try {
            management.deleteConsumer(STREAM, DURABLE);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
        }
    }
}
