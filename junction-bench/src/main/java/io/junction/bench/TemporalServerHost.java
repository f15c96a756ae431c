package io.junction.bench;

import io.junction.temporal.TemporalServer;
import io.temporal.testserver.TestServer;
import java.util.concurrent.CountDownLatch;

/**
 * The child process that serves one of the compared Temporal servers, so that both run alike: each in a JVM of its
 * own with the same options, apart from the benchmark's client and workers, its CPU time and memory measured on
 * its own. It prints {@link #READY} once it accepts connections and serves until SIGTERM.
 *
 * <p>Usage: {@code TemporalServerHost in_memory <port>} or {@code TemporalServerHost junction <port> <jdbc-url>}.
 */
public final class TemporalServerHost {
    static final String READY = "temporal-bench: serving";

    private TemporalServerHost() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new BenchException("usage: TemporalServerHost in_memory <port> | junction <port> <jdbc-url>");
        }
        var target = TemporalTarget.of(args[0]);
        int port = Integer.parseInt(args[1]);
        AutoCloseable server =
                switch (target) {
                    case IN_MEMORY -> TestServer.createPortBoundServer(port);
                    case JUNCTION -> TemporalServer.start(ServerProcess.HOST, port, args[2]);
                };
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                server.close();
            } catch (Exception e) {
                Printer.progress("temporal-bench: closing " + target.label() + " failed: " + e);
            }
            stopped.countDown();
        }));
        Printer.progress(READY + " " + target.label() + " on port " + port + ", " + Runtime.version());

        stopped.await();
    }
}
