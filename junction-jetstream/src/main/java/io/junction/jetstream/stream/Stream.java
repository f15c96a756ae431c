package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoreCompression;
import io.junction.jetstream.store.StoreLimits;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.transform.SubjectTransform;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream: captures messages published on its subjects, stores them and acknowledges them once durable.
 *
 * <h2>Writer thread</h2>
 * Every change to the stream's store runs on one writer thread, fed by a queue: published messages from the
 * server's event loops, and tasks (purge, delete, acks on work queues) from the API and consumers; the writer also
 * wakes when the oldest message reaches {@code max_age} and removes what expired. It takes everything waiting,
 * applies it in order, calls {@code sync} once for the whole batch, and only then sends the publish acks and tells
 * consumers. One fsync thus covers many publishes (group commit) and no publish is acknowledged before it is on
 * disk. With a {@code sync_interval} the writer acknowledges once written and fsyncs at most that often instead,
 * nats-server's looser behaviour for those who ask for it.
 *
 * <h2>Failures</h2>
 * A publish the stream refuses is answered with nats-server's error; a store failure is logged and answered with a
 * store error, and the stream keeps serving reads.
 */
public final class Stream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Stream.class);
    private static final int MAX_BATCH = 4096;
    private static final long SOURCING_TICK_NANOS = 1_000_000_000L;

    private final NatsServer server;
    private final MessageStore store;
    private final long createdNanos;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<StreamObserver> observers = new CopyOnWriteArrayList<>();
    private final List<InternalSubscription> subscriptions = new ArrayList<>();
    private final List<Runnable> followers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean copyRequested = new AtomicBoolean();
    private final Deduplicator deduplicator = new Deduplicator();
    private final PublishRules rules;
    private final Thread writer;
    private final Duration syncInterval;
    private final StorageBudget budget;
    private final String domain;
    private long lastSyncNanos = System.nanoTime();
    private long lastCopyNanos;
    private long lastFollowedSeq;
    private Function<String, Stream> origins = name -> null;
    private volatile StreamSourcing sourcing;
    private volatile StreamConfig config;
    private SubjectTransform inputTransform;
    private Republisher republisher;
    private final List<Republisher.Pending> republishing = Republisher.queue();
    private volatile boolean closed;

    public Stream(NatsServer server, StreamConfig config, MessageStore store, long createdNanos) {
        this(server, config, store, createdNanos, null, StorageBudget.UNLIMITED);
    }

    /**
     * @param syncInterval null to fsync before acknowledging every batch; otherwise acknowledge once written and
     *     fsync this often, as nats-server does
     */
    public Stream(
            NatsServer server,
            StreamConfig config,
            MessageStore store,
            long createdNanos,
            Duration syncInterval,
            StorageBudget budget) {
        this(server, config, store, createdNanos, syncInterval, budget, null);
    }

    /** @param domain the JetStream domain that pub acks name, null for none */
    public Stream(
            NatsServer server,
            StreamConfig config,
            MessageStore store,
            long createdNanos,
            Duration syncInterval,
            StorageBudget budget,
            String domain) {
        this.server = server;
        this.syncInterval = syncInterval;
        this.budget = budget;
        this.domain = domain;
        this.config = config;
        this.store = store;
        this.createdNanos = createdNanos;
        this.rules = new PublishRules(this);
        this.inputTransform = StreamTransforms.compile(config.subjectTransform());
        this.republisher = Republisher.of(config, republishing);
        if (config.firstSeq() > 0 && store.state().lastSeq() == 0) {
            store.startAt(config.firstSeq());
        }
        store.updateLimits(limitsOf(config));
        deduplicator.rebuild(store, Clock.nowNanos(), config.duplicateWindowNanos());
        this.writer =
                Thread.ofPlatform().name("stream-" + config.name()).daemon().unstarted(this::writeLoop);
    }

    /** Starts capturing the configured subjects. */
    public void start() {
        start(name -> null);
    }

    /**
     * Starts capturing the configured subjects and copying from the mirror's or sources' origins.
     *
     * @param origins the account's streams by name, null for a stream that does not exist (yet)
     */
    public void start(Function<String, Stream> origins) {
        this.origins = origins;
        if (config.isSourcing()) {
            sourcing = new StreamSourcing(this, origins, this::requestCopy);
        }
        writer.start();
        subscribe();
    }

    /**
     * What a mirror copies from its origin ({@code mirror}) or a stream from each source, as nats-server's
     * {@code StreamSourceInfo}; empty when the stream copies nothing.
     */
    public List<SourceReport> sourceReports() {
        var current = sourcing;
        return current == null ? List.of() : current.reports();
    }

    /** The JetStream domain this stream is in, null for none. */
    String domain() {
        return domain;
    }

    /** Called by a stream this one copies from, after a batch that stored messages: copy them soon. */
    void addFollower(Runnable follower) {
        followers.add(follower);
    }

    void removeFollower(Runnable follower) {
        followers.remove(follower);
    }

    private void requestCopy() {
        if (copyRequested.compareAndSet(false, true)) {
            queue.add(CopyRequest.INSTANCE);
        }
    }

    /**
     * Stores a message copied from the mirror's origin under its origin sequence, on the subject the mirror's
     * transforms gave; false to retry it later.
     */
    boolean storeMirrored(StoredMessage message, String mirroredSubject) {
        if (closed) {
            return false;
        }
        if (message.sequence() <= store.state().lastSeq()) {
            return true;
        }
        var subject = transformed(mirroredSubject);
        var size = store.messageSize(subject, message.headers(), message.payload());
        if (!budget.admits(config.storage(), size)) {
            return false;
        }
        var republishTo = republisher == null ? null : republisher.destination(subject);
        var lastOfSubject = republishTo == null ? 0 : store.lastSequenceOf(subject);
        try {
            store.appendAt(message.sequence(), subject, message.headers(), message.payload(), message.timestampNanos());
        } catch (RuntimeException e) {
            LOG.error("stream={} mirror store failed: {}", config.name(), e.getMessage(), e);
            return false;
        }
        if (republishTo != null) {
            republisher.stored(
                    republishTo,
                    subject,
                    message.sequence(),
                    message.timestampNanos(),
                    lastOfSubject,
                    message.headers(),
                    message.payload());
        }
        afterStore(message.sequence(), subject);
        return true;
    }

    /** The subject a message is stored under: the stream's {@code subject_transform} applied when it matches. */
    private String transformed(String subject) {
        var transform = inputTransform;
        if (transform == null) {
            return subject;
        }
        var result = transform.match(subject);
        return result == null ? subject : result;
    }

    /** Stores a message copied from a source, with the publish rules (dedupe, limits); false to retry it later. */
    boolean storeSourced(Inbound inbound) {
        return store(inbound).error() == null;
    }

    public StreamConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public MessageStore store() {
        return store;
    }

    StorageBudget budget() {
        return budget;
    }

    public long createdNanos() {
        return createdNanos;
    }

    public List<StreamObserver> observers() {
        return observers;
    }

    public void addObserver(StreamObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(StreamObserver observer) {
        observers.remove(observer);
    }

    /** Replaces the configuration; the caller has checked that the change is allowed. */
    public void update(StreamConfig updated) {
        call(() -> {
            var sourcesChanged = !updated.sources().equals(config.sources());
            config = updated;
            inputTransform = StreamTransforms.compile(updated.subjectTransform());
            republisher = Republisher.of(updated, republishing);
            store.updateLimits(limitsOf(updated));
            store.updateCompression(StoreCompression.of(updated.compression()));
            if (sourcesChanged) {
                if (sourcing != null) {
                    sourcing.close();
                }
                sourcing = updated.isSourcing() ? new StreamSourcing(this, origins, this::requestCopy) : null;
                requestCopy();
            }
            return null;
        });
        unsubscribe();
        subscribe();
    }

    /** Runs a change on the writer thread, after everything queued before it, and waits for it to be durable. */
    public <T> T call(Supplier<T> change) {
        var task = new Task<>(change);
        queue.add(task);
        try {
            return task.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Removes a message a work-queue consumer acknowledged; queued, not awaited. */
    public void removeAcknowledged(long sequence) {
        queue.add(new Task<>(() -> store.delete(sequence, false)));
    }

    /** Removes a message from an interest stream once every interested consumer acknowledged it. */
    public void removeIfAllAcknowledged(long sequence) {
        queue.add(new Task<>(() -> {
            var message = store.get(sequence);
            if (message == null) {
                return false;
            }
            return !isWanted(sequence, message.subject()) && store.delete(sequence, false);
        }));
    }

    /**
     * Removes from an interest stream every message no consumer still needs: each consumer interested in its subject
     * has acknowledged it, or none is interested. Queued on the writer when a consumer goes, as nats-server cleans up
     * then (with no consumer left, everything goes).
     */
    public void removeUnwanted() {
        queue.add(new Task<>(() -> {
            if (observers.isEmpty()) {
                return store.purge(null, 0, 0);
            }
            var state = store.state();
            for (var sequence = state.firstSeq(); sequence <= state.lastSeq(); sequence++) {
                var message = store.get(sequence);
                if (message != null && !isWanted(sequence, message.subject())) {
                    store.delete(sequence, false);
                }
            }
            return 0L;
        }));
    }

    private boolean isWanted(long sequence, String subject) {
        for (var observer : observers) {
            if (observer.isInterestedIn(subject) && !observer.hasAcknowledged(sequence)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        unsubscribe();
        var current = sourcing;
        if (current != null) {
            current.close();
        }
        queue.add(Shutdown.INSTANCE);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.sync();
        } catch (RuntimeException e) {
            LOG.error("stream={} final sync failed: {}", config.name(), e.getMessage());
        }
        store.close();
    }

    private void subscribe() {
        for (var subject : config.subjects()) {
            subscriptions.add(server.subscribe(
                    subject, null, (s, reply, headers, payload) -> queue.add(new Inbound(s, reply, headers, payload))));
        }
    }

    private void unsubscribe() {
        subscriptions.forEach(InternalSubscription::close);
        subscriptions.clear();
    }

    private void writeLoop() {
        var batch = new ArrayList<Object>(256);
        var acks = new ArrayList<Reply>(256);
        var tasks = new ArrayList<Task<?>>();
        while (true) {
            try {
                var wait = untilNextExpiry();
                if (syncInterval != null) {
                    wait = wait < 0 ? syncInterval.toNanos() : Math.min(wait, syncInterval.toNanos());
                }
                if (sourcing != null) {
                    wait = wait < 0 ? SOURCING_TICK_NANOS : Math.min(wait, SOURCING_TICK_NANOS);
                }
                var first = wait < 0 ? queue.take() : queue.poll(wait, java.util.concurrent.TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH);
            var stop = false;
            var messagesBefore = store.state().messages();
            var stored = 0;
            for (var item : batch) {
                switch (item) {
                    case Inbound inbound -> {
                        var ack = store(inbound);
                        if (ack.error() == null && !ack.duplicate()) {
                            stored++;
                        }
                        if (inbound.reply() != null && !config.noAck() && ack.answered()) {
                            acks.add(new Reply(inbound.reply(), ack.json(domain)));
                        }
                    }
                    case Task<?> task -> {
                        task.run();
                        tasks.add(task);
                    }
                    case CopyRequest request -> {}
                    case Shutdown shutdown -> stop = true;
                    default -> throw new IllegalStateException("unexpected item " + item);
                }
            }
            batch.clear();
            stored += copyFromOrigins(stop);
            expireDue();
            finishBatch(acks, tasks, store.state().messages() != messagesBefore + stored);
            if (stop) {
                return;
            }
            compactSegments();
        }
    }

    /** Copies from the origins when one asked or a second passed; asks again while an origin has more. */
    private int copyFromOrigins(boolean stopping) {
        var current = sourcing;
        if (current == null || stopping || closed) {
            return 0;
        }
        var requested = copyRequested.getAndSet(false);
        if (!requested && System.nanoTime() - lastCopyNanos < SOURCING_TICK_NANOS) {
            return 0;
        }
        lastCopyNanos = System.nanoTime();
        var copied = current.copy();
        if (current.hasMore()) {
            requestCopy();
        }
        return copied;
    }

    /** @param removed whether the batch removed messages (limits, rollups, acks), which consumers must recount */
    private void finishBatch(List<Reply> acks, List<Task<?>> tasks, boolean removed) {
        var durable = true;
        try {
            if (syncInterval == null || System.nanoTime() - lastSyncNanos >= syncInterval.toNanos()) {
                store.sync();
                lastSyncNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            durable = false;
            LOG.error("stream={} sync failed: {}", config.name(), e.getMessage());
            var failed = PubAck.refused(config.name(), ApiError.storeFailed(e.getMessage()))
                    .json(domain);
            acks.replaceAll(reply -> new Reply(reply.subject(), failed));
        }
        // republished before the acks, as nats-server does, and only once on disk, as the acks are
        Republisher.flush(republishing, server, durable);
        for (var ack : acks) {
            server.publish(ack.subject(), null, null, ack.payload());
        }
        for (var task : tasks) {
            task.complete();
        }
        acks.clear();
        tasks.clear();
        var last = store.state().lastSeq();
        for (var observer : observers) {
            if (removed) {
                observer.removed();
            }
            observer.appended(last);
        }
        if (last != lastFollowedSeq) {
            lastFollowedSeq = last;
            followers.forEach(Runnable::run);
        }
    }

    /**
     * After the batch is acknowledged, so that rewriting a segment delays the next batch, not this one's acks: one
     * segment while more waits, every segment worth it once nothing does, so an idle stream gives back all it can.
     */
    private void compactSegments() {
        try {
            var reclaimed = store.compactSegments();
            while (reclaimed > 0 && queue.isEmpty()) {
                reclaimed = store.compactSegments();
            }
        } catch (RuntimeException e) {
            LOG.error("stream={} compaction failed: {}", config.name(), e.getMessage());
        }
    }

    /** Nanoseconds until the oldest message reaches max_age, or -1 when none will until something is stored. */
    private long untilNextExpiry() {
        var maxAge = config.maxAgeNanos();
        if (maxAge <= 0 || closed) {
            return -1;
        }
        var state = store.state();
        if (state.messages() == 0) {
            return -1;
        }
        return Math.max(0, state.firstTimestampNanos() + maxAge - Clock.nowNanos());
    }

    /** Removes the messages max_age expires by now, as nats-server's age check does; the batch tells consumers. */
    private void expireDue() {
        if (config.maxAgeNanos() <= 0 || closed) {
            return;
        }
        try {
            store.expire(Clock.nowNanos());
        } catch (RuntimeException e) {
            LOG.error("stream={} expiry failed: {}", config.name(), e.getMessage());
        }
    }

    /**
     * Applies the stream's subject transform, then the publish rules; a stored message the republish source
     * matches is remembered for after the sync, with the subject's last sequence from before it.
     */
    private PubAck store(Inbound received) {
        if (closed) {
            return PubAck.refused(config.name(), ApiError.storeFailed("stream closed"));
        }
        var subject = transformed(received.subject());
        var inbound = subject.equals(received.subject())
                ? received
                : new Inbound(subject, received.reply(), received.headers(), received.payload());
        try {
            var republishTo = republisher == null ? null : republisher.destination(subject);
            var lastOfSubject = republishTo == null ? 0 : store.lastSequenceOf(subject);
            var ack = rules.apply(inbound, config, store, deduplicator);
            if (republishTo != null && ack.error() == null && !ack.duplicate()) {
                republisher.stored(
                        republishTo,
                        subject,
                        ack.sequence(),
                        store.state().lastTimestampNanos(),
                        lastOfSubject,
                        inbound.headers(),
                        inbound.payload());
            }
            return ack;
        } catch (ApiException e) {
            return PubAck.refused(config.name(), e.error());
        } catch (RuntimeException e) {
            LOG.error("stream={} store failed: {}", config.name(), e.getMessage(), e);
            return PubAck.refused(config.name(), ApiError.storeFailed(String.valueOf(e.getMessage())));
        }
    }

    /** After a message was stored under interest retention: drops it at once when no consumer wants it. */
    void afterStore(long sequence, String subject) {
        if (config.retention() == StreamConfig.Retention.LIMITS) {
            return;
        }
        for (var observer : observers) {
            if (observer.isInterestedIn(subject)) {
                return;
            }
        }
        if (config.retention() == StreamConfig.Retention.INTEREST) {
            store.delete(sequence, false);
        }
    }

    static StoreLimits limitsOf(StreamConfig config) {
        return new StoreLimits(
                config.maxMsgs(),
                config.maxBytes(),
                config.maxAgeNanos(),
                config.maxMsgsPerSubject(),
                config.discard() == StreamConfig.Discard.OLD);
    }

    record Inbound(String subject, String reply, byte[] headers, byte[] payload) {}

    private record Reply(String subject, byte[] payload) {}

    private enum CopyRequest {
        INSTANCE
    }

    private enum Shutdown {
        INSTANCE
    }

    private static final class Task<T> {
        private final Supplier<T> change;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private T value;
        private RuntimeException failure;

        Task(Supplier<T> change) {
            this.change = change;
        }

        void run() {
            try {
                value = change.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }
}
