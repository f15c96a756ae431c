package io.junction.jetstream.stream;

import io.junction.jetstream.api.Json;
import io.junction.jetstream.transform.SubjectTransform;
import io.junction.nats.server.NatsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's {@code republish}: collects, on the writer thread, the messages of a batch that the transform's source
 * matches, and publishes them on core NATS once the batch is durable, with nats-server's headers
 * ({@code Nats-Stream}, {@code Nats-Subject}, {@code Nats-Sequence}, {@code Nats-Time-Stamp},
 * {@code Nats-Last-Sequence}, and {@code Nats-Msg-Size} instead of the payload for {@code headers_only}). Not
 * thread-safe: only the writer uses it. The list of messages waiting for the sync belongs to the stream, so that an
 * update in the middle of a batch loses none of them.
 */
final class Republisher {
    private static final byte[] EMPTY = new byte[0];

    private final String stream;
    private final SubjectTransform transform;
    private final boolean headersOnly;
    private final List<Pending> pending;

    private Republisher(String stream, SubjectTransform transform, boolean headersOnly, List<Pending> pending) {
        this.stream = stream;
        this.transform = transform;
        this.headersOnly = headersOnly;
        this.pending = pending;
    }

    /** The list a stream keeps its messages waiting for the sync in. */
    static List<Pending> queue() {
        return new ArrayList<>();
    }

    /**
     * The stream's republisher, or null when it republishes nothing (none configured, or an empty destination).
     *
     * @param pending where messages wait for the sync; {@link #flush} empties it
     */
    static Republisher of(StreamConfig config, List<Pending> pending) {
        var republish = config.republish();
        if (republish == null) {
            return null;
        }
        var transform = SubjectTransform.compile(republish.source(), republish.destination());
        return transform == null ? null : new Republisher(config.name(), transform, republish.headersOnly(), pending);
    }

    /** The subject to republish a message stored under this subject to, or null when the source does not match. */
    String destination(String subject) {
        return transform.match(subject);
    }

    /**
     * Remembers a stored message for after the sync.
     *
     * @param lastSubjectSequence the subject's last sequence before this message, 0 for none: lets a reader of the
     *     republished messages see a gap
     */
    void stored(
            String destination,
            String subject,
            long sequence,
            long timestampNanos,
            long lastSubjectSequence,
            byte[] headers,
            byte[] payload) {
        var block = headers(headers, subject, sequence, timestampNanos, lastSubjectSequence, payload.length);
        pending.add(new Pending(destination, block, headersOnly ? EMPTY : payload));
    }

    /** Publishes what the batch stored, in order; {@code durable} false drops them, as their acks report failure. */
    static void flush(List<Pending> pending, NatsServer server, boolean durable) {
        if (durable) {
            for (var message : pending) {
                server.publish(message.subject(), null, message.headers(), message.payload());
            }
        }
        pending.clear();
    }

    private byte[] headers(
            byte[] original, String subject, long sequence, long timestampNanos, long last, int payloadSize) {
        var text = new StringBuilder(160);
        if (original == null || original.length == 0) {
            text.append("NATS/1.0\r\n");
        } else {
            // the stored block ends in an empty line; the stream's headers go before it
            var block = new String(original, StandardCharsets.ISO_8859_1);
            text.append(block, 0, block.endsWith("\r\n\r\n") ? block.length() - 2 : block.length());
        }
        text.append("Nats-Stream: ").append(stream).append("\r\n");
        text.append("Nats-Subject: ").append(subject).append("\r\n");
        text.append("Nats-Sequence: ").append(sequence).append("\r\n");
        text.append("Nats-Time-Stamp: ").append(Json.time(timestampNanos)).append("\r\n");
        text.append("Nats-Last-Sequence: ").append(last).append("\r\n");
        if (headersOnly) {
            text.append("Nats-Msg-Size: ").append(payloadSize).append("\r\n");
        }
        text.append("\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    record Pending(String subject, byte[] headers, byte[] payload) {}
}
