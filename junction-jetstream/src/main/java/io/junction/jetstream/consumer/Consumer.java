package io.junction.jetstream.consumer;

import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.event.ConsumerEvents;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.stream.Clock;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamObserver;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A consumer: a cursor over its stream's messages that delivers them to pull requests or a push subject and tracks
 * their acknowledgements.
 *
 * <h2>Threading</h2>
 * Each consumer has one single-threaded scheduled executor, and all of its state lives there: this class's fields and
 * every part it is made of ({@link DeliveryState}, {@link PullQueue}, {@link AckHandler}, {@link PushDelivery},
 * {@link ConsumerStateWriter}, {@link Pacing}, {@link PendingTally}), none of which takes a lock. The stream's writer
 * ({@link StreamObserver}), the server's event loops (acks, pull requests, flow control answers) and the API thread
 * only post work to it; the API thread waits for answers it needs ({@link #snapshot}). Timers (ack wait, pull request
 * expiry, heartbeats, pacing, state writes) are scheduled on the same executor. The few fields read from other
 * threads are volatile, and {@link DeliveryState#hasAcknowledged} is safe for the stream's writer to call.
 *
 * <h2>Delivery</h2>
 * Redeliveries go first, then new messages from the cursor (for {@code last_per_subject}, first the last message of
 * each subject). No new message goes out while {@code max_ack_pending} messages await their ack, but those messages
 * are still redelivered, as nats-server redelivers them. Each delivery carries the ack subject, whose last token is
 * the number of messages still pending after it.
 *
 * <h2>Acks</h2>
 * An unacknowledged message is redelivered after {@code ack_wait} (or the next {@code backoff} step) until
 * {@code max_deliver}; {@link AckHandler} applies what clients answer. A durable consumer writes its state a moment
 * after it changes, but answers an ack that asks for a reply (AckSync) only once the state holding it is written.
 */
public final class Consumer implements StreamObserver, AutoCloseable {
    private static final long TICK_MILLIS = 100;

    private final NatsServer server;
    private final Stream stream;
    private final String name;
    private final ConsumerConfig config;
    private final long createdNanos;
    private final ScheduledExecutorService executor;
    private final List<InternalSubscription> subscriptions = new ArrayList<>();
    private final DeliveryState state;
    private final TreeSet<Long> lastPerSubject = new TreeSet<>();
    private final PullQueue waiting;
    private final PushDelivery push;
    private final ConsumerStateWriter writer;
    private final AckHandler acks;
    private final Pacing pacing;
    private final ConsumerEvents events;
    private final PendingTally pending;
    private final boolean positioned;
    private volatile long cursor;
    /** The lowest of {@link #lastPerSubject}, or none: those messages are still wanted though the cursor is past. */
    private volatile long nextLastPerSubject = Long.MAX_VALUE;

    private volatile long lastActiveNanos;
    private volatile boolean closed;
    /** Set in {@link #start} before any of the executor's work is queued, then read and cleared on the executor. */
    private boolean awaitingResponse;

    private StoredMessage held;
    private long wakeAtNanos;

    Consumer(
            NatsServer server,
            Stream stream,
            String name,
            ConsumerConfig config,
            long createdNanos,
            ConsumerState.Store stateStore,
            ConsumerState recovered,
            Advisories advisories) {
        this.server = server;
        this.stream = stream;
        this.name = name;
        this.config = config;
        this.createdNanos = createdNanos;
        this.state = new DeliveryState(config.ackPolicy());
        this.waiting = new PullQueue(server);
        this.push = config.isPull() ? null : new PushDelivery(server, stream.name(), name, config);
        this.pending = new PendingTally(stream.store(), config.filters());
        this.pacing = new Pacing(
                config.replayPolicy() == ConsumerConfig.ReplayPolicy.ORIGINAL,
                config.isPull()
                        ? null
                        : RateLimit.of(
                                config.rateLimitBps(),
                                stream.config().maxMsgSize(),
                                server.options().maxPayload(),
                                System.nanoTime()));
        this.events = new ConsumerEvents(
                advisories, stream.name(), name, ConsumerEvents.parseSampleFrequency(config.sampleFrequency()));
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("consumer-" + stream.name() + "-" + name)
                .daemon()
                .factory());
        this.writer = new ConsumerStateWriter(
                stateStore,
                executor,
                server,
                () -> state.toState(cursor, List.copyOf(lastPerSubject)),
                stream.name(),
                name);
        this.acks = new AckHandler(stream, config, state, events, () -> cursor);
        this.positioned = recovered == null;
        if (recovered != null) {
            restore(recovered);
        } else {
            position();
        }
    }

    /**
     * Starts delivering. A consumer made by a request waits for {@link #responseSent}, since nats-server answers the
     * request before the consumer's first message.
     */
    void start(boolean afterResponse) {
        awaitingResponse = afterResponse;
        var ackPrefix = "$JS.ACK." + stream.name() + "." + name;
        // exactly the five tokens of the ack subjects it hands out: a malformed ack finds no responder, as in
        // nats-server
        subscriptions.add(server.subscribe(
                ackPrefix + ".*.*.*.*.*",
                null,
                (subject, reply, headers, body) -> executor.execute(() -> onAck(subject, reply, body))));
        if (push != null && push.flowControlSubscription() != null) {
            subscriptions.add(server.subscribe(
                    push.flowControlSubscription(),
                    null,
                    (subject, reply, headers, body) -> executor.execute(() -> {
                        if (push.flowControlAnswered(subject)) {
                            deliverAvailable();
                        }
                    })));
        }
        var next = "$JS.API.CONSUMER.MSG.NEXT." + stream.name() + "." + name;
        subscriptions.add(server.subscribe(next, null, (subject, reply, headers, body) -> {
            if (reply != null) {
                var received = System.nanoTime();
                executor.execute(() -> onPullRequest(reply, body, received));
            }
        }));
        stream.addObserver(this);
        if (positioned) {
            // where a new consumer starts depends on the stream when it was made: write it before anyone is told
            call(writer::writeNow);
        }
        executor.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        executor.execute(this::deliverAvailable);
    }

    /** The request that made or returned this consumer was answered: deliveries may begin. */
    public void responseSent() {
        executor.execute(() -> {
            awaitingResponse = false;
            deliverAvailable();
        });
    }

    public String name() {
        return name;
    }

    public ConsumerConfig config() {
        return config;
    }

    public long createdNanos() {
        return createdNanos;
    }

    /** A snapshot of the consumer's counters, taken on its own thread. */
    public ConsumerInfoSnapshot snapshot() {
        return call(() -> state.snapshot(waiting.size(), numPending(), push != null && push.isBound()));
    }

    /**
     * Whether the consumer has been idle past its inactive threshold, which every consumer that is not durable has
     * (see {@link ConsumerConfigs#withInactiveThreshold}); a durable one without a threshold is never inactive.
     */
    boolean isInactive(long nowNanos) {
        var threshold = config.inactiveThresholdNanos();
        if (threshold <= 0) {
            return false;
        }
        if (push != null && push.isBound()) {
            lastActiveNanos = Math.max(lastActiveNanos, nowNanos);
            return false;
        }
        var last = Math.max(lastActiveNanos, createdNanos);
        if (nowNanos - last <= threshold) {
            return false;
        }
        // A pull request still waiting for messages, from a client that is still there, is activity: nats-server
        // keeps such a consumer, so a long fetch outlasting the threshold does not lose its consumer.
        if (config.isPull() && call(waiting::hasLiveRequest)) {
            lastActiveNanos = Math.max(lastActiveNanos, nowNanos);
            return false;
        }
        return true;
    }

    /** The state to carry into a replacement with a new configuration. */
    ConsumerState stateForReplacement() {
        return call(() -> state.toState(cursor, List.copyOf(lastPerSubject)));
    }

    // StreamObserver, called on the stream's writer thread

    @Override
    public void appended(long lastSequence) {
        if (!closed) {
            executor.execute(this::deliverAvailable);
        }
    }

    @Override
    public void removed() {
        if (!closed) {
            executor.execute(this::afterRemoval);
        }
    }

    @Override
    public boolean isInterestedIn(String subject) {
        var filters = config.filters();
        if (filters.isEmpty()) {
            return true;
        }
        for (var filter : filters) {
            if (io.junction.nats.subject.Subjects.matches(subject, filter)) {
                return true;
            }
        }
        return false;
    }

    /** The stream sequence up to which this consumer has delivered. */
    public long cursor() {
        return cursor;
    }

    /**
     * Whether this consumer is done with the message, for an interest stream. A subject's last message that a
     * {@code last_per_subject} consumer has still to deliver is not, nor is anything after it, though the cursor is
     * already past, as nats-server counts from the lowest of them.
     */
    @Override
    public boolean hasAcknowledged(long sequence) {
        return state.hasAcknowledged(sequence, Math.min(cursor, nextLastPerSubject - 1));
    }

    // Pull requests

    private void onPullRequest(String reply, byte[] body, long receivedNanos) {
        if (!config.isPull()) {
            waiting.status(reply, "409 Consumer is push based", Map.of());
            return;
        }
        lastActiveNanos = Clock.nowNanos();
        var request = waiting.admit(reply, body, config, receivedNanos, () -> numPending() + state.redeliveryCount());
        if (request == null) {
            return;
        }
        deliverAvailable();
        // with an expiry, a no_wait request that got nothing waits for a message until then, as in nats-server
        var waitsForExpiry = request.expiresAtNanos != 0 && request.delivered == 0;
        if (request.noWait && !waitsForExpiry && waiting.remove(request)) {
            if (request.delivered > 0) {
                waiting.timeout(request);
            } else {
                waiting.status(reply, "404 No Messages", Map.of());
            }
        }
    }

    // Delivery

    private void deliverAvailable() {
        if (closed || awaitingResponse) {
            return;
        }
        while (hasTarget()) {
            var wasHeld = held != null;
            var cursorBefore = cursor;
            var message = wasHeld ? held : next();
            held = null;
            if (message == null) {
                if (config.isPull() && !atMaxAckPending()) {
                    waiting.endServedNoWait();
                }
                break;
            }
            var wait = pacing.waitFor(message, () -> outgoing(message).size(), System.nanoTime());
            if (wait > 0) {
                held = message;
                wakeIn(wait);
                break;
            }
            if (!deliver(message)) {
                if (wasHeld) {
                    held = message;
                } else {
                    putBack(message, cursorBefore);
                }
                break;
            }
        }
        writer.writeSoon();
    }

    /**
     * Tries delivering again after the wait, unless a try is already due by then: a rate-limited consumer that waits
     * seconds hears of every message appended meanwhile, and must not pile up a timer for each.
     */
    private void wakeIn(long waitNanos) {
        var at = System.nanoTime() + waitNanos;
        if (wakeAtNanos != 0 && wakeAtNanos - at <= 0) {
            return;
        }
        wakeAtNanos = at;
        executor.schedule(
                () -> {
                    wakeAtNanos = 0;
                    deliverAvailable();
                },
                waitNanos,
                TimeUnit.NANOSECONDS);
    }

    private boolean atMaxAckPending() {
        return config.maxAckPending() > 0 && state.pendingCount() >= config.maxAckPending();
    }

    private boolean hasTarget() {
        if (config.isPull()) {
            return waiting.hasLiveRequest();
        }
        return push.canDeliver();
    }

    private StoredMessage next() {
        var store = stream.store();
        for (var sequence = state.nextRedelivery(); sequence >= 0; sequence = state.nextRedelivery()) {
            var message = store.get(sequence);
            if (message == null) {
                state.removedFromStream(sequence);
            } else if (!reachedMaxDeliveries(sequence)) {
                return message;
            }
        }
        if (atMaxAckPending()) {
            return null;
        }
        while (!lastPerSubject.isEmpty()) {
            var sequence = lastPerSubject.pollFirst();
            lastPerSubjectChanged();
            var message = store.get(sequence);
            if (message != null) {
                cursor = Math.max(cursor, sequence);
                return message;
            }
        }
        pending.afterCursor(cursor);
        var message = nextMatching(cursor + 1);
        if (message != null) {
            cursor = message.sequence();
            pending.deliveredNew(message.sequence());
        }
        return message;
    }

    private StoredMessage nextMatching(long from) {
        return new Filtered(stream.store(), config.filters()).next(from);
    }

    /** Delivers the message, or returns false when no waiting pull request has room for it. */
    private boolean deliver(StoredMessage message) {
        var sequence = message.sequence();
        var count = state.deliveryCount(sequence) + 1;
        var consumerSequence = state.deliveredConsumerSeq() + 1;
        var outgoing = outgoing(message);
        var target = config.deliverSubject();
        if (config.isPull()) {
            target = waiting.take(outgoing.size());
            if (target == null) {
                return false;
            }
        }

        var now = System.nanoTime();
        state.delivered(
                sequence,
                consumerSequence,
                count,
                config.ackPolicy() != ConsumerConfig.AckPolicy.NONE,
                now + config.ackWaitFor(count));
        server.deliver(target, outgoing.subject(), outgoing.reply(), outgoing.headers(), outgoing.payload());
        pacing.delivered(message, now);
        if (push != null) {
            push.delivered(message.storedSize(), now);
        }
        lastActiveNanos = Clock.nowNanos();
        return true;
    }

    /** The message as it would go out now, with the ack reply its next delivery gets. */
    private Outgoing outgoing(StoredMessage message) {
        var sequence = message.sequence();
        var reply = AckSubject.format(
                stream.name(),
                name,
                state.deliveryCount(sequence) + 1,
                sequence,
                state.deliveredConsumerSeq() + 1,
                message.timestampNanos(),
                numPending());
        return Outgoing.of(message, reply, config.headersOnly());
    }

    /** Returns a message that {@link #next()} took but that was not delivered, so that it goes out next time. */
    private void putBack(StoredMessage message, long cursorBefore) {
        var sequence = message.sequence();
        if (state.isPending(sequence)) {
            state.queueRedelivery(sequence);
        } else if (sequence <= cursorBefore) {
            lastPerSubject.add(sequence);
            lastPerSubjectChanged();
        } else {
            pending.putBack();
        }
        cursor = cursorBefore;
    }

    // Acks

    private void onAck(String subject, String reply, byte[] body) {
        var ack = AckSubject.parse(subject, 4);
        if (ack == null) {
            // sequences that are not numbers name no message: nats-server 2.10 reads them as past every delivery, and
            // leaves the ack unanswered
            return;
        }
        lastActiveNanos = Clock.nowNanos();
        var text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        var answered = reply != null && acks.answers(ack, text);
        var nextRequest = acks.apply(ack, text);
        if (nextRequest != null && reply != null) {
            onPullRequest(reply, nextRequest.getBytes(StandardCharsets.UTF_8), System.nanoTime());
        } else if (answered) {
            writer.confirmWhenWritten(reply);
        }
        deliverAvailable();
    }

    // Timers

    private void tick() {
        if (closed) {
            return;
        }
        var now = System.nanoTime();
        for (var sequence : state.overdue(now)) {
            if (!reachedMaxDeliveries(sequence)) {
                state.queueRedelivery(sequence);
            }
        }
        waiting.expire(now, state.deliveredConsumerSeq(), state.deliveredStreamSeq());
        if (push != null) {
            push.heartbeatIfIdle(now, state.deliveredConsumerSeq(), state.deliveredStreamSeq());
        }
        deliverAvailable();
    }

    /**
     * Whether the message was delivered {@code max_deliver} times. Then, as nats-server does when it comes up for
     * redelivery, it leaves the pending set (freeing its place under {@code max_ack_pending}; a later nak or
     * progress of it does nothing), keeps its delivery count, and the advisory goes out; the ack floor stays until
     * the next ack moves it.
     */
    private boolean reachedMaxDeliveries(long sequence) {
        var count = Math.max(1, state.deliveryCount(sequence));
        if (config.maxDeliver() <= 0 || count < config.maxDeliver()) {
            return false;
        }
        state.dropAfterMaxDeliveries(sequence);
        events.maxDeliveries(sequence, count);
        return true;
    }

    // State

    /** Messages after the cursor that this consumer would deliver, plus the initial last-per-subject ones. */
    private long numPending() {
        return lastPerSubject.size() + pending.afterCursor(cursor);
    }

    private void lastPerSubjectChanged() {
        nextLastPerSubject = lastPerSubject.isEmpty() ? Long.MAX_VALUE : lastPerSubject.first();
    }

    private void position() {
        var start = StartingPoint.of(config, stream.store(), stream.config().maxMsgsPerSubject());
        cursor = start.cursor();
        lastPerSubject.addAll(start.lastPerSubject());
        lastPerSubjectChanged();
        state.position(start.sequence());
    }

    private void afterRemoval() {
        pending.recount();
        var store = stream.store();
        var first = store.state().firstSeq();
        if (cursor < first - 1) {
            cursor = first - 1;
        }
        state.forgetRemoved(store);
        writer.writeSoon();
    }

    private void restore(ConsumerState recovered) {
        pending.recount();
        cursor = recovered.cursor();
        state.restore(recovered, System.nanoTime());
        lastPerSubject.addAll(recovered.lastPerSubject());
        lastPerSubjectChanged();
    }

    private <T> T call(Supplier<T> work) {
        var future = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                future.complete(work.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future.join();
    }

    @Override
    public void close() {
        stream.removeObserver(this);
        subscriptions.forEach(InternalSubscription::close);
        try {
            executor.submit(() -> {
                        writer.closeWithLastWrite();
                        closed = true;
                    })
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            closed = true;
        }
        // not shutdownNow: an interrupt would break a state write under way, and the consumer's directory may be
        // removed right after this returns; what is still queued finds the consumer closed and does nothing
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Tells waiting pull requests that the consumer is gone, then closes. */
    void delete() {
        writer.discard();
        executor.execute(() -> {
            waiting.endAll("409 Consumer Deleted");
        });
        close();
        writer.deleteWritten();
    }
}
