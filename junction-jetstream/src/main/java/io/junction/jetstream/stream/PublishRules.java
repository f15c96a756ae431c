package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.store.MessageStore;
import java.util.Locale;
import java.util.Map;

/** nats-server's checks on a JetStream publish, in its order, then the append and any roll-up. */
final class PublishRules {
    private static final int MAX_HEADER_LENGTH = 0xFFFF;

    private final Stream stream;

    PublishRules(Stream stream) {
        this.stream = stream;
    }

    /**
     * The checks in nats-server's order: sealed, expected stream, duplicate, expected sequences and message id,
     * roll-up, sizes, discard new. A header with an empty value counts as absent, as it does in nats-server.
     */
    PubAck apply(Stream.Inbound inbound, StreamConfig config, MessageStore store, Deduplicator deduplicator) {
        var name = config.name();
        if (config.sealed()) {
            throw ApiError.SEALED.exception();
        }
        var headers = Headers.parse(inbound.headers());
        var now = Clock.nowNanos();
        var expectedStream = value(headers, Headers.EXPECTED_STREAM);
        if (expectedStream != null && !expectedStream.equals(name)) {
            throw ApiError.EXPECTED_STREAM_MISMATCH.exception();
        }
        var msgId = value(headers, Headers.MSG_ID);
        if (msgId != null) {
            var original = deduplicator.find(msgId, now, config.duplicateWindowNanos());
            if (original > 0) {
                return PubAck.duplicate(name, original);
            }
        }
        checkExpectations(headers, inbound.subject(), store, deduplicator);
        var rollup = value(headers, Headers.ROLLUP);
        if (rollup != null) {
            rollup = rollup.toLowerCase(Locale.ROOT);
            if (!config.allowRollup() || config.denyPurge()) {
                throw ApiError.rollupFailed("rollup not permitted").exception();
            }
            if (!rollup.equals("sub") && !rollup.equals("all")) {
                return PubAck.unanswered(name, ApiError.rollupFailed("rollup value invalid: \"" + rollup + "\""));
            }
        }
        checkSizes(inbound, config);
        checkDiscardNew(inbound, config, store);
        var size = store.messageSize(inbound.subject(), inbound.headers(), inbound.payload());
        if (!stream.budget().admits(config.storage(), size)) {
            // the server's max_mem or max_file is used up: nats-server's answer for its own limits
            throw ApiError.INSUFFICIENT_RESOURCES.exception();
        }

        var sequence = store.append(inbound.subject(), inbound.headers(), inbound.payload(), now);
        if ("sub".equals(rollup)) {
            store.purge(inbound.subject(), sequence, 0);
        } else if ("all".equals(rollup)) {
            store.purge(null, sequence, 0);
        }
        deduplicator.record(msgId, sequence, now);
        stream.afterStore(sequence, inbound.subject());
        return PubAck.stored(name, sequence);
    }

    private static void checkExpectations(
            Map<String, String> headers, String subject, MessageStore store, Deduplicator deduplicator) {
        var expectedSubjectLast = value(headers, Headers.EXPECTED_LAST_SUBJECT_SEQUENCE);
        if (expectedSubjectLast != null) {
            var last = store.lastSequenceOf(subject);
            if (parse(expectedSubjectLast) != last) {
                throw ApiError.wrongLastSequence(last).exception();
            }
        }
        var expectedLast = value(headers, Headers.EXPECTED_LAST_SEQUENCE);
        if (expectedLast != null) {
            var last = store.state().lastSeq();
            if (parse(expectedLast) != last) {
                throw ApiError.wrongLastSequence(last).exception();
            }
        }
        var expectedMsgId = value(headers, Headers.EXPECTED_LAST_MSG_ID);
        if (expectedMsgId != null && !expectedMsgId.equals(deduplicator.lastMsgId())) {
            var last = deduplicator.lastMsgId();
            throw ApiError.wrongLastMsgId(last == null ? "" : last).exception();
        }
    }

    private static void checkSizes(Stream.Inbound inbound, StreamConfig config) {
        var headerLength = inbound.headers() == null ? 0 : inbound.headers().length;
        if (config.maxMsgSize() >= 0 && headerLength + inbound.payload().length > config.maxMsgSize()) {
            throw ApiError.MESSAGE_TOO_BIG.exception();
        }
        if (headerLength > MAX_HEADER_LENGTH) {
            throw ApiError.HEADER_TOO_BIG.exception();
        }
    }

    private static void checkDiscardNew(Stream.Inbound inbound, StreamConfig config, MessageStore store) {
        if (config.discard() != StreamConfig.Discard.NEW) {
            return;
        }
        var state = store.state();
        if (config.maxMsgs() > 0 && state.messages() >= config.maxMsgs()) {
            throw ApiError.storeFailed("maximum messages exceeded").exception();
        }
        var size = store.messageSize(inbound.subject(), inbound.headers(), inbound.payload());
        if (config.maxBytes() > 0 && state.bytes() + size > config.maxBytes()) {
            throw ApiError.storeFailed("maximum bytes exceeded").exception();
        }
        if (config.discardNewPerSubject() && config.maxMsgsPerSubject() > 0) {
            var count = store.subjectCounts(inbound.subject()).getOrDefault(inbound.subject(), 0L);
            if (count >= config.maxMsgsPerSubject()) {
                throw ApiError.storeFailed("maximum messages per subject exceeded")
                        .exception();
            }
        }
    }

    /** The header's value, or null when it is missing or empty. */
    private static String value(Map<String, String> headers, String name) {
        var value = headers.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
