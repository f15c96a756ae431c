package io.junction.bench;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Synchronous requesters, each on its own connection and waiting for every reply before the next request, against
 * one responder that answers from its dispatcher thread. Every round trip is timed.
 */
final class RequestReplyScenario implements Scenario {
    private static final String SUBJECT = "bench.request";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);

    private final Load load;
    private final byte[] payload;

    RequestReplyScenario(Load load) {
        this.load = load;
        this.payload = load.payload();
    }

    @Override
    public String key() {
        return "request";
    }

    @Override
    public String title() {
        return "request/reply";
    }

    @Override
    public String description() {
        return load.requesters() + " synchronous requesters (one connection each), 1 responder; counts replies";
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        try (var clients = new Clients(server.url())) {
            var responder = clients.connect("request-responder");
            var dispatcher = responder.createDispatcher(request -> responder.publish(request.getReplyTo(), payload));
            dispatcher.subscribe(SUBJECT);
            responder.flush(SETUP_TIMEOUT);

            var round = new Round(new CountDownLatch(1), clock, duration, clients.problems());
            var requesters = new ArrayList<Connection>();
            for (int i = 0; i < load.requesters(); i++) {
                requesters.add(clients.connect("request-requester-" + i));
            }
            var recorders = new ArrayList<LatencyRecorder>();
            var threads = new ArrayList<Thread>();
            for (var requester : requesters) {
                var recorder = new LatencyRecorder();
                recorders.add(recorder);
                var name = requester.getOptions().getConnectionName();
                threads.add(Thread.ofPlatform().name(name).start(() -> requestLoop(requester, recorder, round)));
            }

            clock.start();
            round.start.countDown();
            for (var thread : threads) {
                thread.join();
            }
            clock.stop();
            clients.checkConnected();

            return RoundResult.of(
                    round.replies.sum(),
                    clock,
                    round.timeouts.sum(),
                    round.malformed.sum(),
                    LatencyRecorder.merge(recorders),
                    clients.problems().list());
        }
    }

    /** What the requesters of one round share. */
    private record Round(
            CountDownLatch start,
            RoundClock clock,
            Duration duration,
            ClientProblems problems,
            LongAdder replies,
            LongAdder timeouts,
            LongAdder malformed) {
        Round(CountDownLatch start, RoundClock clock, Duration duration, ClientProblems problems) {
            this(start, clock, duration, problems, new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    private void requestLoop(Connection connection, LatencyRecorder recorder, Round round) {
        try {
            round.start.await();
            long deadline = round.clock.startNanos() + round.duration.toNanos();
            while (System.nanoTime() < deadline) {
                long sent = System.nanoTime();
                var reply = connection.request(SUBJECT, payload, load.drainTimeout());
                if (reply == null) {
                    round.timeouts.increment();
                    continue;
                }
                recorder.record(System.nanoTime() - sent);
                round.replies.increment();
                if (reply.getData().length != payload.length) {
                    round.malformed.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            round.problems.add(connection.getOptions().getConnectionName() + " request failed: " + e);
        }
    }
}
