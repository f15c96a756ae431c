package io.junction.jetstream.consumer;

import io.junction.nats.server.NatsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a durable consumer's state to its {@code consumer.state} a moment after it changes, so that a burst of
 * deliveries and acks costs one write, and answers the acks that asked for a reply (AckSync) only once a write holding
 * them is done, so that a confirmed ack is never lost to a crash.
 *
 * <p>Confined to the consumer's executor, on which it also schedules its writes; only {@link #discard} may be called
 * from another thread. A consumer without a store (ephemeral, or {@code mem_storage}) writes nothing and answers
 * AckSync at once.
 */
final class ConsumerStateWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerStateWriter.class);
    private static final long DELAY_MILLIS = 20;

    private final ConsumerState.Store store;
    private final ScheduledExecutorService executor;
    private final NatsServer server;
    private final Supplier<ConsumerState> state;
    private final String stream;
    private final String consumer;
    private final List<String> ackReplies = new ArrayList<>();
    private boolean scheduled;
    private boolean closed;
    private volatile boolean discarded;

    /** @param store where the state goes, or null for a consumer that keeps none */
    ConsumerStateWriter(
            ConsumerState.Store store,
            ScheduledExecutorService executor,
            NatsServer server,
            Supplier<ConsumerState> state,
            String stream,
            String consumer) {
        this.store = store;
        this.executor = executor;
        this.server = server;
        this.state = state;
        this.stream = stream;
        this.consumer = consumer;
    }

    /** Writes the state a moment from now, unless a write is already due. */
    void writeSoon() {
        if (store == null || scheduled || closed) {
            return;
        }
        scheduled = true;
        executor.schedule(this::writeNow, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Writes the state now; false when the write failed, which is logged. After close, close's write stands. */
    boolean writeNow() {
        scheduled = false;
        if (store == null || closed || discarded) {
            return true;
        }
        try {
            store.save(state.get());
            return true;
        } catch (RuntimeException e) {
            LOG.error("stream={} consumer={} state not saved: {}", stream, consumer, e.getMessage());
            return false;
        }
    }

    /**
     * Answers an ack that asked for a reply once the state holding it is written. Acks that arrive together share one
     * write: the write runs after every task queued before it.
     */
    void confirmWhenWritten(String reply) {
        if (store == null) {
            server.publish(reply, null, null, new byte[0]);
            return;
        }
        if (ackReplies.isEmpty()) {
            executor.execute(this::writeAndConfirm);
        }
        ackReplies.add(reply);
    }

    /** Writes a last time; nothing is written after, so the consumer's directory may go once this returns. */
    void closeWithLastWrite() {
        writeNow();
        closed = true;
    }

    /** The consumer is being deleted: nothing is written from now on, whichever thread asks. */
    void discard() {
        discarded = true;
    }

    /** Removes what was written, once the consumer is closed and its state will not be written again. */
    void deleteWritten() {
        if (store != null) {
            store.delete();
        }
    }

    private void writeAndConfirm() {
        if (writeNow()) {
            ackReplies.forEach(reply -> server.publish(reply, null, null, new byte[0]));
        }
        ackReplies.clear();
    }
}
