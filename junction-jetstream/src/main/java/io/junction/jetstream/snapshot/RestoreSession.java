package io.junction.jetstream.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.api.ApiResponses;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.event.Nuid;
import io.junction.jetstream.store.FileStore;
import io.junction.jetstream.store.StateFile;
import io.junction.jetstream.store.StoreCompression;
import io.junction.jetstream.store.StoreLimits;
import io.junction.jetstream.stream.StorageBudget;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore, as nats-server runs it: the client publishes the archive in chunks to the session's deliver subject,
 * each with a reply subject, and each is answered with an empty message once written; an empty chunk ends the upload
 * and is answered with a stream create response, the restored stream's info or the error. A chunk without a reply
 * subject ends the restore (nothing can be told), and so do five seconds without a chunk.
 *
 * <h2>Nothing half restored</h2>
 * The upload goes to a file, then unpacks into a directory of its own beside the streams' directory, where the
 * archive is checked ({@link ArchiveExtractor}) and its store opened and compared with the state its trailer
 * records. Only then is the directory handed to the {@link Finisher}, which moves it into place and opens the stream.
 * Whatever fails, the upload and the directory are removed.
 *
 * <h2>Threading</h2>
 * Chunks arrive on publishers' event loops and are handed to the session's own thread, which writes them, finishes
 * the restore and runs the stall watchdog.
 */
public final class RestoreSession {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreSession.class);
    private static final Nuid NUID = new Nuid();
    private static final long STALL_NANOS = 5_000_000_000L;
    private static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final NatsServer server;
    private final StreamConfig config;
    private final StorageBudget budget;
    private final Finisher finisher;
    private final Consumer<RestoreSession> onEnd;
    private final String id = NUID.next();
    private final String deliverSubject;
    private final Path upload;
    private final Path staging;
    private final ScheduledExecutorService executor;
    private final AtomicLong queued = new AtomicLong();
    private InternalSubscription subscription;
    private FileChannel channel;
    private long received;
    private long lastChunkNanos = System.nanoTime();
    private boolean finishing;
    private boolean ended;

    /**
     * @param workDirectory where uploads and unpacked archives are kept until the stream is in place; on the same
     *     file system as the streams' directory, so that the move is a rename
     * @param onEnd told once the session has ended, however it ended, on its thread
     */
    public RestoreSession(
            NatsServer server,
            StreamConfig config,
            Path workDirectory,
            StorageBudget budget,
            Finisher finisher,
            Consumer<RestoreSession> onEnd) {
        this.server = server;
        this.config = config;
        this.budget = budget;
        this.finisher = finisher;
        this.onEnd = onEnd;
        this.deliverSubject = "$JS.SNAPSHOT.RESTORE." + config.name() + "." + id;
        this.upload = workDirectory.resolve("restore-" + id + ".upload");
        this.staging = workDirectory.resolve("restore-" + id);
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("jetstream-restore-" + config.name())
                .daemon()
                .factory());
    }

    /** Where the client sends the chunks. */
    public String deliverSubject() {
        return deliverSubject;
    }

    /** The bytes of archive received so far. */
    public long bytesReceived() {
        return received;
    }

    /** Opens the upload file and starts listening; throws when the file cannot be created. */
    public void start() throws IOException {
        Files.createDirectories(upload.getParent());
        channel = FileChannel.open(upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        subscription = server.subscribe(deliverSubject, null, (subject, reply, headers, body) -> receive(reply, body));
        executor.scheduleWithFixedDelay(this::checkStalled, 1, 1, TimeUnit.SECONDS);
    }

    /** Abandons the restore, as at shutdown. */
    public void stop() {
        run(() -> end("stopped"));
    }

    private void receive(String reply, byte[] body) {
        if (queued.addAndGet(body.length) > MAX_QUEUED_BYTES) {
            run(() -> fail(reply, ApiError.restoreFailed("too many chunks sent without waiting for acks")));
            return;
        }
        run(() -> {
            queued.addAndGet(-body.length);
            onChunk(reply, body);
        });
    }

    /** Runs on the session's thread; once the session has ended there is nothing left to do. */
    private void run(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // ended: a chunk that raced the end is answered by nobody, as one after it is
        }
    }

    private void onChunk(String reply, byte[] body) {
        if (ended || finishing) {
            return;
        }
        lastChunkNanos = System.nanoTime();
        if (reply == null || reply.isEmpty()) {
            LOG.warn("stream={} restore requires a reply subject for each chunk; restore ended", config.name());
            end("no reply subject");
            return;
        }
        if (body.length == 0) {
            finish(reply);
            return;
        }
        received += body.length;
        if (!budget.admits(config.storage(), received)) {
            fail(reply, ApiError.INSUFFICIENT_RESOURCES);
            return;
        }
        try {
            var bytes = ByteBuffer.wrap(body);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            fail(reply, ApiError.restoreFailed("storage failure during restore: " + e.getMessage()));
            return;
        }
        server.publish(reply, null, null, EMPTY);
    }

    private void finish(String reply) {
        finishing = true;
        var started = System.nanoTime();
        ObjectNode response;
        try {
            response = restore();
            LOG.info(
                    "stream={} restored from {} bytes in {} ms",
                    config.name(),
                    received,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ApiException e) {
            response = failure(e.error());
        } catch (ArchiveException e) {
            response = failure(ApiError.restoreFailed(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("stream={} restore failed", config.name(), e);
            response = failure(ApiError.restoreFailed(String.valueOf(e.getMessage())));
        }
        if (response.has("error")) {
            LOG.warn(
                    "stream={} restore failed after bytes={}: {}",
                    config.name(),
                    received,
                    response.path("error").path("description").asText());
        }
        server.publish(reply, null, null, Json.bytes(response));
        end(null);
    }

    /** Unpacks and checks the archive, then hands it over; returns the create response. */
    private ObjectNode restore() throws IOException {
        channel.close();
        Files.createDirectories(staging);
        var extracted = ArchiveExtractor.extract(upload, staging);
        var meta = Json.read(
                new StateFile(staging.resolve(SnapshotArchive.META)).read().orElseThrow());
        if (!config.name().equals(extracted.stream())
                || !config.name().equals(meta.path("config").path("name").asText())) {
            throw new ArchiveException("stream names do not match");
        }
        checkMessages(extracted);

        return finisher.finish(new Restored(config, meta.path("created").asLong(), staging, extracted.consumers()));
    }

    /**
     * Opens the unpacked store without limits and compares it with the state at the cut: a segment cut short or
     * changed would be repaired by recovery without a word, and must fail the restore instead.
     */
    private void checkMessages(ArchiveExtractor.Extracted extracted) {
        var compression = StoreCompression.of(config.compression());
        try (var store = FileStore.open(staging.resolve("msgs"), StoreLimits.NONE, compression)) {
            var state = store.state();
            if (!state.equals(extracted.state())) {
                throw new ArchiveException("the archive's messages do not match its recorded state (recorded "
                        + extracted.state() + ", found " + state + ")");
            }
        }
    }

    private void fail(String reply, ApiError error) {
        if (ended || finishing) {
            return;
        }
        LOG.warn("stream={} restore failed: {}", config.name(), error.description());
        if (reply != null && !reply.isEmpty()) {
            server.publish(reply, null, null, Json.bytes(failure(error)));
        }
        end(error.description());
    }

    private static ObjectNode failure(ApiError error) {
        return ApiResponses.error("stream_create_response", error);
    }

    private void checkStalled() {
        if (!ended && !finishing && System.nanoTime() - lastChunkNanos > STALL_NANOS) {
            LOG.warn("stream={} restore is stalled; abandoned", config.name());
            end("stalled");
        }
    }

    /** Removes what the restore left behind and stops listening; on the session's thread. */
    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (subscription != null) {
            subscription.close();
        }
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(upload);
            deleteTree(staging);
        } catch (IOException e) {
            LOG.warn("stream={} restore files not removed", config.name(), e);
        }
        if (reason != null) {
            LOG.debug("stream={} restore ended: {}", config.name(), reason);
        }
        executor.shutdown();
        onEnd.accept(this);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var walk = Files.walk(directory)) {
            for (var path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * A checked archive, unpacked into {@code directory} with its files as a stream's directory holds them.
     *
     * @param createdNanos when the snapshotted stream was created
     * @param consumers the durable consumers whose files it holds
     */
    public record Restored(StreamConfig config, long createdNanos, Path directory, List<String> consumers) {}

    /** Puts the restored stream in place; on the session's thread. */
    @FunctionalInterface
    public interface Finisher {
        /**
         * Moves the directory into place and opens the stream; returns the stream create response.
         *
         * @throws ApiException with the error to answer
         */
        ObjectNode finish(Restored restored);
    }
}
