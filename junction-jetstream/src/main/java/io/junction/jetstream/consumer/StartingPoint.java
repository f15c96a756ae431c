package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a new consumer starts, as nats-server 2.10's {@code selectStartingSeqNo} picks it.
 *
 * <p>The deliver policy names a first stream sequence to consider, which is then kept within the stream: below the
 * first sequence it becomes the first, past the last it becomes the one after the last, so that a start beyond the end
 * waits for the next message rather than for that sequence. The consumer reports one below it as its delivered stream
 * sequence until it delivers something. For {@code last_per_subject} it is the lowest of the subjects' last messages,
 * which go out first; the cursor then resumes after the stream's last message as it was at creation. On a stream that
 * keeps one message per subject every message is its subject's last, so that consumer simply starts at the first.
 *
 * @param sequence the first stream sequence the consumer considers
 * @param cursor the last stream sequence it counts as behind it, from which it looks for new messages
 * @param lastPerSubject for {@code last_per_subject}, the sequences to deliver before the cursor's
 */
record StartingPoint(long sequence, long cursor, List<Long> lastPerSubject) {
    StartingPoint {
        lastPerSubject = List.copyOf(lastPerSubject);
    }

    static StartingPoint of(ConsumerConfig config, MessageStore store, long maxMsgsPerSubject) {
        var state = store.state();
        var policy = config.deliverPolicy();
        if (policy == ConsumerConfig.DeliverPolicy.LAST_PER_SUBJECT && maxMsgsPerSubject != 1) {
            var lasts = lastPerSubject(config, store);
            if (!lasts.isEmpty()) {
                return new StartingPoint(lasts.first(), state.lastSeq(), List.copyOf(lasts));
            }
        }
        var sequence =
                switch (policy) {
                    case ALL -> state.firstSeq();
                    case NEW -> state.lastSeq() + 1;
                    // unfiltered, the last sequence even when that message was deleted, as nats-server has it
                    case LAST -> config.filters().isEmpty() ? state.lastSeq() : lastMatching(store, config);
                    case BY_START_SEQUENCE -> config.optStartSeq();
                    case BY_START_TIME -> byStartTime(config, store, Instant.parse(config.optStartTime()));
                    case LAST_PER_SUBJECT -> maxMsgsPerSubject == 1 ? state.firstSeq() : state.lastSeq();
                };
        var start = within(sequence, state.firstSeq(), state.lastSeq());

        return new StartingPoint(start, start - 1, List.of());
    }

    private static long within(long sequence, long first, long last) {
        if (sequence < first) {
            return first;
        }
        return sequence > last ? last + 1 : sequence;
    }

    private static long lastMatching(MessageStore store, ConsumerConfig config) {
        var last = new Filtered(store, config.filters()).last();
        return last == null ? 0 : last.sequence();
    }

    private static TreeSet<Long> lastPerSubject(ConsumerConfig config, MessageStore store) {
        var sequences = new TreeSet<Long>();
        for (var filter : config.filters()) {
            for (var subject : store.subjectCounts(filter).keySet()) {
                var last = store.lastSequenceOf(subject);
                if (last > 0) {
                    sequences.add(last);
                }
            }
        }
        return sequences;
    }

    /**
     * The first message stored at or after the time, whatever its subject (one past the last when none is); for a
     * filtered consumer, moved up to the first message any filter matches when that one is not before it and comes
     * before the stream's last message, as nats-server moves it.
     */
    private static long byStartTime(ConsumerConfig config, MessageStore store, Instant start) {
        var state = store.state();
        var nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        var message = store.nextMatching(">", state.firstSeq());
        while (message != null && message.timestampNanos() < nanos) {
            message = store.nextMatching(">", message.sequence() + 1);
        }
        var sequence = message == null ? state.lastSeq() + 1 : message.sequence();
        if (config.filters().isEmpty()) {
            return sequence;
        }
        var nearest = state.lastSeq();
        for (var filter : config.filters()) {
            var first = store.nextMatching(filter, state.firstSeq());
            if (first != null && first.sequence() >= sequence && first.sequence() < nearest) {
                nearest = first.sequence();
            }
        }
        return nearest > sequence && nearest < state.lastSeq() ? nearest : sequence;
    }
}
