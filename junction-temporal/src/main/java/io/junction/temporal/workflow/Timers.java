package io.junction.temporal.workflow;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engine callbacks at deadlines: user timers, activity and workflow task timeouts, retry backoffs, workflow
 * timeouts. Deadlines live in each run's stored state; after a restart recovery arms them again, so a timer that
 * came due while the server was down fires at once. Callbacks check the run's state and ignore stale deadlines.
 */
final class Timers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("temporal-timers").daemon().factory());
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    /** Runs {@code action} at {@code epochMillis}, or at once if that has passed. */
    void at(long epochMillis, Runnable action) {
        var delay = Math.max(0, epochMillis - System.currentTimeMillis());
        clock.schedule(() -> work.execute(() -> run(action)), delay, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} soon, on its own thread. */
    void now(Runnable action) {
        work.execute(() -> run(action));
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (EngineException e) {
            LOG.debug("timer action refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("timer action failed", e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        work.shutdownNow();
    }
}
