package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.WireText;
import io.junction.jetstream.consumer.ConsumerRegistry;
import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.store.DirectoryNames;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.stream.Clock;
import io.junction.jetstream.stream.StorageBudget;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.jetstream.stream.StreamConfigs;
import io.junction.jetstream.stream.StreamSources;
import io.junction.jetstream.stream.StreamTransforms;
import io.junction.nats.server.NatsServer;
import io.junction.nats.subject.Subjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's streams: created, updated and deleted through the API, and recovered from the store directory on
 * start. Each stream's directory holds {@code meta.state} (its configuration and creation time, as JSON in a durable
 * state file), {@code msgs/} (its file store) and {@code obs/} (its durable consumers).
 *
 * <p>Changes are serialized by the API's single thread; lookups are safe from any thread.
 */
public final class StreamRegistry implements AutoCloseable, StorageBudget {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);
    private static final String META = "meta.state";
    private static final String RESTORES = "__snapshots__";

    private final NatsServer server;
    private final Path root;
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConsumerRegistry> consumers = new ConcurrentHashMap<>();

    private final java.time.Duration syncInterval;

    private final long maxMemory;
    private final long maxStore;
    private final String domain;
    private final Advisories advisories;

    /**
     * @param maxMemory and {@code maxStore}: the account's limits in bytes, -1 for none
     * @param domain the JetStream domain, null for none
     */
    StreamRegistry(
            NatsServer server,
            Path root,
            java.time.Duration syncInterval,
            long maxMemory,
            long maxStore,
            String domain) {
        this.server = server;
        this.root = root;
        this.syncInterval = syncInterval;
        this.maxMemory = maxMemory;
        this.maxStore = maxStore;
        this.domain = domain;
        this.advisories = new Advisories(server, domain);
    }

    /** Whether the account's memory or file storage has room for this many more bytes. */
    @Override
    public boolean admits(StreamConfig.Storage storage, long bytes) {
        var limit = limitOf(storage);
        if (limit < 0) {
            return true;
        }
        var used = 0L;
        for (var stream : streams.values()) {
            if (stream.config().storage() == storage) {
                used += stream.store().state().bytes();
            }
        }
        return used + bytes <= limit;
    }

    private long limitOf(StreamConfig.Storage storage) {
        return storage == StreamConfig.Storage.MEMORY ? maxMemory : maxStore;
    }

    /** A stream's max_bytes must fit in what the account has left after the other streams' max_bytes. */
    private void checkReservation(StreamConfig config, String self) {
        var limit = limitOf(config.storage());
        if (limit < 0 || config.maxBytes() <= 0) {
            return;
        }
        var reserved = 0L;
        for (var stream : streams.values()) {
            if (!stream.name().equals(self)
                    && stream.config().storage() == config.storage()
                    && stream.config().maxBytes() > 0) {
                reserved += stream.config().maxBytes();
            }
        }
        if (reserved + config.maxBytes() > limit) {
            var error = config.storage() == StreamConfig.Storage.MEMORY
                    ? ApiError.INSUFFICIENT_MEMORY
                    : ApiError.INSUFFICIENT_STORAGE;
            throw error.exception();
        }
    }

    /** Opens every stream found under the store directory. */
    void recover() {
        removeUnfinishedRestores();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var directories = Files.list(root)) {
            for (var directory : directories.filter(Files::isDirectory).sorted().toList()) {
                recover(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list streams in " + root, e);
        }
    }

    /**
     * Opens one stream. A stream whose {@code meta.state} is missing, corrupt or unreadable is skipped with its files
     * left as they are, as nats-server skips a bad metafile, so that one damaged stream never keeps the others (or
     * core NATS) from starting.
     */
    private void recover(Path directory) {
        if (Stores.finishDeleting(directory)) {
            LOG.info("stream directory {} was being deleted when the server stopped; removed", directory);
            return;
        }
        var metaFile = directory.resolve(META);
        byte[] meta;
        try {
            meta = Stores.DURABLE_FILES.read(metaFile);
        } catch (RuntimeException e) {
            LOG.error("stream file={} could not be read, stream skipped: {}", metaFile, e.getMessage());
            return;
        }
        if (meta == null) {
            LOG.warn("stream directory {} has no {}; skipped", directory, META);
            return;
        }
        try {
            var json = Json.read(meta);
            // an earlier Junction sealed streams without the settings nats-server forces on them
            var config = StreamConfigs.checked(StreamConfigs.read(json.get("config")))
                    .asSealed();
            var created = json.path("created").asLong();
            var stream =
                    new Stream(server, config, Stores.open(config, directory), created, syncInterval, this, domain);
            streams.put(config.name(), stream);
            stream.start(this::get);
            var registry = consumerRegistry(stream, directory);
            registry.recover();
            var state = stream.store().state();
            LOG.info(
                    "Restored {} messages for stream {} (last_seq={})",
                    state.messages(),
                    WireText.toText(config.name()),
                    state.lastSeq());
        } catch (IOException | RuntimeException e) {
            LOG.error("stream directory {} could not be restored: {}", directory, e.getMessage(), e);
        }
    }

    public Stream get(String name) {
        return streams.get(name);
    }

    private StreamConfig configOf(String name) {
        var stream = streams.get(name);
        return stream == null ? null : stream.config();
    }

    /** The stream or the {@code stream not found} error. */
    public Stream require(String name) {
        var stream = streams.get(name);
        if (stream == null) {
            throw ApiError.STREAM_NOT_FOUND.exception();
        }
        return stream;
    }

    public List<Stream> all() {
        var list = new ArrayList<>(streams.values());
        list.sort(Comparator.comparing(Stream::name));
        return list;
    }

    public int size() {
        return streams.size();
    }

    /** Creates the stream; returns the existing one when the configuration is the same, as nats-server does. */
    public Created create(StreamConfig requested) {
        var config = StreamSources.checkAgainst(StreamConfigs.checked(requested), this::configOf);
        var existing = streams.get(config.name());
        if (existing != null) {
            if (existing.config().equals(config)) {
                return new Created(existing, false);
            }
            throw ApiError.STREAM_NAME_EXISTS.exception();
        }
        StreamTransforms.checkSourcesOnCreate(config);
        checkOverlap(config, null);
        StreamTransforms.checkOnCreate(config);
        checkReservation(config, null);
        var directory = root.resolve(DirectoryNames.of(config.name()));
        var created = Clock.nowNanos();
        MessageStore store;
        try {
            // what a delete that could not finish left marked goes first, so that it cannot take the new stream along
            Stores.finishDeleting(directory);
            Files.createDirectories(directory);
            writeMeta(directory, config, created);
            store = Stores.open(config, directory);
        } catch (IOException e) {
            throw ApiError.streamGeneral("cannot create stream: " + e.getMessage())
                    .exception();
        }
        var stream = new Stream(server, config, store, created, syncInterval, this, domain);
        streams.put(config.name(), stream);
        stream.start(this::get);
        consumerRegistry(stream, directory);
        LOG.info(
                "stream={} created with subjects {}",
                WireText.toText(config.name()),
                config.subjects().stream().map(WireText::toText).toList());
        return new Created(stream, true);
    }

    /**
     * Applies nats-server's update rules in its order, then the new configuration. A sealed stream gets the settings
     * nats-server forces on one ({@link StreamConfig#asSealed}) once the checks against the old configuration pass,
     * so re-sending {@code sealed: true} without {@code deny_delete} is refused as nats-server refuses it.
     *
     * @param templateOwned whether the request names a {@code template_owner}, which an update may not
     */
    public Stream update(StreamConfig requested, boolean templateOwned) {
        var stream = require(requested.name());
        var checked = StreamSources.checkAgainst(StreamConfigs.checked(requested), this::configOf);
        var old = stream.config();
        var config = checkedAgainstOld(checked, old, templateOwned).asSealed();
        checkReservation(config, config.name());
        checkConsumersWithin(config, old);
        checkOverlap(config, config.name());
        StreamTransforms.checkOnUpdate(config, old);
        try {
            writeMeta(root.resolve(DirectoryNames.of(config.name())), config, stream.createdNanos());
        } catch (IOException e) {
            throw ApiError.streamGeneral("cannot update stream: " + e.getMessage())
                    .exception();
        }
        stream.update(config);
        return stream;
    }

    /** nats-server's {@code configUpdateCheck}: what an update may not change. */
    private static StreamConfig checkedAgainstOld(StreamConfig config, StreamConfig old, boolean templateOwned) {
        if (config.maxConsumers() != old.maxConsumers()) {
            throw invalid("stream configuration update can not change MaxConsumers");
        }
        if (config.storage() != old.storage()) {
            throw invalid("stream configuration update can not change storage type");
        }
        var workqueue = StreamConfig.Retention.WORKQUEUE;
        if (config.retention() != old.retention()
                && (config.retention() == workqueue || old.retention() == workqueue)) {
            throw invalid("stream configuration update can not change retention policy to/from workqueue");
        }
        if (templateOwned) {
            throw invalid("stream configuration update can not be owned by a template");
        }
        if (old.sealed() && !config.sealed()) {
            throw invalid("stream configuration update can not unseal a sealed stream");
        }
        if (old.denyDelete() && !config.denyDelete()) {
            throw invalid("stream configuration update can not cancel deny message deletes");
        }
        if (old.denyPurge() && !config.denyPurge()) {
            throw invalid("stream configuration update can not cancel deny purge");
        }
        if (!java.util.Objects.equals(config.mirror(), old.mirror())) {
            throw ApiError.MIRROR_NOT_UPDATABLE.exception();
        }
        return config;
    }

    /**
     * New consumer limits must hold for the consumers there are. As nats-server compares, a limit of 0 counts as 0,
     * so removing a limit refuses consumers that have that setting at all.
     */
    private void checkConsumersWithin(StreamConfig config, StreamConfig old) {
        var limits = config.consumerLimits();
        var registry = consumers.get(config.name());
        if (limits.equals(old.consumerLimits()) || registry == null) {
            return;
        }
        var violating = registry.all().stream()
                .filter(consumer -> consumer.config().inactiveThresholdNanos() > limits.inactiveThresholdNanos()
                        || consumer.config().maxAckPending() > limits.maxAckPending())
                .map(io.junction.jetstream.consumer.Consumer::name)
                .toList();
        if (!violating.isEmpty()) {
            throw new ApiError(500, 10069, "change to limits violates consumers: " + String.join(", ", violating))
                    .exception();
        }
    }

    /** The advisories of this JetStream's streams and consumers. */
    Advisories advisories() {
        return advisories;
    }

    /** The stream's consumers; the stream must exist. */
    public ConsumerRegistry consumers(String name) {
        return consumers.get(name);
    }

    /** Removes idle ephemeral consumers of every stream. */
    void sweepConsumers(long nowNanos) {
        consumers.values().forEach(registry -> registry.sweep(nowNanos));
    }

    private ConsumerRegistry consumerRegistry(Stream stream, Path directory) {
        var consumerDirectory =
                stream.config().storage() == StreamConfig.Storage.FILE ? directory.resolve("obs") : null;
        var registry = new ConsumerRegistry(server, stream, consumerDirectory, Stores.DURABLE_FILES, advisories);
        consumers.put(stream.name(), registry);
        return registry;
    }

    /** Stops the stream and its consumers and removes its directory. */
    public void delete(String name) {
        var stream = require(name);
        var directory = root.resolve(DirectoryNames.of(name));
        try {
            Stores.markDeleting(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + directory + " as being deleted", e);
        }
        streams.remove(name);
        var registry = consumers.remove(name);
        if (registry != null) {
            registry.deleteAll();
        }
        stream.close();
        try {
            Stores.deleteOnce(directory);
        } catch (IOException e) {
            LOG.error("stream={} files not all removed from {}: {}", WireText.toText(name), directory, e.getMessage());
        }
        LOG.info("stream={} deleted", WireText.toText(name));
    }

    @Override
    public void close() {
        consumers.values().forEach(ConsumerRegistry::close);
        consumers.clear();
        for (var stream : streams.values()) {
            stream.close();
        }
        streams.clear();
    }

    /**
     * Where restores keep uploads and unpacked archives until a stream is in place: beside the streams' directory, so
     * that the move is a rename, and outside it, so that a start never takes one for a stream.
     */
    Path restoreDirectory() {
        return root.resolveSibling(RESTORES);
    }

    /** A restore a crash interrupted left only files in the restore directory: they go. */
    private void removeUnfinishedRestores() {
        var directory = restoreDirectory();
        try (var entries = Files.list(directory)) {
            var left = entries.toList();
            if (!left.isEmpty()) {
                LOG.info("removing {} files of unfinished restores in {}", left.size(), directory);
                left.forEach(StreamRegistry::deleteRecursively);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no restore ever ran here
        } catch (IOException e) {
            LOG.warn("unfinished restores in {} not removed: {}", directory, e.getMessage());
        }
    }

    /**
     * Checks a restore before its upload, as nats-server does: the configuration, the account's reservations, and
     * that no stream has the name.
     */
    StreamConfig checkRestore(StreamConfig requested) {
        var config = StreamSources.checkAgainst(StreamConfigs.checked(requested), this::configOf);
        checkReservation(config, null);
        if (streams.containsKey(config.name())) {
            throw ApiError.STREAM_NAME_EXISTS_RESTORE.exception();
        }
        return config;
    }

    /**
     * Puts a restored stream in place: checks the configuration as a create does, writes it into the unpacked
     * directory's {@code meta.state} with the snapshot's creation time, moves the directory into the streams'
     * directory and opens the stream and its consumers. A stream that does not open, or opens without every consumer
     * the archive held, is closed and its directory removed.
     */
    Stream restore(StreamConfig requested, long createdNanos, Path unpacked, int consumerCount) {
        var config = checkRestore(requested);
        StreamTransforms.checkSourcesOnCreate(config);
        checkOverlap(config, null);
        StreamTransforms.checkOnCreate(config);
        var directory = root.resolve(DirectoryNames.of(config.name()));
        try {
            writeMeta(unpacked, config, createdNanos);
            if (Files.exists(directory)) {
                deleteRecursively(directory);
            }
            Files.createDirectories(root);
            Files.move(unpacked, directory, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            io.junction.jetstream.store.Directories.force(root);
        } catch (IOException e) {
            throw ApiError.restoreFailed(e.getMessage()).exception();
        }
        Stream stream = null;
        try {
            stream = new Stream(
                    server, config, Stores.open(config, directory), createdNanos, syncInterval, this, domain);
            streams.put(config.name(), stream);
            stream.start(this::get);
            var registry = consumerRegistry(stream, directory);
            registry.recover();
            if (registry.all().size() != consumerCount) {
                throw new IllegalStateException(
                        "restored " + registry.all().size() + " of the archive's " + consumerCount + " consumers");
            }
        } catch (RuntimeException e) {
            LOG.warn("stream={} restore failed, stream removed: {}", config.name(), e.getMessage());
            discard(config.name(), stream, directory);
            throw ApiError.restoreFailed(String.valueOf(e.getMessage())).exception();
        }
        LOG.info(
                "stream={} restored: {} messages",
                config.name(),
                stream.store().state().messages());
        return stream;
    }

    private void discard(String name, Stream stream, Path directory) {
        streams.remove(name);
        var registry = consumers.remove(name);
        if (registry != null) {
            registry.close();
        }
        if (stream != null) {
            stream.close();
        }
        deleteRecursively(directory);
    }

    /** Two literal subjects overlap only when equal, so they are looked up, not compared pair by pair. */
    private void checkOverlap(StreamConfig config, String self) {
        var literals = new HashSet<String>();
        var wildcards = new ArrayList<String>();
        for (var other : streams.values()) {
            if (!other.name().equals(self)) {
                for (var theirs : other.config().subjects()) {
                    (Subjects.isLiteral(theirs) ? literals : wildcards).add(theirs);
                }
            }
        }
        for (var mine : config.subjects()) {
            var literal = Subjects.isLiteral(mine);
            if (literal && literals.contains(mine)
                    || wildcards.stream().anyMatch(theirs -> Subjects.overlaps(mine, theirs))
                    || !literal && literals.stream().anyMatch(theirs -> Subjects.overlaps(mine, theirs))) {
                throw ApiError.SUBJECT_OVERLAP.exception();
            }
        }
    }

    private static void writeMeta(Path directory, StreamConfig config, long created) throws IOException {
        Stores.writeDurably(directory.resolve(META), Json.bytes(metaJson(config, created)));
    }

    /** The content of a stream's {@code meta.state}. */
    static ObjectNode metaJson(StreamConfig config, long created) {
        var json = Json.object();
        json.set("config", StreamConfigs.write(config));
        json.put("created", created);
        return json;
    }

    private static void deleteRecursively(Path path) {
        try {
            Stores.deleteOnce(path);
        } catch (IOException e) {
            LOG.error("cannot remove {}: {}", path, e.getMessage());
        }
    }

    private static io.junction.jetstream.api.ApiException invalid(String problem) {
        return ApiError.invalidStreamConfig(problem).exception();
    }

    /** A created or existing stream, and whether the call created it. */
    public record Created(Stream stream, boolean created) {}
}
