package io.junction.bench;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One publisher thread: publishes in batches until the round's time is up, then flushes so that the server has read
 * everything. It stays at most {@code window} deliveries ahead of its flow's subscribers, so neither server builds up
 * a backlog that would end with a slow consumer being cut off.
 */
final class PublisherLoop implements Runnable {
    private static final int BATCH = 64;
    private static final long PAUSE_NANOS = 50_000;

    private final Connection connection;
    private final Flow flow;
    private final int index;
    private final byte[] payload;
    private final Round round;

    /** What all publishers of a round share: the start signal, the clock, and the limits. */
    record Round(
            CountDownLatch start,
            RoundClock clock,
            Duration duration,
            long window,
            Duration flushTimeout,
            ClientProblems problems) {}

    PublisherLoop(Connection connection, Flow flow, int index, byte[] payload, Round round) {
        this.connection = connection;
        this.flow = flow;
        this.index = index;
        this.payload = payload;
        this.round = round;
    }

    String name() {
        return connection.getOptions().getConnectionName();
    }

    @Override
    public void run() {
        try {
            round.start().await();
            publishUntil(round.clock().startNanos() + round.duration().toNanos());
            connection.flush(round.flushTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            round.problems().add(name() + " flush timed out");
        } catch (RuntimeException e) {
            round.problems().add(name() + " publish failed: " + e);
        }
    }

    private void publishUntil(long deadline) {
        var subject = flow.subject();
        long sent = 0;
        do {
            for (int i = 0; i < BATCH; i++) {
                connection.publish(subject, payload);
            }
            sent += BATCH;
            flow.published(index, sent);
            while (flow.lag() > round.window() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } while (System.nanoTime() < deadline);
    }
}
