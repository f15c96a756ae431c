package io.junction.jetstream.consumer;

import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.event.ConsumerEvents;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.stream.Clock;
import io.junction.jetstream.stream.Headers;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.jetstream.stream.StreamObserver;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer: a cursor over its stream's messages that delivers them to pull requests or a push subject and tracks
 * their acknowledgements.
 *
 * <h2>Threading</h2>
 * All state lives on the consumer's own serial executor. The stream's writer, the server's event loops (acks, pull
 * requests) and timers only post work to it, so no lock guards the state.
 *
 * <h2>Delivery</h2>
 * Redeliveries go first, then new messages from the cursor (for {@code last_per_subject}, first the last message of
 * each subject). Nothing goes out while {@code max_ack_pending} messages await their ack. Each delivery carries the
 * ack subject, whose last token is the number of messages still pending after it.
 *
 * <h2>Acks</h2>
 * An unacknowledged message is redelivered after {@code ack_wait} (or the next {@code backoff} step) until
 * {@code max_deliver}. On a work-queue stream an ack removes the message; on an interest stream, the last consumer's
 * ack does. A durable consumer writes its state a moment after it changes, but answers an ack that asks for a reply
 * (AckSync) only once the state holding it is written, so that a confirmed ack is never lost to a crash.
 */
public final class Consumer implements StreamObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    private static final long TICK_MILLIS = 100;
    private static final long FLOW_CONTROL_WINDOW = 1024 * 1024;

    private final NatsServer server;
    private final Stream stream;
    private final String name;
    private final ConsumerConfig config;
    private final long createdNanos;
    private final ScheduledExecutorService executor;
    private final List<InternalSubscription> subscriptions = new ArrayList<>();
    private final DeliveryState state = new DeliveryState();
    private final TreeSet<Long> lastPerSubject = new TreeSet<>();
    private final PullQueue waiting;
    private final List<String> ackReplies = new ArrayList<>();
    private final ConsumerState.Store stateStore;
    private final boolean positioned;
    private volatile long cursor;
    private volatile long lastActiveNanos;
    private long lastDeliveryNanos = System.nanoTime();
    private volatile boolean closed;
    /** Set in {@link #start} before any of the executor's work is queued, then read and cleared on the executor. */
    private boolean awaitingResponse;

    private volatile boolean deleted;
    private final FlowControl flowControl;
    private final Pacing pacing;
    private final ConsumerEvents events;
    private StoredMessage held;
    private final PendingTally pending;
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
        this.stateStore = stateStore;
        this.waiting = new PullQueue(server);
        this.pending = new PendingTally(stream.store(), config.filters());
        this.flowControl = config.flowControl() ? new FlowControl(stream.name(), name, FLOW_CONTROL_WINDOW) : null;
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
        subscriptions.add(server.subscribe(
                ackPrefix + ".>",
                null,
                (subject, reply, headers, body) -> executor.execute(() -> onAck(subject, reply, body))));
        if (flowControl != null) {
            subscriptions.add(server.subscribe(
                    flowControl.subscription(),
                    null,
                    (subject, reply, headers, body) -> executor.execute(() -> {
                        if (flowControl.answered(subject)) {
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
            call(this::persist);
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
        return call(() -> state.snapshot(
                waiting.size(),
                numPending(),
                lastActiveNanos,
                !config.isPull() && server.hasInterest(config.deliverSubject())));
    }

    /** Whether an ephemeral consumer has been idle past its inactive threshold (5 s by default). */
    boolean isInactive(long nowNanos) {
        if (config.isDurable() && config.inactiveThresholdNanos() <= 0) {
            return false;
        }
        var threshold = config.inactiveThresholdNanos() > 0 ? config.inactiveThresholdNanos() : 5_000_000_000L;
        if (!config.isPull() && server.hasInterest(config.deliverSubject())) {
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

    @Override
    public boolean hasAcknowledged(long sequence) {
        return state.hasAcknowledged(sequence, cursor);
    }

    // Pull requests

    private void onPullRequest(String reply, byte[] body, long receivedNanos) {
        if (!config.isPull()) {
            waiting.status(reply, "409 Consumer is push based", Map.of());
            return;
        }
        lastActiveNanos = Clock.nowNanos();
        PullRequest request;
        try {
            request = PullRequest.parse(reply, body, receivedNanos);
        } catch (RuntimeException e) {
            waiting.status(reply, "400 Bad Request - " + e.getMessage(), Map.of());
            return;
        }
        var refusal = request.refusal(config, receivedNanos);
        if (refusal != null) {
            waiting.status(reply, refusal, Map.of());
            return;
        }
        if (request.noWait && numPending() + state.redeliveryCount() == 0 && request.expiresAtNanos == 0) {
            waiting.status(reply, "404 No Messages", Map.of());
            return;
        }
        if (waiting.size() >= config.maxWaiting()) {
            waiting.status(reply, "409 Exceeded MaxWaiting", Map.of());
            return;
        }
        waiting.add(request);
        deliverAvailable();
        if (request.noWait && waiting.remove(request)) {
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
        while (hasTarget() && (config.maxAckPending() <= 0 || state.pendingCount() < config.maxAckPending())) {
            var wasHeld = held != null;
            var cursorBefore = cursor;
            var message = wasHeld ? held : next();
            held = null;
            if (message == null) {
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
        persistSoon();
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

    private boolean hasTarget() {
        if (config.isPull()) {
            return waiting.hasLiveRequest();
        }
        return (flowControl == null || !flowControl.isStalled()) && server.hasInterest(config.deliverSubject());
    }

    private StoredMessage next() {
        var store = stream.store();
        for (var sequence = state.nextRedelivery(); sequence >= 0; sequence = state.nextRedelivery()) {
            var message = store.get(sequence);
            if (message == null) {
                state.drop(sequence);
            } else if (!reachedMaxDeliveries(sequence)) {
                return message;
            }
        }
        while (!lastPerSubject.isEmpty()) {
            var sequence = lastPerSubject.pollFirst();
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
                now + ackWait(count));
        server.deliver(target, outgoing.subject(), outgoing.reply(), outgoing.headers(), outgoing.payload());
        lastDeliveryNanos = now;
        pacing.delivered(message, now);
        if (flowControl != null) {
            var request = flowControl.delivered(message.storedSize());
            if (request != null) {
                server.publish(
                        config.deliverSubject(),
                        request,
                        Headers.build("100 FlowControl Request", Map.of()),
                        new byte[0]);
            }
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
        } else {
            pending.putBack();
        }
        cursor = cursorBefore;
    }

    private long ackWait(int deliveryCount) {
        var backoff = config.backoffNanos();
        if (!backoff.isEmpty()) {
            return backoff.get(Math.min(deliveryCount - 1, backoff.size() - 1));
        }
        return config.ackWaitNanos();
    }

    // Acks

    private void onAck(String subject, String reply, byte[] body) {
        var ack = AckSubject.parse(subject, 4);
        if (ack == null) {
            return;
        }
        lastActiveNanos = Clock.nowNanos();
        var text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        var sequence = ack.streamSequence();
        if (text.isEmpty() || text.startsWith("+ACK") || text.startsWith("+OK")) {
            acknowledge(ack);
        } else if (text.startsWith("-NAK")) {
            nak(ack, text.substring(4).trim());
        } else if (text.startsWith("+WPI")) {
            state.extendDeadline(sequence, System.nanoTime() + ackWait(Math.max(1, state.deliveryCount(sequence))));
        } else if (text.startsWith("+TERM")) {
            terminate(ack, text.substring(5).trim());
        } else if (text.startsWith("+NXT")) {
            acknowledge(ack);
            if (reply != null) {
                onPullRequest(reply, text.substring(4).trim().getBytes(StandardCharsets.UTF_8), System.nanoTime());
                reply = null;
            }
        }
        if (reply != null) {
            confirmWhenDurable(reply);
        }
        deliverAvailable();
    }

    /**
     * Answers an ack that asked for a reply (AckSync) once the consumer's state holding it is durable, so that a
     * confirmed ack survives a crash. Acks that arrive together share one write: the write runs after every task
     * queued before it.
     */
    private void confirmWhenDurable(String reply) {
        if (stateStore == null) {
            server.publish(reply, null, null, new byte[0]);
            return;
        }
        if (ackReplies.isEmpty()) {
            executor.execute(this::persistAndConfirm);
        }
        ackReplies.add(reply);
    }

    private void persistAndConfirm() {
        if (persist()) {
            ackReplies.forEach(reply -> server.publish(reply, null, null, new byte[0]));
        }
        ackReplies.clear();
    }

    private void acknowledge(AckSubject ack) {
        var sequence = ack.streamSequence();
        if (config.ackPolicy() == ConsumerConfig.AckPolicy.ALL) {
            state.pendingUpTo(sequence).forEach(this::settle);
            return;
        }
        if (!state.isPending(sequence)) {
            // one past max_deliver left the pending set, but an ack still frees it from a work-queue or interest
            // stream, as nats-server acks it there for any delivered sequence
            if (sequence <= cursor) {
                removeFromStreamIfDone(sequence);
            }
            return;
        }
        // nats-server samples only explicit acks of messages still pending
        if (config.ackPolicy() == ConsumerConfig.AckPolicy.EXPLICIT && events.samples()) {
            var waitStarted = state.waitStartedNanos(sequence, ackWait(Math.max(1, state.deliveryCount(sequence))));
            events.acknowledged(sequence, ack.consumerSequence(), ack.deliveries(), System.nanoTime() - waitStarted);
        }
        settle(sequence);
    }

    private void settle(long sequence) {
        state.settle(sequence);
        removeFromStreamIfDone(sequence);
    }

    /** Settles the message as an ack would; the advisory goes out whether or not it was still pending. */
    private void terminate(AckSubject ack, String reason) {
        settle(ack.streamSequence());
        events.terminated(ack.streamSequence(), ack.consumerSequence(), ack.deliveries(), reason);
    }

    private void nak(AckSubject ack, String delayText) {
        var sequence = ack.streamSequence();
        if (!state.isPending(sequence)) {
            return;
        }
        events.naked(sequence, ack.consumerSequence(), ack.deliveries());
        var delay = NakDelay.parse(delayText);
        if (delay > 0) {
            state.extendDeadline(sequence, System.nanoTime() + delay);
        } else {
            state.queueRedelivery(sequence);
        }
    }

    private void removeFromStreamIfDone(long sequence) {
        var retention = stream.config().retention();
        if (retention == StreamConfig.Retention.WORKQUEUE) {
            stream.removeAcknowledged(sequence);
        } else if (retention == StreamConfig.Retention.INTEREST) {
            stream.removeIfAllAcknowledged(sequence);
        }
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
        waiting.expire(now);
        heartbeat(now);
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
        state.drop(sequence);
        events.maxDeliveries(sequence, count);
        return true;
    }

    private void heartbeat(long now) {
        if (config.isPull()
                || config.idleHeartbeatNanos() <= 0
                || now - lastDeliveryNanos < config.idleHeartbeatNanos()) {
            return;
        }
        lastDeliveryNanos = now;
        var headers = new LinkedHashMap<String, String>();
        headers.put("Nats-Last-Consumer", Long.toString(state.deliveredConsumerSeq()));
        headers.put("Nats-Last-Stream", Long.toString(state.deliveredStreamSeq()));
        if (flowControl != null && flowControl.isStalled()) {
            headers.put("Nats-Consumer-Stalled", flowControl.outstanding());
        }
        server.publish(config.deliverSubject(), null, Headers.build("100 Idle Heartbeat", headers), new byte[0]);
    }

    // State

    /** Messages after the cursor that this consumer would deliver, plus the initial last-per-subject ones. */
    private long numPending() {
        return lastPerSubject.size() + pending.afterCursor(cursor);
    }

    private void position() {
        cursor = new Filtered(stream.store(), config.filters()).startCursor(config, lastPerSubject);
        state.position(cursor);
    }

    private void afterRemoval() {
        pending.recount();
        var store = stream.store();
        var first = store.state().firstSeq();
        if (cursor < first - 1) {
            cursor = first - 1;
        }
        state.forgetRemoved(store);
        persistSoon();
    }

    private void restore(ConsumerState recovered) {
        pending.recount();
        cursor = recovered.cursor();
        state.restore(recovered, System.nanoTime());
        lastPerSubject.addAll(recovered.lastPerSubject());
    }

    private boolean persistScheduled;

    private void persistSoon() {
        if (stateStore == null || persistScheduled || closed) {
            return;
        }
        persistScheduled = true;
        executor.schedule(this::persist, 20, TimeUnit.MILLISECONDS);
    }

    /** Writes the state now; false when the write failed, which is logged. After close, close's write stands. */
    private boolean persist() {
        persistScheduled = false;
        if (stateStore == null || closed || deleted) {
            return true;
        }
        try {
            stateStore.save(state.toState(cursor, List.copyOf(lastPerSubject)));
            return true;
        } catch (RuntimeException e) {
            LOG.error("stream={} consumer={} state not saved: {}", stream.name(), name, e.getMessage());
            return false;
        }
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
                        persist();
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
        deleted = true;
        executor.execute(() -> {
            waiting.endAll("409 Consumer Deleted");
        });
        close();
        if (stateStore != null) {
            stateStore.delete();
        }
    }
}
