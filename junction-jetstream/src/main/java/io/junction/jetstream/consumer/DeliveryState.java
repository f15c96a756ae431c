package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.stream.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a consumer has delivered and what came back: the delivered and ack floor sequences, the messages awaiting
 * their ack with the deadline of each, the queue of messages to redeliver, and every message's delivery count.
 *
 * <p>Confined to the consumer's serial executor, but for {@link #hasAcknowledged}, which the stream's writer asks
 * on an interest stream: the ack floor is volatile and the pending set a concurrent map for it.
 */
final class DeliveryState {
    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final TreeSet<Long> redeliver = new TreeSet<>();
    private final Map<Long, Integer> deliveries = new TreeMap<>();
    private long deliveredConsumerSeq;
    private long deliveredStreamSeq;
    private volatile long ackFloorStreamSeq;
    private long ackFloorConsumerSeq;
    private long numRedelivered;

    /** A new consumer starts with everything up to its start position counted as delivered and acknowledged. */
    void position(long cursor) {
        ackFloorStreamSeq = cursor;
        deliveredStreamSeq = cursor;
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
        numRedelivered = state.numRedelivered();
        state.pending().forEach((sequence, consumerSequence) -> {
            var deadline = state.deadlines().get(sequence);
            if (deadline == null) {
                pending.put(sequence, new Pending(consumerSequence, nowNanos));
                redeliver.add(sequence);
            } else {
                var remaining = Math.max(0, deadline - wallNowNanos);
                pending.put(sequence, new Pending(consumerSequence, nowNanos + remaining));
            }
        });
        deliveries.putAll(state.deliveries());
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
            var remaining = redeliver.contains(sequence) ? 0 : entry.deadlineNanos - nowNanos;
            deadlines.put(sequence, wallNowNanos + remaining);
        });
        return new ConsumerState(
                cursor,
                deliveredConsumerSeq,
                deliveredStreamSeq,
                ackFloorStreamSeq,
                ackFloorConsumerSeq,
                numRedelivered,
                pendingCopy,
                deadlines,
                new TreeMap<>(deliveries),
                List.copyOf(lastPerSubject));
    }

    ConsumerInfoSnapshot snapshot(int waiting, long numPending, long lastActiveNanos, boolean pushBound) {
        return new ConsumerInfoSnapshot(
                deliveredConsumerSeq,
                deliveredStreamSeq,
                ackFloorConsumerSeq,
                ackFloorStreamSeq,
                pending.size(),
                numRedelivered,
                waiting,
                numPending,
                lastActiveNanos,
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
        deliveries.put(sequence, count);
        if (count == 2) {
            numRedelivered++;
        }
        deliveredConsumerSeq = consumerSequence;
        deliveredStreamSeq = Math.max(deliveredStreamSeq, sequence);
        if (tracked) {
            pending.put(sequence, new Pending(consumerSequence, deadlineNanos));
        } else {
            deliveries.remove(sequence);
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

    /** The pending messages up to and including the sequence, as an ack under {@code ack_policy: all} takes them. */
    List<Long> pendingUpTo(long sequence) {
        return new ArrayList<>(pending.headMap(sequence, true).keySet());
    }

    /** When the current ack wait of a pending message began, given the wait it was delivered with. */
    long waitStartedNanos(long sequence, long ackWaitNanos) {
        return pending.get(sequence).deadlineNanos - ackWaitNanos;
    }

    /** Moves a pending message's deadline; false when it is not pending. */
    boolean extendDeadline(long sequence, long deadlineNanos) {
        var entry = pending.get(sequence);
        if (entry == null) {
            return false;
        }
        entry.deadlineNanos = deadlineNanos;
        return true;
    }

    /** The pending messages whose deadline has passed and that are not yet queued for redelivery. */
    List<Long> overdue(long nowNanos) {
        var overdue = new ArrayList<Long>();
        pending.forEach((sequence, entry) -> {
            if (entry.deadlineNanos <= nowNanos && !redeliver.contains(sequence)) {
                overdue.add(sequence);
            }
        });
        return overdue;
    }

    int redeliveryCount() {
        return redeliver.size();
    }

    void queueRedelivery(long sequence) {
        redeliver.add(sequence);
    }

    /** The next message queued for redelivery that is still pending, or -1. */
    long nextRedelivery() {
        while (!redeliver.isEmpty()) {
            var sequence = redeliver.pollFirst();
            if (pending.containsKey(sequence)) {
                return sequence;
            }
        }
        return -1;
    }

    /** Acknowledged (or terminated): forgotten, and the ack floor moves past it where it can. */
    void settle(long sequence) {
        pending.remove(sequence);
        redeliver.remove(sequence);
        deliveries.remove(sequence);
        moveAckFloor();
    }

    /** No longer awaited (past max_deliver, or gone from the stream); its delivery count stays. */
    void drop(long sequence) {
        pending.remove(sequence);
        redeliver.remove(sequence);
    }

    /** Forgets pending messages the stream no longer holds, after a purge, a delete or a limit removed them. */
    void forgetRemoved(MessageStore store) {
        pending.keySet().removeIf(sequence -> store.get(sequence) == null);
        redeliver.removeIf(sequence -> !pending.containsKey(sequence));
        moveAckFloor();
    }

    /** Whether the message counts as acknowledged by this consumer, which has delivered up to the cursor. */
    boolean hasAcknowledged(long sequence, long cursor) {
        return sequence <= ackFloorStreamSeq || sequence <= cursor && !pending.containsKey(sequence);
    }

    private void moveAckFloor() {
        if (pending.isEmpty()) {
            ackFloorStreamSeq = deliveredStreamSeq;
            ackFloorConsumerSeq = deliveredConsumerSeq;
            return;
        }
        var first = pending.firstEntry();
        ackFloorStreamSeq = Math.max(ackFloorStreamSeq, first.getKey() - 1);
        ackFloorConsumerSeq = Math.max(ackFloorConsumerSeq, first.getValue().consumerSequence - 1);
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
