package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.WireText;
import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.store.DirectoryNames;
import io.junction.jetstream.stream.Clock;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.nats.server.NatsServer;
import io.junction.nats.subject.Subjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's consumers: created, replaced and deleted through the API, durable ones kept under the stream's
 * {@code obs/<name>/} directory ({@code meta.state} and {@code consumer.state}, JSON in durable state files) and
 * recovered on start.
 *
 * <p>Changes come from the API's single thread; lookups are safe from any thread.
 */
public final class ConsumerRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRegistry.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int EPHEMERAL_NAME_LENGTH = 8;
    private static final String META = "meta.state";
    private static final String STATE = "consumer.state";

    private final NatsServer server;
    private final Stream stream;
    private final Path directory;
    private final DurableFiles files;
    private final Advisories advisories;
    private final ConcurrentHashMap<String, Consumer> consumers = new ConcurrentHashMap<>();

    /** @param directory where durable consumers are kept, or null for a memory stream */
    public ConsumerRegistry(
            NatsServer server, Stream stream, Path directory, DurableFiles files, Advisories advisories) {
        this.server = server;
        this.stream = stream;
        this.directory = directory;
        this.files = files;
        this.advisories = advisories;
    }

    public void recover() {
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (var entries = Files.list(directory)) {
            for (var entry : entries.filter(Files::isDirectory).sorted().toList()) {
                try {
                    if (files.finishDeleting(entry)) {
                        LOG.info(
                                "stream={} consumer directory {} was being deleted when the server stopped; removed",
                                WireText.toText(stream.name()),
                                entry);
                        continue;
                    }
                    var metaBytes = files.read(entry.resolve(META));
                    if (metaBytes == null) {
                        LOG.warn(
                                "stream={} consumer directory {} has no {}; skipped",
                                WireText.toText(stream.name()),
                                entry,
                                META);
                        continue;
                    }
                    var meta = Json.read(metaBytes);
                    var config = ConsumerConfigs.read(meta.get("config"));
                    var name = nameOf(config, entry.getFileName().toString());
                    var state = readState(entry.resolve(STATE), name);
                    var consumer = new Consumer(
                            server,
                            stream,
                            name,
                            config,
                            meta.path("created").asLong(),
                            stateStore(entry),
                            state,
                            advisories);
                    consumers.put(name, consumer);
                    consumer.start(false);
                } catch (IOException | RuntimeException e) {
                    LOG.error(
                            "stream={} consumer directory {} not restored: {}",
                            WireText.toText(stream.name()),
                            entry,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("stream={} consumers not listed: {}", WireText.toText(stream.name()), e.getMessage());
        }
        removeAcknowledged();
    }

    /**
     * The consumer's saved state, or null (a consumer positioned afresh from its configuration) when there is none or
     * it cannot be read. As nats-server does, a damaged state costs redeliveries, never the consumer: on a work-queue
     * or interest stream what was acknowledged has left the stream, so only what a consumer still owed comes again.
     */
    private ConsumerState readState(Path file, String name) {
        try {
            var bytes = files.read(file);
            return bytes == null ? null : ConsumerState.fromJson(Json.read(bytes));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "stream={} consumer={} state file={} could not be read, consumer restored from its start: {}",
                    stream.name(),
                    name,
                    file,
                    e.getMessage());
            return null;
        }
    }

    /**
     * An ack is durable in its consumer's state before the message it frees leaves a work-queue or interest stream;
     * a crash in between leaves an acknowledged message stored (as does a consumer deleted by an older release, which
     * left what only it wanted). Recovery removes those, so a restarted stream holds only what some consumer still
     * owes; it cannot tell which of the two left them.
     */
    private void removeAcknowledged() {
        var retention = stream.config().retention();
        if (retention == StreamConfig.Retention.LIMITS || consumers.isEmpty()) {
            return;
        }
        var upTo = consumers.values().stream().mapToLong(Consumer::cursor).max().orElse(0);
        var removed = 0;
        for (var sequence = stream.store().state().firstSeq(); sequence <= upTo; sequence++) {
            var message = stream.store().get(sequence);
            if (message == null) {
                continue;
            }
            var interested = consumers.values().stream()
                    .filter(c -> c.isInterestedIn(message.subject()))
                    .toList();
            if (!interested.isEmpty() && interested.stream().allMatch(c -> c.hasAcknowledged(message.sequence()))) {
                if (retention == StreamConfig.Retention.WORKQUEUE) {
                    stream.removeAcknowledged(message.sequence());
                } else {
                    stream.removeIfAllAcknowledged(message.sequence());
                }
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("stream={} removed {} messages no consumer needs", WireText.toText(stream.name()), removed);
        }
    }

    public Consumer get(String name) {
        return consumers.get(name);
    }

    public Consumer require(String name) {
        var consumer = consumers.get(name);
        if (consumer == null) {
            throw ApiError.CONSUMER_NOT_FOUND.exception();
        }
        return consumer;
    }

    public List<Consumer> all() {
        var list = new ArrayList<>(consumers.values());
        list.sort(Comparator.comparing(Consumer::name));
        return list;
    }

    /**
     * Creates, returns or replaces a consumer, as the request's action asks ({@code create}, {@code update} or empty
     * for either). The consumer delivers nothing until the caller says {@link Consumer#responseSent}.
     */
    public Consumer createOrUpdate(ConsumerConfig requested, String action) {
        var name = requested.name() != null && !requested.name().isEmpty()
                ? requested.name()
                : requested.durableName() != null && !requested.durableName().isEmpty()
                        ? requested.durableName()
                        : unusedName();
        ConsumerConfigs.checkName(name);
        var checked = ConsumerConfigs.checked(requested, stream.config());
        var config = ConsumerConfigs.withInactiveThreshold(checked);
        var existing = consumers.get(name);
        if (existing != null) {
            // nats-server compares a create with the configuration before it fills in the inactive threshold, so an
            // ephemeral consumer made without one is not the same consumer to a second create
            if ("create".equals(action) && !existing.config().equals(checked)) {
                throw ApiError.CONSUMER_ALREADY_EXISTS.exception();
            }
            if (existing.config().equals(config)) {
                return existing;
            }
            checkWorkQueuePartition(name, config);
            ConsumerUpdates.check(existing.config(), config, server::hasInterest);
            return replace(existing, config);
        }
        if ("update".equals(action)) {
            throw ApiError.CONSUMER_DOES_NOT_EXIST.exception();
        }
        checkLimits(config);
        var consumer = create(name, config, null, Clock.nowNanos());
        LOG.debug("stream={} consumer={} created", WireText.toText(stream.name()), name);
        advisories.consumerAction(Advisories.CONSUMER_CREATED, stream.name(), name, "create");
        return consumer;
    }

    /** Deletes the consumer; on an interest stream, what no remaining consumer needs then leaves the stream. */
    public void delete(String name) {
        remove(name);
        if (stream.config().retention() == StreamConfig.Retention.INTEREST) {
            stream.removeUnwanted();
        }
    }

    /** Deletes every consumer, as their stream is deleted; its messages are left to go with it. */
    public void deleteAll() {
        all().forEach(consumer -> remove(consumer.name()));
    }

    private void remove(String name) {
        var consumer = require(name);
        consumers.remove(name);
        consumer.delete();
        if (directory != null) {
            files.deleteTree(directory.resolve(DirectoryNames.of(name)));
        }
        advisories.consumerAction(Advisories.CONSUMER_DELETED, stream.name(), name, "delete");
    }

    /**
     * The files of every consumer this registry keeps on disk (durable ones, without {@code mem_storage}), with each
     * consumer's state as it is now, asked of the consumer itself rather than read from a file a moment old. For a
     * stream snapshot: called on the stream's writer, so that no consumer has seen a message the cut has not.
     */
    public List<Saved> saved() {
        var saved = new ArrayList<Saved>();
        if (directory == null) {
            return saved;
        }
        for (var consumer : all()) {
            if (consumer.config().isDurable() && !consumer.config().memoryStorage()) {
                saved.add(new Saved(
                        consumer.name(),
                        Json.bytes(meta(consumer.config(), consumer.createdNanos())),
                        consumer.stateForReplacement().toJson()));
            }
        }
        return saved;
    }

    /** Removes ephemeral consumers idle longer than their inactive threshold. */
    public void sweep(long nowNanos) {
        for (var consumer : consumers.values()) {
            if (consumer.isInactive(nowNanos)) {
                LOG.debug("stream={} consumer={} inactive, removed", WireText.toText(stream.name()), consumer.name());
                consumers.remove(consumer.name());
                consumer.delete();
                if (stream.config().retention() == StreamConfig.Retention.INTEREST) {
                    stream.removeUnwanted();
                }
                advisories.consumerAction(Advisories.CONSUMER_DELETED, stream.name(), consumer.name(), "delete");
            }
        }
    }

    @Override
    public void close() {
        consumers.values().forEach(Consumer::close);
        consumers.clear();
    }

    private Consumer replace(Consumer existing, ConsumerConfig config) {
        var state = existing.stateForReplacement();
        consumers.remove(existing.name());
        existing.close();
        return create(existing.name(), config, state, existing.createdNanos());
    }

    private Consumer create(String name, ConsumerConfig config, ConsumerState state, long created) {
        ConsumerState.Store stateStore = null;
        if (config.isDurable() && directory != null && !config.memoryStorage()) {
            var consumerDirectory = directory.resolve(DirectoryNames.of(name));
            // a delete left unfinished must not take the new consumer along at the next start
            files.finishDeleting(consumerDirectory);
            files.write(consumerDirectory.resolve(META), Json.bytes(meta(config, created)));
            stateStore = stateStore(consumerDirectory);
        }
        var consumer = new Consumer(server, stream, name, config, created, stateStore, state, advisories);
        consumers.put(name, consumer);
        consumer.start(true);
        return consumer;
    }

    private static ObjectNode meta(ConsumerConfig config, long created) {
        var meta = Json.object();
        meta.set("config", ConsumerConfigs.write(config));
        meta.put("created", created);
        return meta;
    }

    private ConsumerState.Store stateStore(Path consumerDirectory) {
        return new ConsumerState.Store() {
            @Override
            public void save(ConsumerState state) {
                files.write(consumerDirectory.resolve(STATE), state.toJson());
            }

            @Override
            public void delete() {
                files.deleteTree(consumerDirectory);
            }
        };
    }

    private void checkLimits(ConsumerConfig config) {
        var streamConfig = stream.config();
        if (streamConfig.maxConsumers() > 0 && consumers.size() >= streamConfig.maxConsumers()) {
            throw ApiError.MAXIMUM_CONSUMERS.exception();
        }
        if (streamConfig.retention() != StreamConfig.Retention.WORKQUEUE || consumers.isEmpty()) {
            return;
        }
        if (config.filters().isEmpty()) {
            throw ApiError.WORKQUEUE_MULTIPLE_UNFILTERED.exception();
        }
        checkWorkQueuePartition(null, config);
    }

    /**
     * On a work-queue stream, each consumer's filters must take subjects no other consumer takes (nats-server's
     * {@code partitionUnique}): an unfiltered other consumer takes them all.
     */
    private void checkWorkQueuePartition(String name, ConsumerConfig config) {
        if (stream.config().retention() != StreamConfig.Retention.WORKQUEUE) {
            return;
        }
        for (var mine : config.filters()) {
            for (var other : consumers.values()) {
                if (other.name().equals(name)) {
                    continue;
                }
                var theirs = other.config().filters();
                if (theirs.isEmpty() || theirs.stream().anyMatch(filter -> Subjects.overlaps(mine, filter))) {
                    throw ApiError.WORKQUEUE_NOT_UNIQUE.exception();
                }
            }
        }
    }

    /**
     * The name a consumer was created under, as its configuration holds it; the directory's name only for a file
     * without one, since a name that is not ASCII is escaped in its directory's name.
     */
    private static String nameOf(ConsumerConfig config, String directoryName) {
        if (config.name() != null && !config.name().isEmpty()) {
            return config.name();
        }
        return config.isDurable() ? config.durableName() : directoryName;
    }

    /** A name for a consumer made without one: eight random characters, as nats-server names them, not yet taken. */
    private String unusedName() {
        while (true) {
            var name = new StringBuilder(EPHEMERAL_NAME_LENGTH);
            for (var i = 0; i < EPHEMERAL_NAME_LENGTH; i++) {
                name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            if (!consumers.containsKey(name.toString())) {
                return name.toString();
            }
        }
    }

    /** Durable small-file writes, supplied by the store layer. */
    public interface DurableFiles {
        void write(Path file, byte[] content);

        /** The file's content, or null when there is none. */
        byte[] read(Path file);

        /** Deletes the directory: first marks it durably as being deleted, so that a crash part way loses it whole. */
        void deleteTree(Path directory);

        /** Removes a directory a crash left marked as being deleted; false when it is not one. */
        boolean finishDeleting(Path directory);
    }

    /** A consumer's {@code meta.state} and {@code consumer.state} content, as this registry writes them. */
    public record Saved(String name, byte[] meta, byte[] state) {}
}
