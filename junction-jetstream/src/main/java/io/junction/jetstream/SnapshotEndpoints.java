package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiDispatcher;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiRequest;
import io.junction.jetstream.api.ApiResponses;
import io.junction.jetstream.api.ApiRoute;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.consumer.ConsumerRegistry;
import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.snapshot.RestoreSession;
import io.junction.jetstream.snapshot.SnapshotArchive;
import io.junction.jetstream.snapshot.SnapshotSender;
import io.junction.jetstream.store.StoreException;
import io.junction.jetstream.stream.Clock;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.jetstream.stream.StreamConfigs;
import io.junction.nats.server.NatsServer;
import io.junction.nats.subject.Subjects;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $JS.API.STREAM.SNAPSHOT.*} and {@code $JS.API.STREAM.RESTORE.*}, with nats-server's requests, responses,
 * errors and chunk protocol, and the snapshots and restores they start. The archive is Junction's own
 * ({@link SnapshotArchive}).
 *
 * <p>A snapshot is cut on the stream's writer, between two batches: the store's files are frozen there and the
 * durable consumers' states taken there, so the archive holds exactly the stream as of one moment while publishes go
 * on. The response goes out before the first chunk. A restore is checked before its upload and put in place on the
 * API thread, so it never races a create of the same name.
 */
final class SnapshotEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotEndpoints.class);

    private final NatsServer server;
    private final StreamRegistry registry;
    private final ApiDispatcher dispatcher;
    private final Consumer<Stream> changed;
    private final Advisories advisories;
    private final Set<SnapshotSender> senders = ConcurrentHashMap.newKeySet();
    private final Set<RestoreSession> restores = ConcurrentHashMap.newKeySet();

    /** @param changed told of a restored stream, as of a created one */
    SnapshotEndpoints(NatsServer server, StreamRegistry registry, ApiDispatcher dispatcher, Consumer<Stream> changed) {
        this.server = server;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.changed = changed;
        this.advisories = registry.advisories();
    }

    void register() {
        dispatcher.register(new ApiRoute("$JS.API.STREAM.SNAPSHOT.*", "stream_snapshot_response", this::snapshot));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.RESTORE.*", "stream_restore_response", this::restore));
    }

    /** Checks in nats-server's order: an empty body, the stream, the JSON, the deliver subject. */
    private ObjectNode snapshot(ApiRequest request) {
        if (Json.isEmptyRequest(request.body())) {
            throw ApiError.BAD_REQUEST.exception();
        }
        var stream = registry.require(request.token(2));
        var body = Json.parseObject(request.body());
        var deliverSubject = Json.text(body, "deliver_subject", "");
        if (!Subjects.isValidLiteralSubject(deliverSubject)) {
            throw ApiError.SNAPSHOT_DELIVER_SUBJECT_INVALID.exception();
        }
        if (stream.config().storage() == StreamConfig.Storage.MEMORY) {
            // nats-server's memory store has no snapshots and answers so
            throw ApiError.snapshotFailed("no impl").exception();
        }
        var chunkSize = Json.int32(body, "chunk_size", 0);
        var window = Json.int32(body, "window_size", 0);
        if (Json.bool(body, "jsck", false)) {
            checkMessages(stream);
        }
        var cut = cut(stream, !Json.bool(body, "no_consumers", false));
        var response = ApiResponses.ofType("stream_snapshot_response");
        response.set("config", StreamConfigs.write(cut.config()));
        var state = StreamInfos.writeState(Json.object(), cut.contents().store().state(), null, null);
        response.set("state", state.put("consumer_count", cut.consumerCount()));
        var started = Clock.nowNanos();
        var sender = new SnapshotSender(
                server, cut.contents(), deliverSubject, chunkSize, window, (done, complete, chunks, bytes) -> {
                    senders.remove(done);
                    LOG.info(
                            "stream={} snapshot {}: chunks={} bytes={}",
                            stream.name(),
                            complete ? "sent" : "ended early",
                            chunks,
                            bytes);
                    advisories.snapshotComplete(stream.name(), started, Clock.nowNanos());
                });
        dispatcher.afterResponse(() -> {
            advisories.snapshotCreate(stream.name(), state);
            senders.add(sender);
            sender.start();
        });
        return response;
    }

    /**
     * nats-server's {@code jsck}: every message is read and checked before the snapshot, on the API thread, so that a
     * damaged stream is refused rather than archived.
     */
    private static void checkMessages(Stream stream) {
        var store = stream.store();
        var state = store.state();
        var bad = 0;
        for (var sequence = state.firstSeq(); sequence <= state.lastSeq(); sequence++) {
            try {
                store.get(sequence);
            } catch (StoreException e) {
                bad++;
            }
        }
        if (bad > 0) {
            throw ApiError.snapshotFailed("snapshot check detected " + bad + " bad messages")
                    .exception();
        }
    }

    /** Freezes the store and takes the consumers' states on the stream's writer, between two batches. */
    private Cut cut(Stream stream, boolean withConsumers) {
        var consumers = registry.consumers(stream.name());
        try {
            return stream.call(() -> {
                var store = stream.store().snapshot();
                try {
                    var saved =
                            withConsumers && consumers != null ? consumers.saved() : List.<ConsumerRegistry.Saved>of();
                    var files = saved.stream()
                            .map(c -> new SnapshotArchive.ConsumerFiles(c.name(), c.meta(), c.state()))
                            .toList();
                    var config = stream.config();
                    var meta = Json.bytes(StreamRegistry.metaJson(config, stream.createdNanos()));
                    return new Cut(
                            config,
                            new SnapshotArchive.Contents(stream.name(), meta, store, files),
                            stream.observers().size());
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            });
        } catch (StoreException e) {
            throw ApiError.snapshotFailed(String.valueOf(e.getMessage())).exception();
        }
    }

    private record Cut(StreamConfig config, SnapshotArchive.Contents contents, int consumerCount) {}

    private ObjectNode restore(ApiRequest request) {
        if (Json.isEmptyRequest(request.body())) {
            throw ApiError.BAD_REQUEST.exception();
        }
        var body = Json.parseObject(request.body());
        var name = request.token(2);
        var configJson = Json.object();
        if (body.has("config")) {
            if (!(body.get("config") instanceof ObjectNode given)) {
                throw ApiError.INVALID_JSON.exception();
            }
            configJson = given.deepCopy();
        }
        if (Json.text(configJson, "name", "").isEmpty()) {
            configJson.put("name", name);
        }
        if (!Json.text(configJson, "name", "").equals(name)) {
            throw ApiError.STREAM_NAME_MISMATCH.exception();
        }
        StreamConfigs.checkCompression(configJson);
        var config = registry.checkRestore(StreamConfigs.read(configJson));
        if (config.storage() == StreamConfig.Storage.MEMORY) {
            // there is no snapshot of a memory stream to restore; nats-server's clients refuse before asking
            throw ApiError.restoreFailed("memory streams do not support snapshots")
                    .exception();
        }
        var started = Clock.nowNanos();
        var session = new RestoreSession(
                server, config, registry.restoreDirectory(), registry, this::finishRestore, ended -> {
                    restores.remove(ended);
                    advisories.restoreComplete(name, started, Clock.nowNanos(), ended.bytesReceived());
                });
        try {
            session.start();
        } catch (IOException e) {
            LOG.error("stream={} restore cannot store its upload: {}", name, e.getMessage());
            throw new ApiError(500, 10072, "JetStream unable to open temp storage for restore").exception();
        }
        restores.add(session);
        advisories.restoreCreate(name);
        var response = ApiResponses.ofType("stream_restore_response");
        response.put("deliver_subject", session.deliverSubject());
        return response;
    }

    /** On the restore's thread: puts the stream in place on the API thread, and waits for it. */
    private ObjectNode finishRestore(RestoreSession.Restored restored) {
        var result = new CompletableFuture<ObjectNode>();
        dispatcher.execute(() -> {
            try {
                var stream = registry.restore(
                        restored.config(),
                        restored.createdNanos(),
                        restored.directory(),
                        restored.consumers().size());
                changed.accept(stream);
                result.complete(StreamInfos.write(ApiResponses.ofType("stream_create_response"), stream, false, null));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.restoreFailed("interrupted").exception();
        }
    }

    /** Stops the snapshots still sending and abandons the restores still uploading. */
    @Override
    public void close() {
        senders.forEach(SnapshotSender::stop);
        restores.forEach(RestoreSession::stop);
    }
}
