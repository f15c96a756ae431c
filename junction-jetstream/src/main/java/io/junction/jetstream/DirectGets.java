package io.junction.jetstream;

import io.junction.jetstream.stream.Stream;
import io.junction.nats.server.NatsServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The direct-get responders: one per stream with {@code allow_direct}, and one per mirror with {@code mirror_direct}
 * for its origin's subjects. A mirror joins its origin's responders only once it has caught up (fewer than
 * nats-server's 10 messages behind), so that a get answered by the mirror finds what the origin would find. All
 * responders serve on one thread.
 *
 * <p>Changed from the API thread and checked from the sweeper; the methods are synchronized, as both are rare.
 */
final class DirectGets implements AutoCloseable {
    private static final long CAUGHT_UP = 10;

    private final NatsServer server;
    private final StreamRegistry registry;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("jetstream-direct").daemon().factory());
    private final Map<String, DirectGet> own = new HashMap<>();
    private final Map<String, DirectGet> forOrigin = new HashMap<>();
    private final Map<String, String> notCaughtUp = new HashMap<>();

    DirectGets(NatsServer server, StreamRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Subscribes or unsubscribes the stream's responders to match its configuration. */
    synchronized void sync(Stream stream) {
        forget(stream.name());
        var config = stream.config();
        if (config.allowDirect()) {
            own.put(stream.name(), new DirectGet(server, stream.name(), stream, executor));
        }
        if (config.mirrorDirect() && config.mirror() != null) {
            notCaughtUp.put(stream.name(), config.mirror().name());
            joinCaughtUpMirrors();
        }
    }

    synchronized void forget(String name) {
        close(own.remove(name));
        close(forOrigin.remove(name));
        notCaughtUp.remove(name);
    }

    /** Lets each waiting mirror that has caught up with its origin answer for it. */
    synchronized void joinCaughtUpMirrors() {
        var iterator = notCaughtUp.entrySet().iterator();
        while (iterator.hasNext()) {
            var entry = iterator.next();
            var mirror = registry.get(entry.getKey());
            var origin = registry.get(entry.getValue());
            if (mirror == null || origin == null) {
                continue;
            }
            var behind =
                    origin.store().state().lastSeq() - mirror.store().state().lastSeq();
            if (behind < CAUGHT_UP) {
                forOrigin.put(mirror.name(), new DirectGet(server, entry.getValue(), mirror, executor));
                iterator.remove();
            }
        }
    }

    @Override
    public synchronized void close() {
        own.values().forEach(DirectGet::close);
        forOrigin.values().forEach(DirectGet::close);
        own.clear();
        forOrigin.clear();
        notCaughtUp.clear();
        executor.shutdown();
    }

    private static void close(DirectGet responder) {
        if (responder != null) {
            responder.close();
        }
    }
}
