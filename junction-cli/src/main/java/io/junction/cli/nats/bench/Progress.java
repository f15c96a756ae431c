package io.junction.cli.nats.bench;

import io.junction.cli.nats.Cli;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on standard error, redrawn five times a second, only when a person watches a terminal; in pipes
 * and files nothing is drawn, so the summary stays clean for scripts.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 40;

    private final Cli cli;
    private final String label;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService timer;

    Progress(Cli cli, String label, long total) {
        this.cli = cli;
        this.label = label;
        this.total = total;
        if (cli.environment().terminal() && total > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                var thread = new Thread(runnable, "bench-progress");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    void add(long count) {
        done.addAndGet(count);
    }

    long done() {
        return done.get();
    }

    private void draw() {
        var fraction = Math.min(1.0, done.get() / (double) total);
        var filled = (int) (fraction * WIDTH);
        var bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        // CLI-OUTPUT:BEGIN
        cli.err().print("\r" + label + " [" + bar + "] " + (int) (fraction * 100) + "%");
        // CLI-OUTPUT:END
        cli.err().flush();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            draw();
            // CLI-OUTPUT:BEGIN
            cli.err().println();
            // CLI-OUTPUT:END
            cli.err().flush();
        }
    }
}
