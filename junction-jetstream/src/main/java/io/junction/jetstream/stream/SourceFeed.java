package io.junction.jetstream.stream;

import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.transform.SubjectTransform;
import java.util.List;

/**
 * One origin a stream copies from: the origin sequence copied last, when the origin was last seen, and the origin
 * stream followed for new messages. Changed on the copying stream's writer thread only; {@link #report} may run on
 * any thread.
 */
final class SourceFeed {
    private final StreamSource source;
    private final List<String> filters;
    private final List<SubjectTransform> transforms;
    private volatile long position;
    private volatile long lastActiveNanos;
    private volatile Stream origin;

    /** @param position the origin sequence copied last, 0 when none was */
    SourceFeed(StreamSource source, long position) {
        this.source = source;
        this.position = position;
        this.filters = source.filters();
        this.transforms = source.subjectTransforms().stream()
                .map(StreamTransforms::compile)
                .toList();
    }

    StreamSource source() {
        return source;
    }

    long position() {
        return position;
    }

    void advance(long originSequence) {
        position = originSequence;
    }

    Stream origin() {
        return origin;
    }

    /** Records the origin seen now, which may be a new stream of the same name. */
    void seen(Stream current) {
        origin = current;
        lastActiveNanos = System.nanoTime();
    }

    void lost() {
        origin = null;
    }

    /** The next origin message to copy: after the position, or from the configured start when nothing was copied. */
    StoredMessage next(MessageStore originStore) {
        var from = position + 1;
        if (position == 0 && source.optStartSeq() > 0) {
            from = source.optStartSeq();
        }
        var message = nextAfter(originStore, from);
        if (position == 0 && source.optStartSeq() == 0 && source.optStartTime() != null) {
            var start = source.optStartTime();
            var nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
            while (message != null && message.timestampNanos() < nanos) {
                message = nextAfter(originStore, message.sequence() + 1);
            }
        }
        return message;
    }

    /** The first origin message at or after the sequence that the filter or one of the transforms' sources matches. */
    StoredMessage nextAfter(MessageStore originStore, long from) {
        StoredMessage best = null;
        for (var filter : filters) {
            var candidate = originStore.nextMatching(filter, from);
            if (candidate != null && (best == null || candidate.sequence() < best.sequence())) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The subject to store a copied message under: the first transform whose source matches gives it, as in
     * nats-server; the origin's subject when none does or there are none.
     */
    String subjectFor(String originSubject) {
        for (var transform : transforms) {
            if (transform == null) {
                continue;
            }
            var transformed = transform.match(originSubject);
            if (transformed != null) {
                return transformed;
            }
        }
        return originSubject;
    }

    /** nats-server's {@code StreamSourceInfo}: lag is the origin's matching messages not copied yet. */
    SourceReport report() {
        var current = origin;
        var lag = 0L;
        if (current != null) {
            var from = position == 0 && source.optStartSeq() > 0 ? source.optStartSeq() : position + 1;
            lag = current.store().numPending(from, filters, false);
        }
        var active = lastActiveNanos == 0 ? -1 : System.nanoTime() - lastActiveNanos;
        return new SourceReport(
                source.name(), source.filterSubject(), source.subjectTransforms(), lag, active, source.external());
    }
}
