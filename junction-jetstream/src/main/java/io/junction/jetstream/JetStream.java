package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiDispatcher;
import io.junction.jetstream.api.ApiRequest;
import io.junction.jetstream.api.ApiResponses;
import io.junction.jetstream.api.ApiRoute;
import io.junction.jetstream.api.WireText;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.nats.server.NatsServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JetStream on a running {@link NatsServer}: recovers the streams found in the store directory, then serves the
 * {@code $JS.API}. Start it after the server; close it before.
 */
public final class JetStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStream.class);

    private final NatsServer server;
    private final JetStreamConfig config;
    private final StreamRegistry registry;
    private final ApiDispatcher dispatcher;
    private final DirectGets directGets;
    private SnapshotEndpoints snapshots;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("jetstream-sweeper").daemon().factory());

    /** Prepares JetStream for a server that has not started yet; {@link #start} before the server's start. */
    public JetStream(NatsServer server, JetStreamConfig config) {
        this.server = server;
        var limited = DefaultLimits.apply(config);
        // the domain goes into subjects and JSON as every name here does, in the wire form
        this.config = new JetStreamConfig(
                limited.storeDir(),
                limited.maxMemory(),
                limited.maxStore(),
                limited.syncInterval(),
                WireText.fromText(limited.domain()));
        var streamsDirectory =
                config.storeDir().resolve("jetstream").resolve("$G").resolve("streams");
        this.registry = new StreamRegistry(
                server,
                streamsDirectory,
                config.syncInterval(),
                limited.maxMemory(),
                limited.maxStore(),
                config.domain());
        this.dispatcher = new ApiDispatcher(server);
        this.directGets = new DirectGets(server, registry);
        var advisories = registry.advisories();
        dispatcher.audit((subject, request, response) ->
                advisories.apiAudit(WireText.fromText(server.serverName()), subject, request, response));
    }

    /**
     * Prepares the store directory, recovers the streams and starts serving the API.
     *
     * @throws io.junction.jetstream.store.StoreException when the store directory cannot be created or written, with
     *     nats-server's reason; nothing is served then
     */
    public void start() {
        LOG.info("Starting JetStream");
        StoreDirectory.prepare(config.storeDir().resolve("jetstream"));
        LOG.info("    Max Memory:        {}", friendly(config.maxMemory()));
        LOG.info("    Max Storage:       {}", friendly(config.maxStore()));
        LOG.info("    Storage directory: {}", config.storeDir().resolve("jetstream"));
        LOG.info(
                "    Sync: {}",
                config.syncInterval() == null
                        ? "fsync before every publish ack (group commit)"
                        : "acks before fsync; fsync every " + config.syncInterval());
        registry.recover();
        registry.all().forEach(directGets::sync);
        new StreamEndpoints(registry, directGets::sync, directGets::forget, registry.advisories(), config.domain())
                .register(dispatcher);
        new ConsumerEndpoints(registry).register(dispatcher);
        snapshots = new SnapshotEndpoints(server, registry, dispatcher, directGets::sync);
        snapshots.register();
        sweeper.scheduleWithFixedDelay(
                () -> dispatcher.execute(() -> registry.sweepConsumers(io.junction.jetstream.stream.Clock.nowNanos())),
                1,
                1,
                TimeUnit.SECONDS);
        sweeper.scheduleWithFixedDelay(directGets::joinCaughtUpMirrors, 100, 100, TimeUnit.MILLISECONDS);
        dispatcher.register(new ApiRoute("$JS.API.INFO", "account_info_response", this::accountInfo));
        if (config.domain() != null) {
            LOG.info("    Domain: {}", WireText.toText(config.domain()));
            DomainMappings.of(config.domain()).forEach(server::addMapping);
        }
        server.reportJetStream(new JszReport(server, config, registry, dispatcher)::write);
        server.announceJetStream();
        LOG.info("JetStream started: {} streams", registry.size());
    }

    /** A size as nats-server logs it at start: {@code 512 B}, {@code 1.50 GB} (powers of 1024). */
    static String friendly(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        var exponent = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        var value = bytes / Math.pow(1024, exponent);
        return String.format(java.util.Locale.ROOT, "%.2f %sB", value, "KMGTPE".charAt(exponent - 1));
    }

    public StreamRegistry streams() {
        return registry;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        dispatcher.close();
        if (snapshots != null) {
            snapshots.close();
        }
        directGets.close();
        registry.close();
    }

    private ObjectNode accountInfo(ApiRequest request) {
        long memory = 0;
        long storage = 0;
        for (var stream : registry.all()) {
            var bytes = stream.store().state().bytes();
            if (stream.config().storage() == StreamConfig.Storage.MEMORY) {
                memory += bytes;
            } else {
                storage += bytes;
            }
        }
        var json = ApiResponses.ofType("account_info_response");
        json.put("memory", memory);
        json.put("storage", storage);
        json.put("reserved_memory", 0);
        json.put("reserved_storage", 0);
        json.put("streams", registry.size());
        json.put(
                "consumers",
                registry.all().stream().mapToInt(s -> s.observers().size()).sum());
        // the account's own limits, none: as in nats-server, the server's max_mem and max_file show in /jsz
        var limits = json.putObject("limits");
        limits.put("max_memory", -1);
        limits.put("max_storage", -1);
        limits.put("max_streams", -1);
        limits.put("max_consumers", -1);
        limits.put("max_ack_pending", -1);
        limits.put("memory_max_stream_bytes", -1);
        limits.put("storage_max_stream_bytes", -1);
        limits.put("max_bytes_required", false);
        if (config.domain() != null) {
            json.put("domain", config.domain());
        }
        var api = json.putObject("api");
        api.put("total", dispatcher.total());
        api.put("errors", dispatcher.errors());
        return json;
    }
}
