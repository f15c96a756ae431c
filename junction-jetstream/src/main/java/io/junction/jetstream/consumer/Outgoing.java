package io.junction.jetstream.consumer;

import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.stream.Headers;
import java.util.Map;

/** A message as a consumer sends it: with its ack reply, and with its payload moved to a header for headers_only. */
record Outgoing(String subject, String reply, byte[] headers, byte[] payload) {
    static Outgoing of(StoredMessage message, String reply, boolean headersOnly) {
        if (!headersOnly) {
            return new Outgoing(message.subject(), reply, message.headers(), message.payload());
        }
        var size = Integer.toString(message.payload().length);
        return new Outgoing(
                message.subject(),
                reply,
                Headers.append(message.headers(), Map.of("Nats-Msg-Size", size)),
                new byte[0]);
    }

    /**
     * The size nats-server counts against a pull request's {@code max_bytes} and a push consumer's rate limit: the
     * subject, the reply, the headers and the payload, but not the subject it is delivered to.
     */
    int size() {
        return subject.length() + reply.length() + (headers == null ? 0 : headers.length) + payload.length;
    }
}
