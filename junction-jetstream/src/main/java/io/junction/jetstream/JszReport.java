package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiDispatcher;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.WireText;
import io.junction.jetstream.consumer.Consumer;
import io.junction.jetstream.consumer.ConsumerInfos;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.nats.server.JszOptions;
import io.junction.nats.server.NatsServer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * {@code /jsz} as nats-server shapes it, for the one account Junction has, {@code $G}: the totals, and on request
 * the account's detail with its streams, their consumers and their configs. Built on the monitor's thread from the
 * registries' concurrent maps; a consumer deleted meanwhile is left out, as nats-server leaves it. Strings are
 * built in JetStream's wire form and turned into text once, at the end.
 */
final class JszReport {
    static final String ACCOUNT = "$G";
    /** nats-server reports an account without reservations as Go's {@code uint64(-1)}. */
    private static final BigInteger NO_RESERVATION = new BigInteger("18446744073709551615");
    /** nats-server's default sync interval, two minutes, which it also reports with {@code sync_always}. */
    private static final long NATS_SYNC_INTERVAL_NANOS = 120_000_000_000L;

    private final NatsServer server;
    private final JetStreamConfig config;
    private final StreamRegistry registry;
    private final ApiDispatcher dispatcher;

    JszReport(NatsServer server, JetStreamConfig config, StreamRegistry registry, ApiDispatcher dispatcher) {
        this.server = server;
        this.config = config;
        this.registry = registry;
        this.dispatcher = dispatcher;
    }

    ObjectNode write(JszOptions options) {
        var json = Json.object();
        json.put("server_id", server.serverId());
        json.put("now", Instant.now().toString());
        writeConfig(json.putObject("config"));
        json.putObject("limits");
        var streams = registry.all();
        writeUsage(json, streams);
        json.put("reserved_memory", 0);
        json.put("reserved_storage", 0);
        json.put("accounts", 1);
        json.put("ha_assets", 0);
        writeApi(json);
        json.put("streams", streams.size());
        json.put(
                "consumers",
                streams.stream().mapToInt(s -> s.observers().size()).sum());
        json.put(
                "messages",
                streams.stream().mapToLong(s -> s.store().state().messages()).sum());
        json.put(
                "bytes",
                streams.stream().mapToLong(s -> s.store().state().bytes()).sum());
        if (isDetailed(options)) {
            writeAccount(json.putArray("account_details").addObject(), streams, options);
        }
        json.put("total", 1);
        return asText(json);
    }

    /** The monitor writes the report itself: its wire-form strings (names, subjects) become the text they stand for. */
    private static ObjectNode asText(ObjectNode wire) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Json.bytes(wire));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reread the /jsz report", e);
        }
    }

    /** The one account is detailed when named, or when all are asked for and the page starts at it. */
    private static boolean isDetailed(JszOptions options) {
        if (ACCOUNT.equals(options.account())) {
            return true;
        }
        return options.accounts() && (options.limit() < 0 || options.offset() == 0 && options.limit() > 0);
    }

    /**
     * nats-server 2.10's {@code JetStreamConfig}. Junction's default, an fsync before every publish ack, is what
     * nats-server calls {@code sync_interval: always}, and it is reported as nats-server reports that: its
     * two-minute interval with {@code sync_always}. Stores may always be compressed, hence {@code compress_ok}.
     */
    private void writeConfig(ObjectNode json) {
        json.put("max_memory", config.maxMemory());
        json.put("max_storage", config.maxStore());
        json.put(
                "store_dir",
                WireText.fromText(config.storeDir().resolve("jetstream").toString()));
        if (config.syncInterval() != null) {
            json.put("sync_interval", config.syncInterval().toNanos());
        } else {
            json.put("sync_interval", NATS_SYNC_INTERVAL_NANOS);
            json.put("sync_always", true);
        }
        if (config.domain() != null) {
            json.put("domain", config.domain());
        }
        json.put("compress_ok", true);
    }

    private static void writeUsage(ObjectNode json, List<Stream> streams) {
        long memory = 0;
        long storage = 0;
        for (var stream : streams) {
            var bytes = stream.store().state().bytes();
            if (stream.config().storage() == StreamConfig.Storage.MEMORY) {
                memory += bytes;
            } else {
                storage += bytes;
            }
        }
        json.put("memory", memory);
        json.put("storage", storage);
    }

    private void writeApi(ObjectNode json) {
        var api = json.putObject("api");
        api.put("total", dispatcher.total());
        api.put("errors", dispatcher.errors());
    }

    private void writeAccount(ObjectNode json, List<Stream> streams, JszOptions options) {
        json.put("name", ACCOUNT);
        json.put("id", ACCOUNT);
        writeUsage(json, streams);
        json.put("reserved_memory", NO_RESERVATION);
        json.put("reserved_storage", NO_RESERVATION);
        json.put("accounts", 0);
        json.put("ha_assets", 0);
        writeApi(json);
        if (!options.streams() || streams.isEmpty()) {
            return;
        }
        var details = json.putArray("stream_detail");
        for (var stream : streams) {
            writeStream(details.addObject(), stream, options);
        }
    }

    private void writeStream(ObjectNode json, Stream stream, JszOptions options) {
        var info = StreamInfos.write(Json.object(), stream, false, null);
        json.put("name", stream.name());
        json.put("created", Json.time(stream.createdNanos()));
        json.putObject("cluster").put("leader", WireText.fromText(server.serverName()));
        if (options.config()) {
            json.set("config", info.get("config"));
        }
        json.set("state", info.get("state"));
        if (options.consumers()) {
            var consumers = registry.consumers(stream.name()).all();
            if (!consumers.isEmpty()) {
                var details = json.putArray("consumer_detail");
                consumers.forEach(consumer -> writeConsumer(details, stream, consumer, options));
            }
        }
        for (var field : new String[] {"mirror", "sources"}) {
            if (info.has(field)) {
                json.set(field, info.get(field));
            }
        }
    }

    private static void writeConsumer(ArrayNode details, Stream stream, Consumer consumer, JszOptions options) {
        ObjectNode info;
        try {
            info = ConsumerInfos.write(Json.object(), stream.name(), consumer);
        } catch (RuntimeException e) {
            return;
        }
        if (!options.config()) {
            info.remove("config");
        }
        details.add(info);
    }
}
