package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.stream.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a consumer has delivered and what came back: the delivered and ack floor sequences, the messages awaiting
 * their ack with the deadline of each, the queue of messages to redeliver, every message's delivery count, and which
 * messages count as redelivered.
 *
 * <h2>Ack floor</h2>
 * The floor moves as nats-server's consumer store moves it: it starts at zero, jumps to the delivered sequences when
 * nothing is left pending, and otherwise moves only when the message acknowledged is the delivery right after it, then
 * up to just below the next pending message. Under {@code ack_policy: all} it moves to the acknowledged message.
 *
 * <h2>Redelivered</h2>
 * As in nats-server, {@code num_redelivered} counts the messages, not the redeliveries: those still awaiting their
 * ack that went out more than once, and those that reached {@code max_deliver}. An ack, a {@code +TERM} or the
 * message leaving the stream takes it out.
 *
 * <p>Confined to the consumer's serial executor, but for {@link #hasAcknowledged}, which the stream's writer asks
 * on an interest stream: the ack floor is volatile and the pending set a concurrent map for it.
 */
final class DeliveryState {
    private final boolean ackAll;
    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final TreeSet<Long> redeliveryQueue = new TreeSet<>();
    private final TreeMap<Long, Integer> deliveries = new TreeMap<>();
    private final Set<Long> redelivered = new HashSet<>();
    private long deliveredConsumerSeq;
    private long deliveredStreamSeq;
    private volatile long ackFloorStreamSeq;
    private long ackFloorConsumerSeq;
    private long lastDeliveredNanos;
    private long lastAckedNanos;

    DeliveryState(ConsumerConfig.AckPolicy ackPolicy) {
        this.ackAll = ackPolicy == ConsumerConfig.AckPolicy.ALL;
    }

    /**
     * A new consumer reports the sequence before its starting point as delivered, as nats-server does; its ack floor
     * stays at zero until an ack moves it, since nats-server sets only the delivered sequence at the start.
     */
    void position(long startSequence) {
        deliveredStreamSeq = startSequence - 1;
    }

    /**
     * Takes up a saved state. A pending message keeps its deadline, moved from the wall clock it was saved in to
     * {@link System#nanoTime}, so that it comes back when its ack wait (or nak delay) runs out, as nats-server
     * redelivers after a restart; one whose deadline passed while the server was down, or saved without one, is
     * overdue at once.
     */
    void restore(ConsumerState state, long nowNanos) {
        var wallNowNanos = Clock.nowNanos();
        deliveredConsumerSeq = state.deliveredConsumerSeq();
        deliveredStreamSeq = state.deliveredStreamSeq();
        ackFloorStreamSeq = state.ackFloorStreamSeq();
        ackFloorConsumerSeq = state.ackFloorConsumerSeq();
        state.pending().forEach((sequence, consumerSequence) -> {
            var deadline = state.deadlines().get(sequence);
            if (deadline == null) {
                pending.put(sequence, new Pending(consumerSequence, nowNanos));
                redeliveryQueue.add(sequence);
            } else {
                var remaining = Math.max(0, deadline - wallNowNanos);
                pending.put(sequence, new Pending(consumerSequence, nowNanos + remaining));
            }
        });
        deliveries.putAll(state.deliveries());
        redelivered.addAll(state.redelivered());
    }

    /** The state to write, with the consumer's cursor and the last-per-subject messages it has still to send. */
    ConsumerState toState(long cursor, List<Long> lastPerSubject) {
        var nowNanos = System.nanoTime();
        var wallNowNanos = Clock.nowNanos();
        var pendingCopy = new TreeMap<Long, Long>();
        var deadlines = new TreeMap<Long, Long>();
        pending.forEach((sequence, entry) -> {
            pendingCopy.put(sequence, entry.consumerSequence);
            // one queued for redelivery (a nak without delay) is due now, whatever its ack wait says
            var remaining = redeliveryQueue.contains(sequence) ? 0 : entry.deadlineNanos - nowNanos;
            deadlines.put(sequence, wallNowNanos + remaining);
        });
        return new ConsumerState(
                cursor,
                deliveredConsumerSeq,
                deliveredStreamSeq,
                ackFloorStreamSeq,
                ackFloorConsumerSeq,
                pendingCopy,
                deadlines,
                new TreeMap<>(deliveries),
                List.copyOf(new TreeSet<>(redelivered)),
                List.copyOf(lastPerSubject));
    }

    ConsumerInfoSnapshot snapshot(int waiting, long numPending, boolean pushBound) {
        return new ConsumerInfoSnapshot(
                deliveredConsumerSeq,
                deliveredStreamSeq,
                ackFloorConsumerSeq,
                ackFloorStreamSeq,
                pending.size(),
                redelivered.size(),
                waiting,
                numPending,
                lastDeliveredNanos,
                lastAckedNanos,
                pushBound);
    }

    long deliveredConsumerSeq() {
        return deliveredConsumerSeq;
    }

    long deliveredStreamSeq() {
        return deliveredStreamSeq;
    }

    /** How often the message went out so far; 0 for one never delivered. */
    int deliveryCount(long sequence) {
        return deliveries.getOrDefault(sequence, 0);
    }

    /**
     * Records a delivery. With {@code tracked} (any ack policy but none) the message awaits its ack until the
     * deadline; without, it counts as acknowledged at once.
     */
    void delivered(long sequence, long consumerSequence, int count, boolean tracked, long deadlineNanos) {
        lastDeliveredNanos = Clock.nowNanos();
        deliveredConsumerSeq = consumerSequence;
        deliveredStreamSeq = Math.max(deliveredStreamSeq, sequence);
        if (tracked) {
            deliveries.put(sequence, count);
            if (count > 1) {
                redelivered.add(sequence);
            }
            // a redelivery keeps the consumer sequence of the first delivery, by which nats-server moves the ack floor
            var entry = pending.get(sequence);
            if (entry == null) {
                pending.put(sequence, new Pending(consumerSequence, deadlineNanos));
            } else {
                entry.deadlineNanos = deadlineNanos;
            }
        } else {
            ackFloorStreamSeq = sequence;
            ackFloorConsumerSeq = consumerSequence;
        }
    }

    int pendingCount() {
        return pending.size();
    }

    boolean isPending(long sequence) {
        return pending.containsKey(sequence);
    }

    /** When the current ack wait of a pending message began, given the wait it was delivered with. */
    long waitStartedNanos(long sequence, long ackWaitNanos) {
        return pending.get(sequence).deadlineNanos - ackWaitNanos;
    }

    /**
     * Moves a pending message's deadline ({@code +WPI}, a {@code -NAK} with a delay); false when it is not pending. As
     * nats-server records it as a delivery, it counts as the consumer's last delivery activity.
     */
    boolean extendDeadline(long sequence, long deadlineNanos) {
        var entry = pending.get(sequence);
        if (entry == null) {
            return false;
        }
        entry.deadlineNanos = deadlineNanos;
        lastDeliveredNanos = Clock.nowNanos();
        return true;
    }

    /** The pending messages whose deadline has passed and that are not yet queued for redelivery. */
    List<Long> overdue(long nowNanos) {
        var overdue = new ArrayList<Long>();
        pending.forEach((sequence, entry) -> {
            if (entry.deadlineNanos <= nowNanos && !redeliveryQueue.contains(sequence)) {
                overdue.add(sequence);
            }
        });
        return overdue;
    }

    int redeliveryCount() {
        return redeliveryQueue.size();
    }

    void queueRedelivery(long sequence) {
        redeliveryQueue.add(sequence);
    }

    /** The next message queued for redelivery that is still pending, or -1. */
    long nextRedelivery() {
        while (!redeliveryQueue.isEmpty()) {
            var sequence = redeliveryQueue.pollFirst();
            if (pending.containsKey(sequence)) {
                return sequence;
            }
        }
        return -1;
    }

    /**
     * An explicit ack (or {@code +TERM}): the message is forgotten, pending or not (one past {@code max_deliver} stops
     * counting as redelivered), and the ack floor moves past it where it can.
     */
    void settle(long sequence) {
        lastAckedNanos = Clock.nowNanos();
        var entry = forget(sequence);
        if (entry != null) {
            moveAckFloor(sequence, entry.consumerSequence);
        }
    }

    /**
     * An ack under {@code ack_policy: all}, from the delivery with this consumer sequence: settles every message up to
     * it and returns them; nothing when the ack floor is already past it.
     */
    List<Long> settleUpTo(long sequence, long consumerSequence) {
        if (isBelowAckFloor(sequence, consumerSequence)) {
            return List.of();
        }
        lastAckedNanos = Clock.nowNanos();
        var wasPending = pending.containsKey(sequence);
        var settled = new ArrayList<>(pending.headMap(sequence, true).keySet());
        settled.forEach(this::forget);
        var counted = deliveries.headMap(sequence, true);
        redelivered.removeAll(counted.keySet());
        counted.clear();
        if (wasPending) {
            ackFloorConsumerSeq = consumerSequence;
            ackFloorStreamSeq = sequence;
        }
        return settled;
    }

    /** Whether an ack under {@code ack_policy: all} from this delivery comes too late to change anything. */
    boolean isBelowAckFloor(long sequence, long consumerSequence) {
        return consumerSequence <= ackFloorConsumerSeq || sequence <= ackFloorStreamSeq;
    }

    /**
     * Reached {@code max_deliver}: no longer awaited, but it keeps its delivery count and counts as redelivered until
     * an ack, as in nats-server.
     */
    void dropAfterMaxDeliveries(long sequence) {
        if (pending.remove(sequence) != null) {
            lastDeliveredNanos = Clock.nowNanos();
        }
        redeliveryQueue.remove(sequence);
        redelivered.add(sequence);
    }

    /**
     * Settles, as nats-server settles them, the messages the stream no longer holds (after a purge, a delete or a
     * limit removed them), and forgets the delivery counts of those past {@code max_deliver}; true when a pending
     * message was among them.
     */
    void forgetRemoved(MessageStore store) {
        var delivered = new TreeSet<>(deliveries.keySet());
        delivered.addAll(pending.keySet());
        for (var sequence : delivered) {
            if (store.get(sequence) == null) {
                removedFromStream(sequence);
            }
        }
    }

    /**
     * The message left the stream: a pending one is settled as its ack would settle it, as nats-server settles it.
     * Under {@code ack_policy: all} that ack would settle everything before it too, which stays pending here unless
     * it is the oldest pending message, the one limits remove first.
     */
    void removedFromStream(long sequence) {
        var entry = pending.get(sequence);
        if (ackAll && entry != null && sequence == pending.firstKey()) {
            settleUpTo(sequence, entry.consumerSequence);
        }
        if (!ackAll && entry != null) {
            settle(sequence);
        } else {
            forget(sequence);
        }
    }

    /** Whether the message counts as acknowledged by this consumer, which has delivered up to the cursor. */
    boolean hasAcknowledged(long sequence, long cursor) {
        return sequence <= ackFloorStreamSeq || sequence <= cursor && !pending.containsKey(sequence);
    }

    private Pending forget(long sequence) {
        var entry = pending.remove(sequence);
        redeliveryQueue.remove(sequence);
        deliveries.remove(sequence);
        redelivered.remove(sequence);
        return entry;
    }

    private void moveAckFloor(long sequence, long consumerSequence) {
        if (pending.isEmpty()) {
            ackFloorStreamSeq = deliveredStreamSeq;
            ackFloorConsumerSeq = deliveredConsumerSeq;
            return;
        }
        if (consumerSequence != ackFloorConsumerSeq + 1) {
            return;
        }
        var next = pending.higherEntry(sequence);
        if (next == null) {
            ackFloorStreamSeq = sequence;
            ackFloorConsumerSeq = consumerSequence;
        } else {
            ackFloorStreamSeq = next.getKey() - 1;
            ackFloorConsumerSeq = next.getValue().consumerSequence - 1;
        }
    }

    private static final class Pending {
        final long consumerSequence;
        long deadlineNanos;

        Pending(long consumerSequence, long deadlineNanos) {
            this.consumerSequence = consumerSequence;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
