package io.junction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The load threads of one round, typically one per connection. They start together, the round's clock starts with
 * them and stops when the last one has finished, so a round's time covers whatever each does after the load to
 * account for it (waiting for acks, for instance).
 */
final class Workers {
    /** What one thread does once the round starts; a failure is recorded as a problem of the round. */
    interface Work {
        void run() throws Exception;
    }

    private final RoundClock clock;
    private final Duration duration;
    private final ClientProblems problems;
    private final CountDownLatch start = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    Workers(RoundClock clock, Duration duration, ClientProblems problems) {
        this.clock = clock;
        this.duration = duration;
        this.problems = problems;
    }

    /** When the load should stop; valid once the round has started. */
    long deadlineNanos() {
        return clock.startNanos() + duration.toNanos();
    }

    void add(String name, Work work) {
        threads.add(Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                start.await();
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                problems.add(name + " failed: " + e);
            }
        }));
    }

    /** Starts every thread and the clock, and returns when all have finished, with the clock stopped. */
    void run() throws InterruptedException {
        threads.forEach(Thread::start);
        clock.start();
        start.countDown();
        for (var thread : threads) {
            thread.join();
        }
        clock.stop();
    }
}
