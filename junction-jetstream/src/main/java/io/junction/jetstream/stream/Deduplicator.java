package io.junction.jetstream.stream;

import io.junction.jetstream.store.MessageStore;
import java.util.LinkedHashMap;

/**
 * The {@code Nats-Msg-Id} values seen within the duplicate window, oldest first. Only the writer thread uses it.
 * A purge does not forget ids, as in nats-server; a restart rebuilds them from the stored messages in the window.
 */
final class Deduplicator {
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();
    private String lastMsgId;

    /** The sequence a message with this id was stored under within the window, or 0. */
    long find(String msgId, long nowNanos, long windowNanos) {
        forgetOlderThan(nowNanos - windowNanos);
        var entry = seen.get(msgId);
        return entry == null ? 0 : entry.sequence;
    }

    /** Notes a stored message; its id, or null, becomes the last message id as in nats-server. */
    void record(String msgId, long sequence, long nowNanos) {
        lastMsgId = msgId;
        if (msgId == null) {
            return;
        }
        seen.remove(msgId);
        seen.put(msgId, new Entry(sequence, nowNanos));
    }

    /**
     * The id of the last message stored, for {@code Nats-Expected-Last-Msg-Id}; null when that message had none, so
     * an expected id never matches an older message.
     */
    String lastMsgId() {
        return lastMsgId;
    }

    /** Rebuilds from the store's messages stored within the window, newest last. */
    void rebuild(MessageStore store, long nowNanos, long windowNanos) {
        var state = store.state();
        var oldest = state.lastSeq() + 1;
        for (var sequence = state.lastSeq(); sequence >= state.firstSeq() && sequence > 0; sequence--) {
            var message = store.get(sequence);
            if (message == null) {
                continue;
            }
            if (message.timestampNanos() < nowNanos - windowNanos) {
                break;
            }
            oldest = sequence;
        }
        for (var sequence = oldest; sequence <= state.lastSeq(); sequence++) {
            var message = store.get(sequence);
            if (message != null) {
                var id = message.headers() == null
                        ? null
                        : Headers.parse(message.headers()).get(Headers.MSG_ID);
                record(id == null || id.isEmpty() ? null : id, sequence, message.timestampNanos());
            }
        }
    }

    private void forgetOlderThan(long cutoffNanos) {
        var iterator = seen.values().iterator();
        while (iterator.hasNext() && iterator.next().timeNanos < cutoffNanos) {
            iterator.remove();
        }
    }

    private record Entry(long sequence, long timeNanos) {}
}
