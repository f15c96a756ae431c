package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoreLimits;

/** nats-server's checks on a JetStream publish, in its order, then the append and any roll-up. */
final class PublishRules {
    private final Stream stream;

    PublishRules(Stream stream) {
        this.stream = stream;
    }

    PubAck apply(Stream.Inbound inbound, StreamConfig config, MessageStore store, Deduplicator deduplicator) {
        var name = config.name();
        if (config.sealed()) {
            throw ApiError.SEALED.exception();
        }
        var headerLength = inbound.headers() == null ? 0 : inbound.headers().length;
        if (config.maxMsgSize() >= 0 && headerLength + inbound.payload().length > config.maxMsgSize()) {
            throw ApiError.MESSAGE_TOO_BIG.exception();
        }
        var headers = Headers.parse(inbound.headers());
        var now = Clock.nowNanos();
        var msgId = headers.get(Headers.MSG_ID);
        if (msgId != null && !msgId.isEmpty()) {
            var original = deduplicator.find(msgId, now, config.duplicateWindowNanos());
            if (original > 0) {
                return PubAck.duplicate(name, original);
            }
        }
        checkExpectations(headers, inbound.subject(), config, store, deduplicator);
        var rollup = headers.get(Headers.ROLLUP);
        if (rollup != null) {
            if (!config.allowRollup() || config.denyPurge()) {
                throw ApiError.rollupFailed("rollup not permitted").exception();
            }
            if (!rollup.equals("sub") && !rollup.equals("all")) {
                throw ApiError.rollupFailed("rollup value invalid: \"" + rollup + "\"")
                        .exception();
            }
        }
        checkDiscardNew(inbound, config, store);

        var sequence = store.append(inbound.subject(), inbound.headers(), inbound.payload(), now);
        if ("sub".equals(rollup)) {
            store.purge(inbound.subject(), sequence, 0);
        } else if ("all".equals(rollup)) {
            store.purge(null, sequence, 0);
        }
        deduplicator.record(msgId == null || msgId.isEmpty() ? null : msgId, sequence, now);
        stream.afterStore(sequence, inbound.subject());
        return PubAck.stored(name, sequence);
    }

    private static void checkExpectations(
            java.util.Map<String, String> headers,
            String subject,
            StreamConfig config,
            MessageStore store,
            Deduplicator deduplicator) {
        var expectedStream = headers.get(Headers.EXPECTED_STREAM);
        if (expectedStream != null && !expectedStream.equals(config.name())) {
            throw ApiError.EXPECTED_STREAM_MISMATCH.exception();
        }
        var expectedLast = headers.get(Headers.EXPECTED_LAST_SEQUENCE);
        if (expectedLast != null) {
            var last = store.state().lastSeq();
            if (parse(expectedLast) != last) {
                throw ApiError.wrongLastSequence(last).exception();
            }
        }
        var expectedSubjectLast = headers.get(Headers.EXPECTED_LAST_SUBJECT_SEQUENCE);
        if (expectedSubjectLast != null) {
            var last = store.lastSequenceOf(subject);
            if (parse(expectedSubjectLast) != last) {
                throw ApiError.wrongLastSequence(last).exception();
            }
        }
        var expectedMsgId = headers.get(Headers.EXPECTED_LAST_MSG_ID);
        if (expectedMsgId != null && !expectedMsgId.equals(deduplicator.lastMsgId())) {
            var last = deduplicator.lastMsgId();
            throw ApiError.wrongLastMsgId(last == null ? "" : last).exception();
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
        var size = StoreLimits.messageSize(inbound.subject(), inbound.headers(), inbound.payload());
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

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
