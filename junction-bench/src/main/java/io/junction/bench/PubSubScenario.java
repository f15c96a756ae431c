package io.junction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishers and subscribers on separate connections, one thread per publisher and jnats's dispatcher thread per
 * subscriber. The round ends when every expected delivery has been counted, or when the drain timeout passes and the
 * rest are reported missing.
 */
final class PubSubScenario implements Scenario {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_NANOS = 100_000;

    private final Topology topology;
    private final Load load;
    private final byte[] payload;

    PubSubScenario(Topology topology, Load load) {
        this.topology = topology;
        this.load = load;
        this.payload = load.payload();
    }

    @Override
    public String key() {
        return topology.key();
    }

    @Override
    public String title() {
        return topology.title(load);
    }

    @Override
    public String description() {
        return topology.description(load);
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        var flows = topology.flows(load);
        try (var clients = new Clients(server.url())) {
            subscribe(clients, flows);
            var start = new CountDownLatch(1);
            var round = new PublisherLoop.Round(
                    start, clock, duration, load.window(), load.drainTimeout(), clients.problems());
            var publishers = new ArrayList<Thread>();
            for (var loop : connectPublishers(clients, flows, round)) {
                publishers.add(Thread.ofPlatform().name(loop.name()).start(loop));
            }

            clock.start();
            start.countDown();
            for (var publisher : publishers) {
                publisher.join();
            }
            awaitDrained(flows);
            clock.stop();
            clients.checkConnected();

            return result(flows, clock, clients.problems().list());
        }
    }

    private void subscribe(Clients clients, List<Flow> flows) throws Exception {
        for (int f = 0; f < flows.size(); f++) {
            var flow = flows.get(f);
            for (int s = 0; s < flow.subscribers(); s++) {
                var connection = clients.connect(key() + "-sub-" + f + "-" + s);
                var dispatcher = connection.createDispatcher(flow.counter(s, load.messageSize()));
                if (flow.queueGroup()) {
                    dispatcher.subscribe(flow.subject(), Topology.QUEUE_GROUP_NAME);
                } else {
                    dispatcher.subscribe(flow.subject());
                }
                // The PONG means the server has registered the subscription before anyone publishes.
                connection.flush(SETUP_TIMEOUT);
            }
        }
    }

    /** Connects every publisher before any thread starts, so a failed connection leaves no thread waiting. */
    private List<PublisherLoop> connectPublishers(Clients clients, List<Flow> flows, PublisherLoop.Round round)
            throws Exception {
        var loops = new ArrayList<PublisherLoop>();
        for (int f = 0; f < flows.size(); f++) {
            var flow = flows.get(f);
            for (int p = 0; p < flow.publishers(); p++) {
                var connection = clients.connect(key() + "-pub-" + f + "-" + p);
                loops.add(new PublisherLoop(connection, flow, p, payload, round));
            }
        }

        return loops;
    }

    private void awaitDrained(List<Flow> flows) {
        long deadline = System.nanoTime() + load.drainTimeout().toNanos();
        while (!drained(flows) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean drained(List<Flow> flows) {
        for (var flow : flows) {
            if (flow.missing() > 0) {
                return false;
            }
        }

        return true;
    }

    private RoundResult result(List<Flow> flows, RoundClock clock, List<String> problems) {
        long counted = 0;
        long missing = 0;
        long surplus = 0;
        for (var flow : flows) {
            counted += topology == Topology.PUBLISH_ONLY ? flow.published() : flow.delivered();
            missing += flow.missing();
            surplus += flow.surplus();
        }

        return RoundResult.of(counted, clock, missing, surplus, null, problems);
    }
}
